import type { Dashboard } from '../api/types';
import { percent, t } from '../i18n';
import { Link } from './Link';
import { ObjectiveCard } from './ObjectiveCard';

interface Flagged {
  kind?: string;
  key_result_id?: string;
  objective_id?: string;
  id?: string;
  title: string;
}

// One owner's OKRs in a period as the server's dashboard gives them (F26):
// progress, status counts, the objectives, and what managers should look at:
// behind, at risk, stale.
export function DashboardSections(props: { dashboard: Dashboard; heading: string }) {
  const dashboard = props.dashboard;
  const statuses = Object.entries(dashboard.status_counts).filter(([, n]) => n > 0);
  const list = (items: Flagged[]) =>
    items.length === 0 ? (
      <p class="empty">{t('company.none')}</p>
    ) : (
      <ul class="flagged">
        {items.map((item) => {
          const objective = item.objective_id ?? item.id;
          return (
            <li key={`${item.kind}-${item.key_result_id ?? objective}`}>
              {objective ? <Link href={`/objectives/${objective}`}>{item.title}</Link> : item.title}
            </li>
          );
        })}
      </ul>
    );
  return (
    <>
      <section aria-labelledby="dashboard-objectives">
        <h2 id="dashboard-objectives">
          {props.heading} <span class="objective-percent">{percent(dashboard.progress)}</span>
        </h2>
        {dashboard.heading_for !== null && dashboard.heading_for !== undefined && (
          <p class="heading-for">{t('dashboard.heading_for', { value: percent(dashboard.heading_for) })}</p>
        )}
        <p class="status-counts">
          {statuses.map(([status, n]) => (
            <span key={status} class={`badge status-${status}`}>
              {t(`status.${status}` as 'status.on_track')}: {n}
            </span>
          ))}
        </p>
        {dashboard.objectives.length === 0 && <p class="empty">{t('my.no_objectives_here')}</p>}
        {dashboard.objectives.map((o) => (
          <ObjectiveCard key={o.id} objective={o} />
        ))}
      </section>
      <div class="columns">
        <section aria-labelledby="dashboard-behind">
          <h2 id="dashboard-behind">{t('company.behind')}</h2>
          {list(dashboard.behind as Flagged[])}
        </section>
        <section aria-labelledby="dashboard-at-risk">
          <h2 id="dashboard-at-risk">{t('company.at_risk')}</h2>
          {list(dashboard.at_risk as Flagged[])}
        </section>
        <section aria-labelledby="dashboard-stale">
          <h2 id="dashboard-stale">{t('company.stale')}</h2>
          {list(dashboard.stale_key_results as Flagged[])}
        </section>
      </div>
    </>
  );
}
