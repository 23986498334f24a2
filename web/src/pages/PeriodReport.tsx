import { useEffect } from 'preact/hooks';

import { api, query } from '../api/client';
import type {
  Dashboard,
  HealthReport,
  KeyResult,
  MaturityReport,
  Objective,
  Organization,
  Page,
  Period,
  Retrospectives,
  Unit,
} from '../api/types';
import { ErrorNote } from '../components/ErrorNote';
import { Link } from '../components/Link';
import { RetrospectiveCard } from '../components/Retrospectives';
import { StatusBadge } from '../components/StatusBadge';
import { date, number, percent, t, withUnit } from '../i18n';
import { attainmentText, figureText } from '../insight';
import { loadPeople } from '../people';
import { withAsOf } from '../timeTravel';
import { useLoad } from '../useLoad';

// Every page of a list (the API pages at most 1,000 items).
async function everything<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const paging = query({ limit: 1000, cursor }).slice(1);
    const page: Page<T> = await api<Page<T>>('GET', `${path}${path.includes('?') ? '&' : '?'}${paging}`);
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return items;
}

// Units from the company down, each followed by the units below it.
function inHierarchyOrder(units: Unit[]): Unit[] {
  const out: Unit[] = [];
  const visit = (parent: string | null, depth: number) => {
    if (depth > 32) return;
    for (const u of units.filter((x) => x.parent_id === parent && !x.archived)) {
      out.push(u);
      visit(u.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

interface ReportData {
  period: Period;
  organization: Organization;
  dashboard: Dashboard | null;
  health: HealthReport;
  maturity: MaturityReport;
  units: Unit[];
  objectives: Objective[];
  keyResults: Map<string, KeyResult[]>;
  retrospectives: Retrospectives;
}

async function loadReport(id: string): Promise<ReportData> {
  const period = await api<Period>('GET', `/periods/${encodeURIComponent(id)}`);
  // The maturity stage at the end of the period, or now while it runs.
  const maturityAt = period.ends_at && Date.parse(period.ends_at) < Date.now() ? { as_of: period.ends_at } : {};
  const [organization, dashboard, health, maturity, units, objectives, keyResults, retrospectives] = await Promise.all([
    api<Organization>('GET', '/organization'),
    api<Dashboard>('GET', `/dashboard${query({ period_id: period.id })}`).catch(() => null),
    api<HealthReport>('GET', `/reports/health${query({ period_id: period.id })}`),
    api<MaturityReport>('GET', `/reports/maturity${query(maturityAt)}`),
    api<Page<Unit>>('GET', '/units?limit=1000'),
    everything<Objective>(`/objectives${query({ period_id: period.id })}`),
    everything<KeyResult>(`/key-results${query({ period_id: period.id })}`),
    api<Retrospectives>('GET', `/retrospectives${query({ period_id: period.id, limit: 1000 })}`),
    loadPeople(),
  ]);
  const byObjective = new Map<string, KeyResult[]>();
  for (const kr of keyResults) byObjective.set(kr.objective_id, [...(byObjective.get(kr.objective_id) ?? []), kr]);
  return {
    period,
    organization,
    dashboard,
    health,
    maturity,
    units: inHierarchyOrder(units.items),
    objectives: objectives.filter((o) => o.state !== 'archived' && o.state !== 'draft'),
    keyResults: byObjective,
    retrospectives,
  };
}

function KeyResultLine(props: { kr: KeyResult; closed: boolean }) {
  const kr = props.kr;
  const value =
    kr.kind === 'metric' && kr.current !== null && kr.target !== null
      ? `${withUnit(kr.current, kr.unit)} / ${withUnit(kr.target, kr.unit)}`
      : '';
  return (
    <tr>
      <td>{kr.title}</td>
      <td class="number">{value}</td>
      <td class="number">{percent(kr.progress)}</td>
      <td class="number">{props.closed ? (kr.score === null ? '–' : number(kr.score)) : kr.forecast === null ? '–' : percent(kr.forecast)}</td>
    </tr>
  );
}

function ObjectiveBlock(props: { objective: Objective; keyResults: KeyResult[]; closed: boolean }) {
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
            {o.forecast !== null && o.forecast !== undefined && <> · {t('progress.forecast', { value: percent(o.forecast) })}</>}
          </>
        )}
      </p>
      {props.keyResults.length > 0 && (
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
            {props.keyResults.map((kr) => (
              <KeyResultLine key={kr.id} kr={kr} closed={props.closed} />
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}

// A period's report for the all-hands review (issue 9): the organisation's
// numbers, each unit's objectives with their key results, and the
// retrospectives, laid out to print (the print stylesheet drops the app's
// frame; "Save as PDF" in the print dialog makes the PDF). Objectives owned by
// people are left out: this is the organisation's and its teams' story.
export function PeriodReport(props: { id: string }) {
  const loaded = useLoad(() => loadReport(props.id), [props.id]);
  useEffect(() => {
    if (loaded.data) document.title = `${loaded.data.period.name} · ${loaded.data.organization.name}`;
    return () => {
      document.title = t('app.name');
    };
  }, [loaded.data]);
  if (loaded.error) return <main id="content"><ErrorNote error={loaded.error} /></main>;
  if (!loaded.data) return <main id="content"><p>{t('app.loading')}</p></main>;
  const { period, organization: org, dashboard, health, maturity, units, objectives, keyResults, retrospectives } = loaded.data;
  const closed = period.state === 'closed';
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const ofUnit = (id: string) => objectives.filter((o) => 'unit_id' in o.owner && o.owner.unit_id === id);
  const succeeded = objectives.filter((o) => o.success).length;
  return (
    <main id="content" class="period-report" tabIndex={-1}>
      <p class="breadcrumbs no-print">
        <Link href={`/periods/${period.id}`}>{period.name}</Link>
      </p>
      <h1>{t('report.title', { period: period.name, organization: org.name })}</h1>
      <p class="lead">
        {date(period.start_date)} – {date(period.end_date)} · {t(`period.state.${period.state}`)} ·{' '}
        {t('report.generated', { date: date(new Date().toISOString()) })}
      </p>
      <p class="no-print">
        <button type="button" class="primary" onClick={() => window.print()}>
          {t('report.print')}
        </button>{' '}
        <a class="button" href={withAsOf(`/api/v1/reports/period.pdf${query({ period_id: period.id })}`)} download>
          {t('report.pdf')}
        </a>{' '}
        <span class="hint">{t('report.print_hint')}</span>
      </p>
      {org.mission && (
        <p class="report-mission">
          <strong>{t('report.mission')}</strong> {org.mission}
        </p>
      )}

      <section aria-labelledby="report-summary">
        <h2 id="report-summary">{t('report.summary')}</h2>
        <dl class="report-summary">
          {dashboard && (
            <div>
              <dt>{t('report.company_progress')}</dt>
              <dd>
                {percent(dashboard.progress)}
                {!closed && dashboard.heading_for !== null && <> · {t('progress.forecast', { value: percent(dashboard.heading_for) })}</>}
              </dd>
            </div>
          )}
          <div>
            <dt>{t('health.figure.attainment')}</dt>
            <dd>{attainmentText(health.attainment)}</dd>
          </div>
          {closed && (
            <div>
              <dt>{t('report.succeeded')}</dt>
              <dd>{t('report.succeeded_of', { count: number(succeeded), total: number(objectives.length) })}</dd>
            </div>
          )}
          {!closed && (
            // Check-ins within the cadence: a running period's pulse, nothing once it is closed.
            <div>
              <dt>{t('health.figure.activity')}</dt>
              <dd>{figureText(health.figures.activity)}</dd>
            </div>
          )}
          <div>
            <dt>{t('health.figure.alignment')}</dt>
            <dd>{figureText(health.figures.alignment)}</dd>
          </div>
          <div>
            <dt>{t('report.maturity')}</dt>
            <dd>{t('maturity.current', { stage: t(`maturity.stage.${maturity.stage}`), number: maturity.stage_number })}</dd>
          </div>
        </dl>
      </section>

      {units
        .filter((u) => ofUnit(u.id).length > 0)
        .map((u) => (
          <section key={u.id} class="report-unit" aria-labelledby={`report-${u.id}`}>
            <h2 id={`report-${u.id}`}>{u.name}</h2>
            {ofUnit(u.id).map((o) => (
              <ObjectiveBlock key={o.id} objective={o} keyResults={keyResults.get(o.id) ?? []} closed={closed} />
            ))}
          </section>
        ))}

      <section aria-labelledby="report-retrospectives">
        <h2 id="report-retrospectives">{t('retro.title')}</h2>
        {retrospectives.items.length === 0 && <p class="empty">{t('retro.none')}</p>}
        {retrospectives.items.map((r) => (
          <RetrospectiveCard key={r.id} retro={r} unit={unitName.get(r.unit_id) ?? r.unit_id} onEdit={null} />
        ))}
      </section>
      <p class="hint">{t('report.scope')}</p>
    </main>
  );
}
