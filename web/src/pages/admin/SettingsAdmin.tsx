import { useEffect, useState } from 'preact/hooks';

import { api } from '../../api/client';
import { parseNumber } from '../../checkin';
import { t } from '../../i18n';
import { useLoad } from '../../useLoad';
import { problemText } from '../../api/problem';
import { FormError, Notice } from '../../components/Alerts';

interface Settings {
  max_objectives_per_owner: number;
  key_results_per_objective: { min: number; max: number };
  check_in: { cadence: 'weekly' | 'biweekly' | 'monthly'; weekday: number; hour: number };
  status: { behind_gap: number; at_risk_gap: number; not_started_until: number };
}

interface OrganizationWithSettings {
  name: string;
  mission: string;
  vision: string;
  values: string[];
  timezone: string;
  settings: Settings;
}

type Form = Record<
  | 'name'
  | 'mission'
  | 'vision'
  | 'values'
  | 'timezone'
  | 'maxObjectives'
  | 'krMin'
  | 'krMax'
  | 'cadence'
  | 'weekday'
  | 'hour'
  | 'behindGap'
  | 'atRiskGap'
  | 'notStartedUntil',
  string
>;

function formOf(o: OrganizationWithSettings): Form {
  const s = o.settings;
  return {
    name: o.name,
    mission: o.mission,
    vision: o.vision,
    values: o.values.join('\n'),
    timezone: o.timezone,
    maxObjectives: String(s.max_objectives_per_owner),
    krMin: String(s.key_results_per_objective.min),
    krMax: String(s.key_results_per_objective.max),
    cadence: s.check_in.cadence,
    weekday: String(s.check_in.weekday),
    hour: String(s.check_in.hour),
    behindGap: String(s.status.behind_gap),
    atRiskGap: String(s.status.at_risk_gap),
    notStartedUntil: String(s.status.not_started_until),
  };
}

// The organisation: its words (mission, vision, values), time zone, the
// rules of engagement, the check-in cadence and the status thresholds
// (DOMAIN.md). The server validates every value.
export function SettingsAdmin() {
  const loaded = useLoad(() => api<OrganizationWithSettings>('GET', '/organization'), [], ['organization_updated']);
  const [form, setForm] = useState<Form | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (loaded.data) setForm(formOf(loaded.data));
  }, [loaded.data]);
  if (!form) return null;
  const number = (text: string) => parseNumber(text) ?? text;
  const save = async (event: Event) => {
    event.preventDefault();
    try {
      await api('PATCH', '/organization', {
        name: form.name.trim(),
        mission: form.mission.trim(),
        vision: form.vision.trim(),
        values: form.values
          .split('\n')
          .map((v) => v.trim())
          .filter(Boolean),
        timezone: form.timezone.trim(),
        settings: {
          max_objectives_per_owner: number(form.maxObjectives),
          key_results_per_objective: { min: number(form.krMin), max: number(form.krMax) },
          check_in: { cadence: form.cadence, weekday: number(form.weekday), hour: number(form.hour) },
          status: {
            behind_gap: number(form.behindGap),
            at_risk_gap: number(form.atRiskGap),
            not_started_until: number(form.notStartedUntil),
          },
        },
      });
      setProblem(null);
      setNotice(t('admin.settings_saved'));
      loaded.reload();
    } catch (error) {
      setNotice(null);
      setProblem(problemText(error));
    }
  };
  const field = (key: keyof Form, label: string, numeric = false) => (
    <div class="field">
      <label for={`settings-${key}`}>{label}</label>
      <input
        id={`settings-${key}`}
        inputMode={numeric ? 'decimal' : undefined}
        value={form[key]}
        onInput={(e) => setForm({ ...form, [key]: e.currentTarget.value })}
      />
    </div>
  );
  const area = (key: 'mission' | 'vision' | 'values', label: string) => (
    <div class="field">
      <label for={`settings-${key}`}>{label}</label>
      <textarea id={`settings-${key}`} rows={key === 'values' ? 4 : 2} value={form[key]} onInput={(e) => setForm({ ...form, [key]: e.currentTarget.value })} />
    </div>
  );
  return (
    <section aria-labelledby="admin-settings">
      <h2 id="admin-settings">{t('admin.settings')}</h2>
      <form class="card" onSubmit={save}>
        {field('name', t('setup.organization'))}
        {area('mission', t('company.mission'))}
        {area('vision', t('company.vision'))}
        {area('values', t('admin.values_hint'))}
        {field('timezone', t('setup.timezone'))}
        <h3>{t('admin.rules')}</h3>
        <div class="field-row">
          {field('maxObjectives', t('admin.max_objectives'), true)}
          {field('krMin', t('admin.kr_min'), true)}
          {field('krMax', t('admin.kr_max'), true)}
        </div>
        <h3>{t('admin.cadence')}</h3>
        <div class="field-row">
          <div class="field">
            <label for="settings-cadence">{t('admin.cadence_every')}</label>
            <select id="settings-cadence" value={form.cadence} onChange={(e) => setForm({ ...form, cadence: e.currentTarget.value })}>
              <option value="weekly">{t('admin.cadence.weekly')}</option>
              <option value="biweekly">{t('admin.cadence.biweekly')}</option>
              <option value="monthly">{t('admin.cadence.monthly')}</option>
            </select>
          </div>
          {field('weekday', t('admin.weekday'), true)}
          {field('hour', t('admin.hour'), true)}
        </div>
        <h3>{t('admin.thresholds')}</h3>
        <p class="hint">{t('admin.thresholds_hint')}</p>
        <div class="field-row">
          {field('behindGap', t('admin.behind_gap'), true)}
          {field('atRiskGap', t('admin.at_risk_gap'), true)}
          {field('notStartedUntil', t('admin.not_started_until'), true)}
        </div>
        <Notice text={notice} />
        <FormError text={problem} />
        <button type="submit" class="primary">
          {t('admin.save_settings')}
        </button>
      </form>
    </section>
  );
}
