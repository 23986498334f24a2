// In-app notifications in the reader's language: the server keeps each
// notification's variable parts in `params` (docs/notifications.md), and the
// message around them comes from the catalogues. A notification whose params
// do not fill its message (one made before the server kept them) shows the
// server's English `text`.
import type { AppNotification } from './api/types';
import { date, percent, plural, t } from './i18n';
import { en, type MessageKey } from './i18n/en';

// The kinds the server makes (src/app/alerts.h, kAlertKinds);
// tests/notifications.test.ts checks that the two lists agree.
export const notificationKinds = [
  'mention',
  'delegation',
  'status_changed',
  'dependency_at_risk',
  'stale',
  'digest',
  'check_in_reminder',
  'rollout',
  'period_changed',
] as const;

// The channels a person may choose (the server says which are on).
export const channelKinds = ['in_app', 'email'] as const;

// One key result a reminder or digest lists, with where it links to.
export interface ListedKeyResult {
  text: string;
  href: string | null;
}

export interface NotificationView {
  message: string;
  // A comment's words, shown as a quote under the message.
  quote: string | null;
  // Lists of key results (reminders, digests), each under its heading.
  lists: Array<{ heading: string; items: ListedKeyResult[] }>;
  href: string | null;
}

type Params = Record<string, unknown>;

const text = (params: Params, name: string): string | null =>
  typeof params[name] === 'string' ? (params[name] as string) : null;

// The message `key` with `values`, or null when the catalogue has no such
// message or a value it needs is missing.
function fill(key: string, values: Record<string, string | number | null>): string | null {
  if (!(key in en)) return null;
  const present: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(values)) if (value !== null) present[name] = value;
  const message = t(key as MessageKey, present);
  return /\{\w+\}/.test(message) ? null : message;
}

function statusWord(status: string | null): string | null {
  return status === null ? null : fill(`notification.status.${status}`, {});
}

function number(params: Params, name: string): string | null {
  return typeof params[name] === 'number' ? percent(params[name] as number) : null;
}

function day(params: Params, name: string): string | null {
  const value = text(params, name);
  return value === null ? null : date(value);
}

function keyResults(params: Params, name: string): ListedKeyResult[] {
  const list = params[name];
  if (!Array.isArray(list)) return [];
  return list.map((item: Params) => ({
    text: t('notification.key_result_item', {
      title: String(item.title ?? ''),
      objective: String(item.objective_title ?? ''),
    }),
    href: typeof item.objective_id === 'string' ? `/objectives/${item.objective_id}` : null,
  }));
}

function message(n: AppNotification): string | null {
  const p = n.params;
  const title = text(p, 'title');
  switch (n.kind) {
    case 'mention':
      return fill('notification.mention', { author: text(p, 'author'), title });
    case 'delegation':
      return fill('notification.delegation', { actor: text(p, 'actor'), title, owner: text(p, 'owner') });
    case 'status_changed':
      return fill(`notification.status_changed.${text(p, 'subject')}`, {
        title,
        status: statusWord(text(p, 'status')),
        previous: statusWord(text(p, 'previous_status')),
        progress: number(p, 'progress'),
        expected: number(p, 'expected'),
      });
    case 'dependency_at_risk':
      return fill('notification.dependency_at_risk', { title, dependency: text(p, 'dependency_title') });
    case 'stale':
      return fill('notification.stale', { title, objective: text(p, 'objective_title') });
    case 'check_in_reminder': {
      const count = typeof p.count === 'number' ? p.count : null;
      return count === null ? null : fill(plural('notification.check_in_reminder', count), { count });
    }
    case 'digest': {
      const atRisk = Array.isArray(p.at_risk) ? p.at_risk.length : null;
      const stale = Array.isArray(p.stale) ? p.stale.length : null;
      return fill('notification.digest', { at_risk: atRisk, stale });
    }
    case 'rollout':
      return fill(`notification.rollout.${text(p, 'step')}`, {
        period: text(p, 'period'),
        start: day(p, 'start_date'),
        date: day(p, 'date'),
      });
    case 'period_changed':
      return fill(`notification.period_changed.${text(p, 'change')}`, {
        period: text(p, 'period'),
        start: day(p, 'start_date'),
        end: day(p, 'end_date'),
      });
    default:
      return null;
  }
}

// Where a notification leads: its objective (a key result's objective), or
// its period.
export function notificationHref(n: AppNotification): string | null {
  if (n.subject_id?.startsWith('obj_')) return `/objectives/${n.subject_id}`;
  const objective = text(n.params, 'objective_id');
  if (objective) return `/objectives/${objective}`;
  const period = text(n.params, 'period_id');
  if (period) return `/periods/${period}`;
  return null;
}

export function describeNotification(n: AppNotification): NotificationView {
  const written = message(n);
  const lists: NotificationView['lists'] = [];
  if (written !== null) {
    const reminded = keyResults(n.params, 'key_results');
    if (reminded.length) lists.push({ heading: t('notification.waiting'), items: reminded });
    const atRisk = keyResults(n.params, 'at_risk');
    if (atRisk.length) lists.push({ heading: t('notification.at_risk'), items: atRisk });
    const stale = keyResults(n.params, 'stale');
    if (stale.length) lists.push({ heading: t('notification.stale_list'), items: stale });
  }
  return {
    message: written ?? n.text,
    quote: written !== null && n.kind === 'mention' ? text(n.params, 'excerpt') : null,
    lists,
    href: notificationHref(n),
  };
}
