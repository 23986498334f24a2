import { useEffect } from 'preact/hooks';

import { api, query } from '../api/client';
import type { Dashboard, Organization } from '../api/types';
import { ErrorNote } from '../components/ErrorNote';
import { FirstPeriod } from '../components/FirstPeriod';
import { DashboardSections } from '../components/DashboardSections';
import { UnitTree } from '../components/UnitTree';
import { t } from '../i18n';
import { periodId } from '../session';
import { useLoad } from '../useLoad';

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
      <DashboardSections dashboard={dashboard} heading={t('company.objectives')} />
      <UnitTree />
    </main>
  );
}
