// Who is signed in, and the period the pages show. Loaded once at start; the
// CSRF token comes back with /me after a reload (the cookie is HttpOnly).
import { signal } from '@preact/signals';

import { api, ApiError, setCsrfToken, whenSignedOut } from './api/client';
import type { Me, Period } from './api/types';
import { asOfDay, today } from './timeTravel';

export const me = signal<Me | null>(null);
export const setupNeeded = signal(false);
export const periods = signal<Period[]>([]);
export const periodId = signal<string | null>(null);

whenSignedOut(() => {
  setCsrfToken(null);
  me.value = null;
});

// The period to show first: the shortest active one (a quarter rather than
// its year), else the latest that has started.
export function defaultPeriod(list: Period[], today: string): Period | null {
  const span = (p: Period) => Date.parse(p.end_date) - Date.parse(p.start_date);
  const current = list
    .filter((p) => p.state !== 'closed' && p.start_date <= today && today <= p.end_date)
    .sort((a, b) => span(a) - span(b));
  if (current[0]) return current[0];
  const started = list.filter((p) => p.start_date <= today).sort((a, b) => (a.start_date < b.start_date ? 1 : -1));
  return started[0] ?? list[0] ?? null;
}

// The periods as of the day shown; `fresh` picks the period to show again
// (after travelling in time: the one running on that day).
export async function loadPeriods(fresh = false): Promise<void> {
  const page = await api<{ items: Period[] }>('GET', '/periods?limit=1000');
  periods.value = page.items;
  if (fresh || !periodId.value || !page.items.some((p) => p.id === periodId.value)) {
    periodId.value = defaultPeriod(page.items, asOfDay.value ?? today())?.id ?? null;
  }
}

// Asks the server who we are; null when nobody is signed in.
export async function loadSession(): Promise<void> {
  const setup = await api<{ setup_needed: boolean }>('GET', '/setup');
  setupNeeded.value = setup.setup_needed;
  if (setup.setup_needed) return;
  try {
    const answer = await api<Me>('GET', '/me');
    setCsrfToken(answer.csrf_token ?? null);
    me.value = answer;
    await loadPeriods();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      me.value = null;
      return;
    }
    throw error;
  }
}

export async function signIn(email: string, password: string): Promise<void> {
  const answer = await api<{ csrf_token: string }>('POST', '/auth/login', { email, password });
  setCsrfToken(answer.csrf_token);
  const who = await api<Me>('GET', '/me');
  me.value = who;
  await loadPeriods();
}

export async function signOut(): Promise<void> {
  try {
    await api('POST', '/auth/logout');
  } finally {
    setCsrfToken(null);
    me.value = null;
    periods.value = [];
    periodId.value = null;
  }
}
