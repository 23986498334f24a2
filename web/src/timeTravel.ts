// Time travel (F36): the whole app as the organisation stood at the end of a
// chosen day. The day lives in the address (?as_of=2026-10-01) so a view can
// be shared and reloaded; every read the app makes carries the matching
// instant (the API's `as_of`), and writes wait until the reader is back in
// the present — a change made while looking at the past would land today.
import { signal } from '@preact/signals';

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

// Today in the browser's time zone, as YYYY-MM-DD.
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// A day before today, or null (today and later days are the present).
function pastDay(day: string | null | undefined): string | null {
  return day && dayPattern.test(day) && day < today() ? day : null;
}

export const asOfDay = signal<string | null>(
  typeof location === 'undefined' ? null : pastDay(new URLSearchParams(location.search).get('as_of')),
);

// The instant a day stands for: its last second in the browser's time zone,
// so "as of 1 October" includes everything that happened that day.
export function endOfDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d!, 23, 59, 59).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// An API path with the instant of the day shown, for a read; unchanged in the
// present or when the path names its own as_of.
export function withAsOf(path: string, day: string | null = asOfDay.value): string {
  if (!day || /[?&]as_of=/.test(path)) return path;
  return `${path}${path.includes('?') ? '&' : '?'}as_of=${encodeURIComponent(endOfDay(day))}`;
}

// An app address that keeps the day shown, so moving between pages stays in
// the past until the reader leaves it.
export function keepDay(to: string, day: string | null = asOfDay.value): string {
  if (!day || to.includes('?')) return to;
  return `${to}?as_of=${day}`;
}

// Shows the organisation as of the end of `day`; null (or today) returns to the present.
export function travelTo(day: string | null): void {
  asOfDay.value = pastDay(day);
  if (typeof location === 'undefined') return;
  const search = new URLSearchParams(location.search);
  if (asOfDay.value) search.set('as_of', asOfDay.value);
  else search.delete('as_of');
  const text = search.toString();
  history.replaceState(null, '', location.pathname + (text ? `?${text}` : ''));
}
