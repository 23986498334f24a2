import { t } from '../i18n';

export interface ObjectiveSettings {
  type: string;
  visibility: string;
  progress_mode: string;
}

// The choices that shape an objective, shared by creating and editing it:
// its type, who can see it, and where its progress comes from.
export function ObjectiveSettingsFields(props: {
  idPrefix: string;
  value: ObjectiveSettings;
  onChange: (next: ObjectiveSettings) => void;
}) {
  const { idPrefix, value } = props;
  const set = (key: keyof ObjectiveSettings) => (event: Event) =>
    props.onChange({ ...value, [key]: (event.currentTarget as HTMLSelectElement).value });
  return (
    <div class="field-row">
      <div class="field">
        <label for={`${idPrefix}-type`}>{t('new_objective.type')}</label>
        <select id={`${idPrefix}-type`} value={value.type} onChange={set('type')}>
          <option value="committed">{t('objective.type.committed')}</option>
          <option value="aspirational">{t('objective.type.aspirational')}</option>
          <option value="learning">{t('objective.type.learning')}</option>
        </select>
      </div>
      <div class="field">
        <label for={`${idPrefix}-visibility`}>{t('new_objective.visibility')}</label>
        <select id={`${idPrefix}-visibility`} value={value.visibility} onChange={set('visibility')}>
          <option value="public">{t('new_objective.public')}</option>
          <option value="private">{t('objective.private')}</option>
        </select>
      </div>
      <div class="field">
        <label for={`${idPrefix}-progress-mode`}>{t('new_objective.progress_mode')}</label>
        <select id={`${idPrefix}-progress-mode`} value={value.progress_mode} onChange={set('progress_mode')}>
          <option value="key_results">{t('new_objective.mode.key_results')}</option>
          <option value="children">{t('new_objective.mode.children')}</option>
          <option value="combined">{t('new_objective.mode.combined')}</option>
        </select>
      </div>
    </div>
  );
}
