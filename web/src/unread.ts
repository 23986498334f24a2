// How many of the signed-in person's notifications are unread, for the
// header's badge: asked once, then again when the live stream says new ones
// came, and after the person marks some read.
import { signal } from '@preact/signals';

import { api } from './api/client';
import type { AppNotification, Page } from './api/types';
import { subscribe } from './live';

// Counted up to this many; more shows as "99+".
export const unreadLimit = 100;
export const unread = signal<number | null>(null);

let listening: (() => void) | null = null;
let asked = 0;

export async function refreshUnread(): Promise<void> {
  const mine = ++asked;
  try {
    const page = await api<Page<AppNotification>>('GET', `/notifications?unread=true&limit=${unreadLimit}`);
    if (mine === asked) unread.value = page.items.length;
  } catch {
    // The badge is a hint: the notifications list says what failed.
  }
}

// Counts now and follows the live stream from then on (stopUnread() ends
// that at sign-out).
export function followUnread(): void {
  listening ??= subscribe((kind) => {
    if (kind === 'notification') void refreshUnread();
  });
  void refreshUnread();
}

export function stopUnread(): void {
  listening?.();
  listening = null;
  unread.value = null;
}

// The badge's text: "3", or "99+" when there are at least unreadLimit.
export function badgeText(count: number): string {
  return count >= unreadLimit ? `${unreadLimit - 1}+` : String(count);
}
