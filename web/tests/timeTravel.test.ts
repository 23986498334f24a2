import { afterEach, describe, expect, it } from 'vitest';

import { asOfDay, endOfDay, keepDay, withAsOf } from '../src/timeTravel';

describe('time travel', () => {
  afterEach(() => {
    asOfDay.value = null;
  });

  it('stands a day for its last second in the local time zone', () => {
    const instant = endOfDay('2026-10-01');
    expect(instant).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:59Z$/);
    const back = new Date(instant);
    expect([back.getFullYear(), back.getMonth() + 1, back.getDate(), back.getHours(), back.getMinutes()]).toEqual([
      2026, 10, 1, 23, 59,
    ]);
  });

  it('adds as_of to reads only while a past day is shown', () => {
    expect(withAsOf('/objectives?limit=5')).toBe('/objectives?limit=5');
    asOfDay.value = '2026-10-01';
    const at = encodeURIComponent(endOfDay('2026-10-01'));
    expect(withAsOf('/objectives?limit=5')).toBe(`/objectives?limit=5&as_of=${at}`);
    expect(withAsOf('/company')).toBe(`/company?as_of=${at}`);
    expect(withAsOf('/objectives?as_of=2025-01-01T00:00:00Z')).toBe('/objectives?as_of=2025-01-01T00:00:00Z');
  });

  it('keeps the day in the addresses the app moves to', () => {
    expect(keepDay('/company')).toBe('/company');
    asOfDay.value = '2026-10-01';
    expect(keepDay('/company')).toBe('/company?as_of=2026-10-01');
    expect(keepDay('/objectives?x=1')).toBe('/objectives?x=1');
  });
});
