import { api } from '../api/client';
import type { Kpi, KpiValue, Page } from '../api/types';
import { ErrorNote } from '../components/ErrorNote';
import { HealthBadge } from '../components/HealthBadge';
import { KeyResultRow } from '../components/KeyResultRow';
import { KpiChart } from '../components/KpiChart';
import { KpiSources } from '../components/KpiSources';
import { Link } from '../components/Link';
import { dateTime, number, t, withUnit } from '../i18n';
import { loadPeople, nameOf } from '../people';
import { useLoad } from '../useLoad';

// One KPI: its latest value against the band, its chart, the key results it
// feeds (those the reader may see), and for its keepers how values come in.
export function KpiPage(props: { id: string }) {
  const loaded = useLoad(
    async () => {
      await loadPeople();
      const [kpi, values] = await Promise.all([
        api<Kpi>('GET', `/kpis/${props.id}`),
        api<Page<KpiValue>>('GET', `/kpis/${props.id}/values?limit=1000`),
      ]);
      return { kpi, values: values.items };
    },
    [props.id],
    ['check_in', 'kpi_updated'],
  );
  if (!loaded.data) {
    return (
      <main id="content" tabIndex={-1}>
        <ErrorNote error={loaded.error} />
      </main>
    );
  }
  const { kpi, values } = loaded.data;
  const band =
    kpi.low === null && kpi.high === null
      ? t('kpi.band_none')
      : t('kpi.band', {
          low: kpi.low === null ? '—' : number(kpi.low),
          high: kpi.high === null ? '—' : number(kpi.high),
        });
  return (
    <main id="content" tabIndex={-1}>
      <p class="breadcrumbs">
        <Link href="/kpis">{t('kpi.title')}</Link>
      </p>
      <h1>{kpi.name}</h1>
      {kpi.description && <p class="lead">{kpi.description}</p>}
      <ErrorNote error={loaded.error} />
      <dl class="facts">
        <dt>{t('kpi.latest')}</dt>
        <dd class="kpi-latest">
          {kpi.latest ? `${withUnit(kpi.latest.value, kpi.unit)} · ${dateTime(kpi.latest.at)}` : t('kpi.no_value')}
        </dd>
        <dt>{t('kpi.health')}</dt>
        <dd>
          <HealthBadge healthy={kpi.healthy} /> {band}
        </dd>
        <dt>{t('kpi.owner')}</dt>
        <dd>{nameOf(kpi.owner_id)}</dd>
      </dl>
      <KpiChart kpi={kpi} values={values} />
      <section aria-labelledby="kpi-fed">
        <h2 id="kpi-fed">{t('kpi.key_results')}</h2>
        {(kpi.key_results ?? []).length === 0 ? (
          <p class="empty">{t('kpi.key_results_none')}</p>
        ) : (
          <ul class="key-results">
            {(kpi.key_results ?? []).map((kr) => (
              <KeyResultRow key={kr.id} keyResult={kr} />
            ))}
          </ul>
        )}
      </section>
      <KpiSources kpi={kpi} after={loaded.reload} />
    </main>
  );
}
