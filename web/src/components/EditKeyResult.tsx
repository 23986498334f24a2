import { useState } from 'preact/hooks';

import { api, ApiError } from '../api/client';
import type { KeyResult } from '../api/types';
import { parseNumber } from '../checkin';
import { t } from '../i18n';
import { people } from '../people';
import { FormError } from './Alerts';
import { problemText } from '../api/problem';
import { ValueSourceField, valueSourceBody } from './ValueSourceField';

// Changes a key result (title, owner, the numbers that define it) or archives
// it, with the version the person saw (If-Match), as for objectives.
export function EditKeyResult(props: { keyResult: KeyResult; onDone: () => void; onCancel: () => void }) {
  const kr = props.keyResult;
  const [form, setForm] = useState({
    title: kr.title,
    owner: kr.owner_id ?? '',
    start: String(kr.start),
    target: kr.target === null ? '' : String(kr.target),
    unit: kr.unit,
    low: String(kr.low ?? ''),
    high: String(kr.high ?? ''),
    kpi: kr.progress_source === 'kpi' ? (kr.kpi_id ?? '') : '',
  });
  // Computed key results (children, sum) keep their source: this form has no say in it.
  const sourceEditable = (kr.kind === 'metric' || kr.kind === 'band') && (kr.progress_source === 'check_ins' || kr.progress_source === 'kpi');
  const [problem, setProblem] = useState<string | null>(null);
  const [archiving, setArchiving] = useState(false);
  const ifMatch = { 'If-Match': `"${kr.version}"` };
  const fail = (error: unknown) =>
    setProblem(error instanceof ApiError && error.status === 412 ? t('edit.stale_key_result') : problemText(error));
  const number = (text: string) => parseNumber(text) ?? text;
  const save = async (event: Event) => {
    event.preventDefault();
    const body: Record<string, unknown> = { title: form.title.trim(), owner_id: form.owner || null };
    if (kr.kind === 'metric') Object.assign(body, { start: number(form.start), target: number(form.target), unit: form.unit.trim() });
    if (kr.kind === 'band') Object.assign(body, { low: number(form.low), high: number(form.high), unit: form.unit.trim() });
    const kpiBefore = kr.progress_source === 'kpi' ? (kr.kpi_id ?? '') : '';
    if (sourceEditable && form.kpi !== kpiBefore) Object.assign(body, valueSourceBody(form.kpi));
    try {
      await api('PATCH', `/key-results/${kr.id}`, body, ifMatch);
      props.onDone();
    } catch (error) {
      fail(error);
    }
  };
  const archive = async () => {
    try {
      await api('DELETE', `/key-results/${kr.id}`, undefined, ifMatch);
      props.onDone();
    } catch (error) {
      fail(error);
    }
  };
  const input = (key: 'title' | 'start' | 'target' | 'unit' | 'low' | 'high', label: string) => (
    <div class="field">
      <label for={`edit-kr-${kr.id}-${key}`}>{label}</label>
      <input
        id={`edit-kr-${kr.id}-${key}`}
        value={form[key]}
        autoFocus={key === 'title'}
        onInput={(e) => setForm({ ...form, [key]: e.currentTarget.value })}
      />
    </div>
  );
  return (
    <form class="card edit-key-result" onSubmit={save} aria-label={t('edit.key_result', { title: kr.title })}>
      {input('title', t('key_result.field.title'))}
      <div class="field">
        <label for={`edit-kr-${kr.id}-owner`}>{t('key_result.field.owner_id')}</label>
        <select id={`edit-kr-${kr.id}-owner`} value={form.owner} onChange={(e) => setForm({ ...form, owner: e.currentTarget.value })}>
          {[...people.value.values()]
            .filter((p) => p.active || p.id === kr.owner_id)
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
        </select>
      </div>
      {kr.kind === 'metric' && (
        <div class="field-row">
          {input('start', t('key_result.field.start'))}
          {input('target', t('key_result.field.target'))}
          {input('unit', t('key_result.field.unit'))}
        </div>
      )}
      {kr.kind === 'band' && (
        <div class="field-row">
          {input('low', t('key_result.field.low'))}
          {input('high', t('key_result.field.high'))}
          {input('unit', t('key_result.field.unit'))}
        </div>
      )}
      {sourceEditable && (
        <ValueSourceField id={`edit-kr-${kr.id}-source`} value={form.kpi} onChange={(kpi) => setForm({ ...form, kpi })} />
      )}
      <FormError text={problem} />
      <div class="actions">
        <button type="submit" class="primary">
          {t('edit.save')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('check_in.cancel')}
        </button>
        {kr.can.delete &&
          (archiving ? (
            <button type="button" onClick={archive}>
              {t('edit.archive_key_result_confirm')}
            </button>
          ) : (
            <button type="button" onClick={() => setArchiving(true)}>
              {t('edit.archive')}
            </button>
          ))}
      </div>
    </form>
  );
}
