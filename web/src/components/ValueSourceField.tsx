import { useEffect } from 'preact/hooks';

import { t } from '../i18n';
import { kpis, loadKpis } from '../kpis';

// Where a number key result's values come from: its owners' check-ins, or a
// KPI, whose every new value then becomes its check-in. "" stands for
// check-ins, else the KPI's id. Archived KPIs are offered only when already
// chosen (the server refuses to tie a key result to one).
export function ValueSourceField(props: { id: string; value: string; onChange: (value: string) => void }) {
  useEffect(() => {
    void loadKpis(true);
  }, []);
  const offered = [...kpis.value.values()].filter((k) => !k.archived || k.id === props.value);
  return (
    <div class="field">
      <label for={props.id}>{t('key_result.field.source')}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <option value="">{t('key_result.source.check_ins')}</option>
        {offered.map((k) => (
          <option key={k.id} value={k.id}>
            {t('key_result.source.kpi', { name: k.name })}
          </option>
        ))}
      </select>
      {props.value && <p class="hint">{t('key_result.source.kpi_hint')}</p>}
    </div>
  );
}

// The body fields that say so.
export function valueSourceBody(kpiId: string): Record<string, unknown> {
  return kpiId ? { progress_source: 'kpi', kpi_id: kpiId } : { progress_source: 'check_ins' };
}
