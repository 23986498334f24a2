import { useState } from 'preact/hooks';

import { api, ApiError } from '../api/client';
import type { KeyResult, Page, Person } from '../api/types';
import { parseNumber } from '../checkin';
import { t, tOr } from '../i18n';
import { me } from '../session';
import { usePreviewWarnings } from '../usePreviewWarnings';
import { Warnings } from './Warnings';
import { useLoad } from '../useLoad';
import { FormError } from './Alerts';
import { ValueSourceField, valueSourceBody } from './ValueSourceField';

type Kind = KeyResult['kind'];

interface Form {
  title: string;
  kind: Kind;
  start: string;
  target: string;
  unit: string;
  low: string;
  high: string;
  milestones: string;
  owner: string;
  kpi: string; // '' for check-ins, else the id of the KPI that feeds it
}

// The request body for the form's key result. A number that does not parse
// is sent as typed, so the server names the field; for a preview
// (`lenient`) it is left out, so the form still hears the other warnings.
function bodyOf(form: Form, objectiveId: string, lenient = false): Record<string, unknown> {
  const number = (text: string) => parseNumber(text) ?? (lenient ? undefined : text);
  const body: Record<string, unknown> = {
    objective_id: objectiveId,
    title: form.title.trim(),
    kind: form.kind,
    owner_id: form.owner,
  };
  if (form.kind === 'metric') Object.assign(body, { start: number(form.start), target: number(form.target), unit: form.unit.trim() });
  if (form.kind === 'band') Object.assign(body, { low: number(form.low), high: number(form.high), unit: form.unit.trim() });
  // Only a number follows a KPI.
  if (form.kind === 'metric' || form.kind === 'band') Object.assign(body, valueSourceBody(form.kpi));
  if (form.kind === 'milestones') {
    body.milestones = form.milestones
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((title) => ({ title, weight: 1 }));
  }
  return body;
}

// Adds a key result to an objective: what is measured and how (a number from
// start to target, done or not, a band to stay in, or milestones), and who
// owns it. The server checks every field and the rules of engagement.
export function AddKeyResult(props: { objectiveId: string; onAdded: () => void }) {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<Form>({
    title: '',
    kind: 'metric',
    start: '0',
    target: '',
    unit: '',
    low: '',
    high: '',
    milestones: '',
    owner: me.value!.user.id,
    kpi: '',
  });
  const people = useLoad(() => api<Page<Person>>('GET', '/people?limit=1000'), [open]);
  const [problem, setProblem] = useState<string | null>(null);
  const warnings = usePreviewWarnings('/key-results/preview', open && form.title.trim() ? bodyOf(form, props.objectiveId, true) : null);
  const set = (name: keyof typeof form) => (event: Event) =>
    setForm({ ...form, [name]: (event.currentTarget as HTMLInputElement).value });

  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('key_result.add')}
      </button>
    );
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(null);
    const body = bodyOf(form, props.objectiveId);
    try {
      await api('POST', '/key-results', body);
      setForm({ ...form, title: '', target: '', low: '', high: '', milestones: '' });
      setOpen(false);
      props.onAdded();
    } catch (error) {
      setProblem(
        error instanceof ApiError
          ? error.fields.map((f) => `${tOr(`key_result.field.${f.field}`, f.field)}: ${f.message}`).join(' ') ||
              error.detail
          : t('error.offline'),
      );
    }
  };

  const input = (name: 'title' | 'start' | 'target' | 'unit' | 'low' | 'high', label: string, numeric = false) => (
    <div class="field">
      <label for={`kr-${name}`}>{label}</label>
      <input
        id={`kr-${name}`}
        inputMode={numeric ? 'decimal' : undefined}
        autoFocus={name === 'title'}
        value={form[name]}
        onInput={set(name)}
      />
    </div>
  );

  return (
    <form class="card add-key-result" onSubmit={submit} aria-labelledby="add-key-result">
      <h3 id="add-key-result">{t('key_result.add')}</h3>
      {input('title', t('key_result.field.title'))}
      <div class="field-row">
        <div class="field">
          <label for="kr-kind">{t('key_result.field.kind')}</label>
          <select id="kr-kind" value={form.kind} onChange={set('kind')}>
            <option value="metric">{t('key_result.kind.metric')}</option>
            <option value="boolean">{t('key_result.kind.boolean')}</option>
            <option value="band">{t('key_result.kind.band')}</option>
            <option value="milestones">{t('key_result.kind.milestones')}</option>
          </select>
        </div>
        <div class="field">
          <label for="kr-owner">{t('key_result.field.owner_id')}</label>
          <select id="kr-owner" value={form.owner} onChange={set('owner')}>
            {(people.data?.items ?? [me.value!.user]).filter((p) => p.active).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {form.kind === 'metric' && (
        <div class="field-row">
          {input('start', t('key_result.field.start'), true)}
          {input('target', t('key_result.field.target'), true)}
          {input('unit', t('key_result.field.unit'))}
        </div>
      )}
      {form.kind === 'band' && (
        <div class="field-row">
          {input('low', t('key_result.field.low'), true)}
          {input('high', t('key_result.field.high'), true)}
          {input('unit', t('key_result.field.unit'))}
        </div>
      )}
      {form.kind === 'milestones' && (
        <div class="field">
          <label for="kr-milestones">{t('key_result.field.milestones')}</label>
          <textarea id="kr-milestones" rows={4} value={form.milestones} onInput={set('milestones')} />
        </div>
      )}
      {(form.kind === 'metric' || form.kind === 'band') && (
        <ValueSourceField id="kr-source" value={form.kpi} onChange={(kpi) => setForm({ ...form, kpi })} />
      )}
      <Warnings warnings={warnings} id="add-key-result-warnings" />
      <FormError text={problem} />
      <div class="actions">
        <button type="submit" class="primary">
          {t('key_result.save')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('check_in.cancel')}
        </button>
      </div>
    </form>
  );
}
