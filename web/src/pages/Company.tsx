import { useEffect } from 'preact/hooks';

import { api, query } from '../api/client';
import type { Dashboard, Organization } from '../api/types';
import { ErrorNote } from '../components/ErrorNote';
import { FirstPeriod } from '../components/FirstPeriod';
import { Link } from '../components/Link';
import { ObjectiveCard } from '../components/ObjectiveCard';
import { percent, t } from '../i18n';
import { periodId } from '../session';
import { useLoad } from '../useLoad';

interface Flagged {
  kind?: string;
  key_result_id?: string;
  objective_id?: string;
  id?: string;
  title: string;
}

// The company view (F26): mission, vision and values above the company's
// OKRs, status counts, and what managers should look at: behind, at risk,
// stale.
export function Company() {
  const period = periodId.value;
  const loaded = useLoad(
    async () => {
      const [organization, dashboard] = await Promise.all([
        api<Organization>('GET', '/organization'),
        period ? api<Dashboard>('GET', `/dashboard${query({ period_id: period })}`) : Promise.resolve(null),
      ]);
      return { organization, dashboard };
    },
    [period],
    ['check_in', 'objective_updated', 'key_result_updated', 'period_updated'],
  );
  useEffect(() => {
    // For the browser tests' timings (PERFORMANCE.md): the dashboard is shown.
    if (loaded.data?.dashboard) performance.mark('cairn:company-drawn');
  }, [loaded.data]);
  if (loaded.error) return <main id="content"><ErrorNote error={loaded.error} /></main>;
  if (!loaded.data) return <main id="content"><p>{t('app.loading')}</p></main>;
  const { organization: org, dashboard } = loaded.data;
  if (!dashboard) {
    return (
      <main id="content" tabIndex={-1}>
        <h1>{org.name}</h1>
        <FirstPeriod />
      </main>
    );
  }
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
    <main id="content" tabIndex={-1}>
      <h1>{org.name}</h1>
      <section class="mission card" aria-label={t('company.mission')}>
        {org.mission && (
          <p>
            <strong>{t('company.mission')}:</strong> {org.mission}
          </p>
        )}
        {org.vision && (
          <p>
            <strong>{t('company.vision')}:</strong> {org.vision}
          </p>
        )}
        {org.values.length > 0 && (
          <p>
            <strong>{t('company.values')}:</strong> {org.values.join(' · ')}
          </p>
        )}
      </section>
      <section aria-labelledby="company-objectives">
        <h2 id="company-objectives">
          {t('company.objectives')} <span class="objective-percent">{percent(dashboard.progress)}</span>
        </h2>
        <p class="status-counts">
          {statuses.map(([status, n]) => (
            <span key={status} class={`badge status-${status}`}>
              {t(`status.${status}` as 'status.on_track')}: {n}
            </span>
          ))}
        </p>
        {dashboard.objectives.map((o) => (
          <ObjectiveCard key={o.id} objective={o} />
        ))}
      </section>
      <div class="columns">
        <section aria-labelledby="company-behind">
          <h2 id="company-behind">{t('company.behind')}</h2>
          {list(dashboard.behind as Flagged[])}
        </section>
        <section aria-labelledby="company-at-risk">
          <h2 id="company-at-risk">{t('company.at_risk')}</h2>
          {list(dashboard.at_risk as Flagged[])}
        </section>
        <section aria-labelledby="company-stale">
          <h2 id="company-stale">{t('company.stale')}</h2>
          {list(dashboard.stale_key_results as Flagged[])}
        </section>
      </div>
    </main>
  );
}
