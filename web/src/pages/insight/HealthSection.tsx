import { useState } from 'preact/hooks';

import { api, ApiError, query } from '../../api/client';
import type { HealthFigureName, HealthReport, Page, Unit } from '../../api/types';
import { ErrorNote } from '../../components/ErrorNote';
import { LineChart } from '../../components/LineChart';
import { date, number, percent, t } from '../../i18n';
import { attainmentText, figureText } from '../../insight';
import { periodId, periods } from '../../session';
import { useLoad } from '../../useLoad';

const figures: HealthFigureName[] = ['onboarding', 'activity', 'alignment', 'transparency', 'focus'];
const colours: Record<HealthFigureName | 'attainment', string> = {
  onboarding: '--done',
  activity: '--on-track',
  alignment: '--accent',
  transparency: '--behind',
  focus: '--not-started',
  attainment: '--at-risk',
};

// Attainment in words: a closed period's mean score, or how far ahead of or
// behind pace an open one is (the sign is the server's P − e).

// The server answers 422 naming period_id when no period runs at as_of.
const noPeriod = (error: unknown) =>
  error instanceof ApiError && error.status === 422 && error.fields.some((f) => f.field === 'period_id');

function Figures(props: { report: HealthReport }) {
  const r = props.report;
  return (
    <dl class="health-figures">
      {figures.map((name) => (
        <div key={name} class="health-figure" data-figure={name}>
          <dt>{t(`health.figure.${name}`)}</dt>
          <dd class="figure-value">{figureText(r.figures[name])}</dd>
          <dd class="hint">
            {name === 'focus'
              ? t('health.explain.focus', { mean: number(r.objectives_per_owner) })
              : t(`health.explain.${name}`)}
          </dd>
        </div>
      ))}
      <div class="health-figure" data-figure="attainment">
        <dt>{t('health.figure.attainment')}</dt>
        <dd class="figure-value">{attainmentText(r.attainment)}</dd>
        <dd class="hint">
          {t(r.attainment.kind === 'score' ? 'health.explain.attainment_score' : 'health.explain.attainment_pace')}
        </dd>
      </div>
    </dl>
  );
}

function Trend(props: { report: HealthReport }) {
  const trend = props.report.trend;
  const xs = trend.map((p) => Date.parse(p.as_of) / 1000);
  const attainment = trend.map((p) => p.attainment.value);
  const lowest = Math.min(0, ...attainment.filter((v): v is number => v !== null));
  return (
    <LineChart
      label={t('health.trend_chart')}
      xLabel={t('insight.date')}
      xs={xs}
      xTime
      formatX={(x) => date(new Date(x * 1000).toISOString())}
      series={[
        ...figures.map((name) => ({
          label: t(`health.figure.${name}`),
          values: trend.map((p) => p.figures[name].ratio),
          colour: colours[name],
        })),
        { label: t('health.figure.attainment'), values: attainment, colour: colours.attainment, dash: [6, 4] },
      ]}
      formatY={(y) => percent(y)}
      yRange={[lowest, 1]}
    />
  );
}

// Program health (docs/maturity.md): the six figures of a pilot group — or,
// with no unit ticked, of the whole organisation — in a period, each with
// its counts, and their trend over the period.
export function HealthSection() {
  const [period, setPeriod] = useState<string>(periodId.value ?? '');
  const [pilot, setPilot] = useState<string[]>([]);
  const units = useLoad(() => api<Page<Unit>>('GET', '/units?limit=1000'), []);
  const loaded = useLoad(
    () =>
      api<HealthReport>(
        'GET',
        `/reports/health${query({ period_id: period || undefined, unit_ids: pilot.join(',') || undefined })}`,
      ),
    [period, pilot.join(',')],
  );
  const toggle = (id: string, on: boolean) =>
    setPilot((current) => (on ? [...current, id] : current.filter((u) => u !== id)));
  return (
    <section aria-labelledby="health-heading">
      <h2 id="health-heading" class="visually-hidden">
        {t('insight.health')}
      </h2>
      <p class="lead">{t('health.intro')}</p>
      <div class="report-controls">
        <label class="field">
          <span>{t('health.period')}</span>
          <select value={period} onChange={(e) => setPeriod(e.currentTarget.value)}>
            <option value="">{t('health.running_period')}</option>
            {periods.value.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <fieldset class="pilot-group">
          <legend>{t('health.pilot_group')}</legend>
          <p class="hint">{t('health.pilot_hint')}</p>
          {units.error ? <ErrorNote error={units.error} /> : null}
          <ul class="choices">
            {(units.data?.items ?? [])
              .filter((u) => !u.archived)
              .map((u) => (
                <li key={u.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={pilot.includes(u.id)}
                      onChange={(e) => toggle(u.id, e.currentTarget.checked)}
                    />{' '}
                    {u.name}
                  </label>
                </li>
              ))}
          </ul>
        </fieldset>
      </div>
      {loaded.error ? (
        noPeriod(loaded.error) ? (
          <p class="empty">{t('health.no_period')}</p>
        ) : (
          <ErrorNote error={loaded.error} />
        )
      ) : !loaded.data ? (
        <p>{t('app.loading')}</p>
      ) : (
        <>
          <h3>{t('health.figures')}</h3>
          <Figures report={loaded.data} />
          <h3>{t('health.trend')}</h3>
          <Trend report={loaded.data} />
        </>
      )}
    </section>
  );
}
