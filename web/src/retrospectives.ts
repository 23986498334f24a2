// Which period's lessons to show while planning one (F24): the latest period
// of the same kind that ended before it starts — last quarter for a quarter.
// This chooses what to display; it computes no DOMAIN.md rule.
import type { Period } from './api/types';

export function previousPeriod(period: Period, all: readonly Period[]): Period | null {
  let best: Period | null = null;
  for (const p of all) {
    if (p.id === period.id || p.kind !== period.kind || p.end_date >= period.start_date) continue;
    if (!best || p.end_date > best.end_date) best = p;
  }
  return best;
}
