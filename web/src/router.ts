// Client-side routes on the History API. The server answers every non-API
// path with the app, so links to /objectives/obj_3 can be shared and reloaded.
import { signal } from '@preact/signals';

import { keepDay } from './timeTravel';

export const path = signal(typeof location === 'undefined' ? '/' : location.pathname);

export function navigate(to: string, replace = false): void {
  to = keepDay(to);
  if (to === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  path.value = location.pathname;
  window.scrollTo(0, 0);
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    path.value = location.pathname;
  });
}

// Matches "/objectives/:id" against "/objectives/obj_3" → {id: "obj_3"}.
export function match(pattern: string, actual: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = actual.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith(':')) {
      if (!g) return null;
      params[w.slice(1)] = decodeURIComponent(g);
    } else if (w !== g) {
      return null;
    }
  }
  return params;
}
