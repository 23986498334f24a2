// Every notification the server makes reads as a sentence of the catalogues
// in English and German, filled from its params; the kinds and statuses are
// read from the server's sources, so a new one there fails here until the
// app has words for it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { afterEach, describe, expect, test } from 'vitest';

import type { AppNotification } from '../src/api/types';
import { catalogues, date, language, languages } from '../src/i18n';
import { describeNotification, notificationHref, notificationKinds } from '../src/notifications';

const source = (path: string) => readFileSync(resolve(__dirname, '../..', path), 'utf8');

// The quoted names in a C++ initializer or switch.
const quotedNames = (text: string) => [...text.matchAll(/"(\w+)"/g)].map((m) => m[1]!);

const serverKinds = quotedNames(/kAlertKinds\[\] = \{([^}]*)\}/.exec(source('src/app/alerts.h'))![1]!);
const serverStatuses = quotedNames(/to_string\(Status status\) \{([\s\S]*?)\n\}/.exec(source('src/core/status.cc'))![1]!);

const item = (title: string) => ({ id: 'kr_9', title, objective_id: 'obj_3', objective_title: 'Delight our customers' });

// One notification of each kind and variant, with the params the server
// writes (src/app/alerts.cc, src/app/scheduler.cc; docs/notifications.md).
const samples: Record<string, Array<Record<string, unknown>>> = {
  mention: [{ subject: 'objective', title: 'Delight our customers', author: 'Maya', excerpt: 'Look at churn' }],
  delegation: [{ subject: 'key_result', title: 'Cut churn', objective_id: 'obj_3', actor: 'Maya', owner: 'Tom' }],
  status_changed: [
    { subject: 'objective', title: 'Delight our customers', status: 'behind', previous_status: 'on_track', progress: 0.31, expected: 0.45 },
    { subject: 'key_result', title: 'Cut churn', objective_id: 'obj_3', status: 'at_risk', previous_status: 'behind', progress: 0.2, expected: 0.55 },
  ],
  dependency_at_risk: [
    { subject: 'objective', title: 'Launch in Spain', dependency_subject: 'key_result', dependency_title: 'Cut churn' },
  ],
  stale: [{ subject: 'key_result', title: 'Cut churn', objective_id: 'obj_3', objective_title: 'Delight our customers' }],
  digest: [{ at_risk: [item('Cut churn')], stale: [item('Hire two'), item('Ship v2')] }],
  check_in_reminder: [
    { count: 1, key_results: [item('Cut churn')] },
    { count: 2, key_results: [item('Cut churn'), item('Hire two')] },
  ],
  rollout: ['drafts_due', 'review', 'commit'].map((step) => ({
    period_id: 'prd_2',
    period: 'Q1 2027',
    start_date: '2027-01-01',
    end_date: '2027-03-31',
    step,
    date: '2026-12-18',
  })),
  period_changed: ['started', 'ended'].map((change) => ({
    period_id: 'prd_2',
    period: 'Q1 2027',
    start_date: '2027-01-01',
    end_date: '2027-03-31',
    change,
  })),
};

const notification = (kind: string, params: Record<string, unknown>): AppNotification => ({
  id: 'ntf_1',
  kind,
  subject_id: null,
  text: 'THE SERVER TEXT',
  params,
  at: '2026-11-22T09:00:00Z',
  read_at: null,
});

afterEach(() => {
  language.value = 'en';
});

describe('notification messages', () => {
  test('the app knows exactly the kinds the server makes', () => {
    expect(serverKinds.length).toBeGreaterThan(5);
    expect([...notificationKinds].sort()).toEqual([...serverKinds].sort());
    expect(Object.keys(samples).sort()).toEqual([...serverKinds].sort());
  });

  test('every kind and variant has a message in English and German, filled from its params', () => {
    expect(languages).toEqual(['en', 'de']);
    for (const lang of languages) {
      language.value = lang;
      for (const [kind, variants] of Object.entries(samples)) {
        const seen = new Set<string>();
        for (const params of variants) {
          const view = describeNotification(notification(kind, params));
          expect(view.message, `${lang} ${kind}`).not.toBe('THE SERVER TEXT');
          expect(view.message, `${lang} ${kind}`).not.toMatch(/[{}]/);
          seen.add(view.message);
        }
        expect(seen.size, `${lang} ${kind}: each variant says something else`).toBe(variants.length);
      }
    }
  });

  test('every status the server has is a word in every language, and every kind has a label', () => {
    expect(serverStatuses).toContain('at_risk');
    for (const [name, messages] of Object.entries(catalogues)) {
      for (const status of serverStatuses) {
        expect(messages[`notification.status.${status}` as keyof typeof messages], `${name} ${status}`).toBeTruthy();
      }
      for (const kind of serverKinds) {
        expect(messages[`notification.kind.${kind}` as keyof typeof messages], `${name} ${kind}`).toBeTruthy();
      }
    }
  });

  test('the params fill the sentence: names, titles, statuses in words, numbers and dates in the locale', () => {
    const behind = notification('status_changed', samples.status_changed![0]!);
    expect(describeNotification(behind).message).toBe(
      'Objective “Delight our customers” is now behind (was on track): progress 31%, expected 45%.',
    );
    language.value = 'de';
    expect(describeNotification(behind).message).toBe(
      'Ziel „Delight our customers“ ist jetzt im Rückstand (vorher im Plan): Fortschritt 31\u00a0%, erwartet 45\u00a0%.',
    );
    const drafts = notification('rollout', samples.rollout![0]!);
    expect(describeNotification(drafts).message).toBe(
      'Einführung von Q1 2027 (Beginn 01.01.2027): Heute, am 18.12.2026, sind die Entwürfe fällig.',
    );
    language.value = 'en';
    expect(describeNotification(drafts).message).toBe(
      'Rollout of Q1 2027 (starts Jan 1, 2027): drafts are due today, Dec 18, 2026.',
    );
    const mention = describeNotification(notification('mention', samples.mention![0]!));
    expect(mention.message).toBe('Maya mentioned you on “Delight our customers”');
    expect(mention.quote).toBe('Look at churn');
    const reminder = describeNotification(notification('check_in_reminder', samples.check_in_reminder![0]!));
    expect(reminder.message).toBe('It is check-in day: 1 key result waits for your check-in.');
    expect(reminder.lists[0]!.items).toEqual([{ text: '“Cut churn” (Delight our customers)', href: '/objectives/obj_3' }]);
    const digest = describeNotification(notification('digest', samples.digest![0]!));
    expect(digest.message).toBe('Your week in Cairn: 1 at risk, 2 without a recent check-in.');
    expect(digest.lists.map((l) => l.items.length)).toEqual([1, 2]);
  });

  test('without params (made before the server kept them) or with an unknown variant, the server text shows', () => {
    expect(describeNotification(notification('mention', {})).message).toBe('THE SERVER TEXT');
    expect(describeNotification(notification('rollout', { ...samples.rollout![0]!, step: 'party' })).message).toBe(
      'THE SERVER TEXT',
    );
    expect(describeNotification(notification('gossip', { title: 'x' })).message).toBe('THE SERVER TEXT');
  });

  test('a notification links to its objective, a key result’s objective, or its period', () => {
    expect(notificationHref({ ...notification('mention', {}), subject_id: 'obj_4' })).toBe('/objectives/obj_4');
    expect(notificationHref({ ...notification('stale', samples.stale![0]!), subject_id: 'kr_9' })).toBe('/objectives/obj_3');
    expect(notificationHref(notification('rollout', samples.rollout![0]!))).toBe('/periods/prd_2');
    expect(notificationHref(notification('digest', samples.digest![0]!))).toBeNull();
  });
});

describe('calendar days', () => {
  test('a day is that day in every time zone, an instant follows the reader', () => {
    expect(date('2026-12-18')).toBe('Dec 18, 2026');
    language.value = 'de';
    expect(date('2026-12-18')).toBe('18.12.2026');
  });
});
