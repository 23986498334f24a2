import { expect, test } from 'vitest';

import { chartData } from '../src/components/KeyResultHistory';

test('the chart joins both lines on one time axis, each only where it has a value', () => {
  const [xs, progress, pace] = chartData({
    points: [
      { at: '2026-01-10T00:00:00Z', progress: 0.05, check_in: {} as never },
      { at: '2026-02-10T00:00:00Z', progress: 0.3, check_in: {} as never },
    ],
    pace: [
      { at: '2026-01-01T00:00:00Z', expected: 0 },
      { at: '2026-04-01T00:00:00Z', expected: 1 },
    ],
  });
  expect(xs).toEqual([
    Date.parse('2026-01-01T00:00:00Z') / 1000,
    Date.parse('2026-01-10T00:00:00Z') / 1000,
    Date.parse('2026-02-10T00:00:00Z') / 1000,
    Date.parse('2026-04-01T00:00:00Z') / 1000,
  ]);
  expect(progress).toEqual([null, 0.05, 0.3, null]);
  expect(pace).toEqual([0, null, null, 1]);
});
