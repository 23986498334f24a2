import { useState } from 'preact/hooks';

import { api, query } from '../../api/client';
import type { ComparedObjective, Page, PeriodComparison, Unit } from '../../api/types';
import { ErrorNote } from '../../components/ErrorNote';
import { LineChart } from '../../components/LineChart';
import { Link } from '../../components/Link';
import { StatusBadge } from '../../components/StatusBadge';
import { percent, t } from '../../i18n';
import { compareRows, defaultComparePeriods } from '../../insight';
import { periods } from '../../session';
import { localToday } from '../../timeline';
import { useLoad } from '../../useLoad';

const kMin = 2;
const kMax = 8;

function ObjectiveCell(props: { objective: ComparedObjective | null; comparison: PeriodComparison }) {
  const o = props.objective;
  if (!o) return <td class="empty-cell" />;
  // The period the original sits in, to say where this one came from.
  const from = o.rolled_over_from
    ? props.comparison.periods.find((p) => p.objectives.some((x) => x.id === o.rolled_over_from))
    : undefined;
  return (
    <td data-objective={o.id}>
      <Link href={`/objectives/${o.id}`}>{o.title}</Link>
      <div class="compare-facts">
        <StatusBadge status={o.status} /> {t('compare.progress', { value: percent(o.progress) })}
        {' · '}
        {o.score === null ? t('compare.not_scored') : t('compare.score', { value: percent(o.score) })}
        {o.success !== null && <> · {o.success ? t('compare.succeeded') : t('compare.missed')}</>}
      </div>
      {from && <div class="rolled-over">{t('compare.rolled_over', { period: from.name })}</div>}
    </td>
  );
}

function ComparisonView(props: { comparison: PeriodComparison; unit: string }) {
  const c = props.comparison;
  const rows = compareRows(c);
  const xs = c.periods.map((_, i) => i);
  return (
    <>
      <LineChart
        label={t('compare.chart', { unit: props.unit })}
        xLabel={t('insight.period')}
        xs={xs}
        xTicks={xs}
        formatX={(x) => c.periods[Math.round(x)]?.name ?? ''}
        series={[
          { label: t('compare.series_progress'), values: c.periods.map((p) => p.progress), colour: '--on-track' },
          { label: t('compare.series_score'), values: c.periods.map((p) => p.score), colour: '--done', dash: [6, 4] },
        ]}
        formatY={(y) => percent(y)}
        yRange={[0, 1]}
      />
      <div class="table-scroll" role="region" aria-label={t('compare.table', { unit: props.unit })} tabIndex={0}>
        <table class="report-table compare-table">
          <caption>{t('compare.table', { unit: props.unit })}</caption>
          <thead>
            <tr>
              {c.periods.map((p) => (
                <th key={p.period_id} scope="col">
                  {p.name}
                  <div class="compare-facts">
                    {t(`period.state.${p.state}`)} · {t('compare.progress', { value: percent(p.progress) })}
                    {' · '}
                    {p.score === null ? t('compare.not_scored') : t('compare.score', { value: percent(p.score) })}
                  </div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={c.periods.length} class="empty">
                  {t('compare.no_objectives')}
                </td>
              </tr>
            ) : (
              rows.map((row, i) => (
                <tr key={i}>
                  {row.map((o, column) => (
                    <ObjectiveCell key={column} objective={o} comparison={c} />
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}

// One unit's periods side by side (docs/maturity.md "Comparing periods"):
// pick a unit and 2 to 8 periods (first: the last four quarters).
export function CompareSection() {
  const units = useLoad(() => api<Page<Unit>>('GET', '/units?limit=1000'), []);
  const [unit, setUnit] = useState('');
  const [chosen, setChosen] = useState<string[]>(() => defaultComparePeriods(periods.value, localToday()));
  // Columns go by start date, whatever order the periods were ticked in.
  const byStart = [...periods.value].sort((a, b) => (a.start_date < b.start_date ? -1 : a.start_date > b.start_date ? 1 : 0));
  const ordered = byStart.filter((p) => chosen.includes(p.id)).map((p) => p.id);
  const ready = ordered.length >= kMin && ordered.length <= kMax;
  const loaded = useLoad(
    () =>
      ready
        ? api<PeriodComparison>(
            'GET',
            `/reports/compare${query({ unit_id: unit || undefined, period_ids: ordered.join(',') })}`,
          )
        : Promise.resolve(null),
    [unit, ordered.join(',')],
  );
  const liveUnits = (units.data?.items ?? []).filter((u) => !u.archived);
  const shownUnit = (id: string) => liveUnits.find((u) => u.id === id)?.name ?? '';
  const toggle = (id: string, on: boolean) =>
    setChosen((current) => (on ? [...current, id] : current.filter((p) => p !== id)));
  return (
    <section aria-labelledby="compare-heading">
      <h2 id="compare-heading" class="visually-hidden">
        {t('insight.compare')}
      </h2>
      <p class="lead">{t('compare.intro')}</p>
      <div class="report-controls">
        <label class="field">
          <span>{t('compare.unit')}</span>
          <select value={unit} onChange={(e) => setUnit(e.currentTarget.value)}>
            {liveUnits.map((u) => (
              <option key={u.id} value={u.kind === 'company' ? '' : u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <fieldset class="compare-periods">
          <legend>{t('compare.periods')}</legend>
          <ul class="choices">
            {byStart.map((p) => (
              <li key={p.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={chosen.includes(p.id)}
                    onChange={(e) => toggle(p.id, e.currentTarget.checked)}
                  />{' '}
                  {p.name}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      </div>
      {units.error ? <ErrorNote error={units.error} /> : null}
      {!ready ? (
        <p class="hint">{t('compare.pick')}</p>
      ) : loaded.error ? (
        <ErrorNote error={loaded.error} />
      ) : !loaded.data ? (
        <p>{t('app.loading')}</p>
      ) : (
        <ComparisonView
          comparison={loaded.data}
          unit={shownUnit(loaded.data.unit_id) || liveUnits.find((u) => u.kind === 'company')?.name || ''}
        />
      )}
    </section>
  );
}
