import { t } from '../i18n';

// Whether a KPI's latest value lies in its healthy band; nothing without a value.
export function HealthBadge(props: { healthy: boolean | null }) {
  if (props.healthy === null) return <span class="badge status-not_started">{t('kpi.no_value')}</span>;
  return (
    <span class={props.healthy ? 'badge status-on_track' : 'badge status-at_risk'}>
      {props.healthy ? t('kpi.healthy') : t('kpi.unhealthy')}
    </span>
  );
}
