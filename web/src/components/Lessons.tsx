import { api, query } from '../api/client';
import type { Page, Period, Retrospectives, Unit } from '../api/types';
import { t } from '../i18n';
import { previousPeriod } from '../retrospectives';
import { periods } from '../session';
import { useLoad } from '../useLoad';
import { Link } from './Link';

// The lessons the units wrote in the previous period's retrospectives, shown
// again while the next one is planned (F24). Nothing when there are none.
export function Lessons(props: { period: Period | null }) {
  const previous = props.period ? previousPeriod(props.period, periods.value) : null;
  const loaded = useLoad(
    async () => {
      if (!previous) return null;
      const [list, units] = await Promise.all([
        api<Retrospectives>('GET', `/retrospectives${query({ period_id: previous.id, limit: 1000 })}`),
        api<Page<Unit>>('GET', '/units?limit=1000'),
      ]);
      const names = new Map(units.items.map((u) => [u.id, u.name]));
      return list.items
        .filter((r) => r.answers.lessons.trim())
        .map((r) => ({ id: r.id, unit: names.get(r.unit_id) ?? r.unit_id, lessons: r.answers.lessons }));
    },
    [previous?.id],
    ['retrospective'],
  );
  if (!previous || !loaded.data || loaded.data.length === 0) return null;
  return (
    <aside class="card lessons" aria-labelledby="lessons-title">
      <h2 id="lessons-title">{t('retro.lessons_from', { period: previous.name })}</h2>
      <ul>
        {loaded.data.map((l) => (
          <li key={l.id}>
            <strong>{l.unit}:</strong> <span class="lesson">{l.lessons}</span>
          </li>
        ))}
      </ul>
      <p class="hint">
        <Link href={`/periods/${previous.id}`}>{t('retro.read_all', { period: previous.name })}</Link>
      </p>
    </aside>
  );
}
