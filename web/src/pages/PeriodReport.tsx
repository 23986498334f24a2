import { useEffect } from 'preact/hooks';

import { api, query } from '../api/client';
import type { PeriodReportData, PeriodReportKeyResult, PeriodReportObjective } from '../api/types';
import { ErrorNote } from '../components/ErrorNote';
import { Link } from '../components/Link';
import { RetrospectiveCard } from '../components/Retrospectives';
import { StatusBadge } from '../components/StatusBadge';
import { date, number, percent, t, withUnit } from '../i18n';
import { attainmentText, figureText } from '../insight';
import { loadPeople } from '../people';
import { withAsOf } from '../timeTravel';
import { useLoad } from '../useLoad';

function KeyResultLine(props: { kr: PeriodReportKeyResult; closed: boolean }) {
  const kr = props.kr;
  const value = kr.current !== null && kr.target !== null ? `${withUnit(kr.current, kr.unit)} / ${withUnit(kr.target, kr.unit)}` : '';
  const last = props.closed ? kr.score : kr.forecast;
  return (
    <tr>
      <td>{kr.title}</td>
      <td class="number">{value}</td>
      <td class="number">{percent(kr.progress)}</td>
      <td class="number">{last === null ? '–' : props.closed ? number(last) : percent(last)}</td>
    </tr>
  );
}

function ObjectiveBlock(props: { objective: PeriodReportObjective; closed: boolean }) {
  const o = props.objective;
  return (
    <article class="report-objective" data-id={o.id}>
      <h3>
        <Link href={`/objectives/${o.id}`}>{o.title}</Link>
      </h3>
      <p class="report-facts">
        {t(`objective.type.${o.type}`)} · {t('report.progress', { value: percent(o.progress) })} ·{' '}
        {props.closed && o.score !== null ? (
          <>
            {t('report.score', { value: number(o.score) })} ·{' '}
            <strong>{o.success ? t('compare.succeeded') : t('compare.missed')}</strong>
          </>
        ) : (
          <>
            <StatusBadge status={o.status} />
            {o.forecast !== null && <> · {t('progress.forecast', { value: percent(o.forecast) })}</>}
          </>
        )}
      </p>
      {o.key_results.length > 0 && (
        <table class="report-table report-key-results">
          <thead>
            <tr>
              <th scope="col">{t('report.key_result')}</th>
              <th scope="col">{t('report.value')}</th>
              <th scope="col">{t('period.progress')}</th>
              <th scope="col">{props.closed ? t('period.score') : t('report.forecast')}</th>
            </tr>
          </thead>
          <tbody>
            {o.key_results.map((kr) => (
              <KeyResultLine key={kr.id} kr={kr} closed={props.closed} />
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}

// A period's report for the all-hands review (issue 9), as the server
// assembles it (GET /reports/period, the same report as its PDF): the
// organisation's numbers, each unit's objectives with their key results, and
// the retrospectives, laid out to print (the print stylesheet drops the app's
// frame).
export function PeriodReport(props: { id: string }) {
  const loaded = useLoad(async () => {
    const [report] = await Promise.all([
      api<PeriodReportData>('GET', `/reports/period${query({ period_id: props.id })}`),
      loadPeople(),
    ]);
    return report;
  }, [props.id]);
  useEffect(() => {
    if (loaded.data) document.title = `${loaded.data.name} · ${loaded.data.organization}`;
    return () => {
      document.title = t('app.name');
    };
  }, [loaded.data]);
  if (loaded.error) return <main id="content"><ErrorNote error={loaded.error} /></main>;
  if (!loaded.data) return <main id="content"><p>{t('app.loading')}</p></main>;
  const report = loaded.data;
  const closed = report.state === 'closed';
  return (
    <main id="content" class="period-report" tabIndex={-1}>
      <p class="breadcrumbs no-print">
        <Link href={`/periods/${report.period_id}`}>{report.name}</Link>
      </p>
      <h1>{t('report.title', { period: report.name, organization: report.organization })}</h1>
      <p class="lead">
        {date(report.start_date)} – {date(report.end_date)} · {t(`period.state.${report.state}`)} ·{' '}
        {t('report.generated', { date: date(report.as_of) })}
      </p>
      <p class="no-print">
        <button type="button" class="primary" onClick={() => window.print()}>
          {t('report.print')}
        </button>{' '}
        <a class="button" href={withAsOf(`/api/v1/reports/period.pdf${query({ period_id: report.period_id })}`)} download>
          {t('report.pdf')}
        </a>{' '}
        <span class="hint">{t('report.print_hint')}</span>
      </p>
      {report.mission && (
        <p class="report-mission">
          <strong>{t('report.mission')}</strong> {report.mission}
        </p>
      )}

      <section aria-labelledby="report-summary">
        <h2 id="report-summary">{t('report.summary')}</h2>
        <dl class="report-summary">
          <div>
            <dt>{t('report.company_progress')}</dt>
            <dd>
              {percent(report.company_progress)}
              {report.heading_for !== null && <> · {t('progress.forecast', { value: percent(report.heading_for) })}</>}
            </dd>
          </div>
          <div>
            <dt>{t('health.figure.attainment')}</dt>
            <dd>{attainmentText(report.health.attainment)}</dd>
          </div>
          {closed ? (
            <div>
              <dt>{t('report.succeeded')}</dt>
              <dd>{t('report.succeeded_of', { count: number(report.succeeded), total: number(report.objectives) })}</dd>
            </div>
          ) : (
            // Check-ins within the cadence: a running period's pulse, nothing once it is closed.
            <div>
              <dt>{t('health.figure.activity')}</dt>
              <dd>{figureText(report.health.figures.activity)}</dd>
            </div>
          )}
          <div>
            <dt>{t('health.figure.alignment')}</dt>
            <dd>{figureText(report.health.figures.alignment)}</dd>
          </div>
          <div>
            <dt>{t('report.maturity')}</dt>
            <dd>
              {t('maturity.current', { stage: t(`maturity.stage.${report.maturity.stage}`), number: report.maturity.stage_number })}
            </dd>
          </div>
        </dl>
      </section>

      {report.units.map((u) => (
        <section key={u.id} class="report-unit" aria-labelledby={`report-${u.id}`}>
          <h2 id={`report-${u.id}`}>{u.name}</h2>
          {u.objectives.map((o) => (
            <ObjectiveBlock key={o.id} objective={o} closed={closed} />
          ))}
        </section>
      ))}

      <section aria-labelledby="report-retrospectives">
        <h2 id="report-retrospectives">{t('retro.title')}</h2>
        {report.retrospectives.length === 0 && <p class="empty">{t('retro.none')}</p>}
        {report.retrospectives.map((r) => (
          <RetrospectiveCard key={r.id} retro={r} unit={r.unit_name} onEdit={null} />
        ))}
      </section>
      <p class="hint">{t('report.scope')}</p>
    </main>
  );
}
