import { describe, expect, it } from 'vitest';

import type { Period } from '../src/api/types';
import { previousPeriod } from '../src/retrospectives';

function period(id: string, kind: string, start_date: string, end_date: string): Period {
  return { id, name: id, kind, start_date, end_date, parent_id: null, state: 'closed' };
}

describe('previousPeriod', () => {
  const q2 = period('q2', 'quarter', '2026-04-01', '2026-06-30');
  const q3 = period('q3', 'quarter', '2026-07-01', '2026-09-30');
  const q4 = period('q4', 'quarter', '2026-10-01', '2026-12-31');
  const year = period('y', 'year', '2026-01-01', '2026-12-31');

  it('is the latest period of the same kind that ended before this one starts', () => {
    expect(previousPeriod(q4, [q2, year, q4, q3])?.id).toBe('q3');
    expect(previousPeriod(q3, [q4, q3, q2])?.id).toBe('q2');
  });

  it('skips other kinds and overlapping periods, and is null for the first one', () => {
    expect(previousPeriod(q2, [year, q2, q3, q4])).toBeNull();
    expect(previousPeriod(year, [q2, q3, q4, year])).toBeNull();
  });
});
