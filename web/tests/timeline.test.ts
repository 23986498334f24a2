// Where the rollout timeline's marks go: in the order of their days, the two
// weeks of rollout on the first 30 % of the line, today only when on it.
import { describe, expect, test } from 'vitest';

import { localToday, timelineMarks } from '../src/timeline';

const q1 = {
  start_date: '2027-01-01',
  end_date: '2027-03-31',
  rollout: { drafts_due: '2026-12-18', review: '2026-12-25', commit: '2026-12-30' },
};

describe('rollout timeline', () => {
  test('the steps and the period in order, rollout on 30 % of the line', () => {
    const { marks, todayIs } = timelineMarks(q1, '2026-11-22');
    expect(todayIs).toBe('before');
    expect(marks.map((m) => m.step)).toEqual(['drafts_due', 'review', 'commit', 'start', 'end']);
    expect(marks.map((m) => Math.round(m.at))).toEqual([0, 15, 26, 30, 100]);
  });

  test('today is marked in its place, after a step of the same day', () => {
    const { marks, todayIs } = timelineMarks(q1, '2027-01-01');
    expect(todayIs).toBe('within');
    expect(marks.map((m) => m.step)).toEqual(['drafts_due', 'review', 'commit', 'start', 'today', 'end']);
    const mid = timelineMarks(q1, '2027-02-14').marks.find((m) => m.step === 'today')!;
    expect(mid.at).toBeCloseTo(30 + (70 * 44) / 89, 5);
    expect(timelineMarks(q1, '2027-04-01').todayIs).toBe('after');
    expect(timelineMarks(q1, '2027-04-01').marks).toHaveLength(5);
  });

  test('today is the reader’s calendar day', () => {
    expect(localToday(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
});
