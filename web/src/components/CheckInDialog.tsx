import { useEffect, useRef, useState } from 'preact/hooks';

import { api, ApiError } from '../api/client';
import type { CheckIn, CheckInAnswer, KeyResult, Page } from '../api/types';
import { checkInBody, type CheckInForm, type FormErrors } from '../checkin';
import { percent, t } from '../i18n';
import { FormError } from './Alerts';

// The check-in dialog: opens with the value field focused and last week's
// numbers filled in, so a routine check-in is: type the value, Enter. Escape
// closes it. Built on <dialog>, which keeps focus inside while it is open.
export function CheckInDialog(props: {
  keyResult: KeyResult;
  onClose: () => void;
  onSaved: (answer: CheckInAnswer) => void;
}) {
  const kr = props.keyResult;
  const dialog = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState<CheckInForm>({
    value: kr.current === null || kr.kind !== 'metric' && kr.kind !== 'band' ? '' : String(kr.current),
    done: kr.kind === 'boolean' && kr.progress >= 1,
    milestonesDone: [],
    confidence: kr.confidence === null ? '' : String(Math.round(kr.confidence)),
    note: '',
  });
  const [errors, setErrors] = useState<FormErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [preview, setPreview] = useState<CheckInAnswer | null>(null);

  // While the person types, the server says what this check-in would do
  // (a quarter of a second after the last keystroke).
  useEffect(() => {
    const made = checkInBody(kr.kind, form);
    if ('errors' in made) {
      setPreview(null);
      return undefined;
    }
    let current = true;
    const timer = setTimeout(() => {
      api<CheckInAnswer>('POST', `/key-results/${kr.id}/check-ins/preview`, made.body).then(
        (answer) => current && setPreview(answer),
        () => current && setPreview(null),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [form.value, form.done, form.milestonesDone.join(','), form.confidence]);

  useEffect(() => {
    dialog.current?.showModal();
    // The milestones reached so far are those of the last check-in.
    if (kr.kind === 'milestones') {
      api<Page<CheckIn>>('GET', `/key-results/${kr.id}/check-ins?limit=1`)
        .then((page) => {
          const last = page.items[0];
          if (last) setForm((f) => ({ ...f, milestonesDone: last.milestones_done }));
        })
        .catch(() => undefined);
    }
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    const made = checkInBody(kr.kind, form);
    if ('errors' in made) {
      setErrors(made.errors);
      return;
    }
    setErrors({});
    setSaving(true);
    setProblem(null);
    try {
      const answer = await api<CheckInAnswer>('POST', `/key-results/${kr.id}/check-ins`, made.body);
      props.onSaved(answer);
      dialog.current?.close();
    } catch (error) {
      if (error instanceof ApiError) {
        setProblem(error.fields.map((f) => f.message).join(' ') || error.detail || error.title);
      } else {
        setProblem(t('error.offline'));
      }
    } finally {
      setSaving(false);
    }
  };

  const field = (name: keyof CheckInForm) => (event: Event) => {
    const target = event.currentTarget as HTMLInputElement;
    setForm((f) => ({ ...f, [name]: target.type === 'checkbox' ? target.checked : target.value }));
  };
  const toggleMilestone = (index: number) => () =>
    setForm((f) => ({
      ...f,
      milestonesDone: f.milestonesDone.includes(index)
        ? f.milestonesDone.filter((i) => i !== index)
        : [...f.milestonesDone, index],
    }));
  // Ctrl+Enter saves from the note, where Enter makes a new line.
  const onNoteKey = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit(event);
  };

  return (
    <dialog ref={dialog} class="check-in" aria-labelledby="check-in-title" onClose={props.onClose}>
      <form method="dialog" onSubmit={submit} noValidate>
        <h2 id="check-in-title">{t('check_in.title', { title: kr.title })}</h2>
        {(kr.kind === 'metric' || kr.kind === 'band') && (
          <div class="field">
            <label for="check-in-value">
              {kr.unit ? t('check_in.value', { unit: kr.unit }) : t('check_in.value_plain')}
            </label>
            <input
              id="check-in-value"
              name="value"
              inputMode="decimal"
              autoComplete="off"
              autoFocus
              value={form.value}
              onInput={field('value')}
              aria-invalid={errors.value ? true : undefined}
              aria-describedby={errors.value ? 'check-in-value-error' : undefined}
            />
            {errors.value && (
              <p class="field-error" id="check-in-value-error">
                {t(errors.value)}
              </p>
            )}
          </div>
        )}
        {kr.kind === 'boolean' && (
          <div class="field field-check">
            <input id="check-in-done" type="checkbox" autoFocus checked={form.done} onChange={field('done')} />
            <label for="check-in-done">{t('check_in.done')}</label>
          </div>
        )}
        {kr.kind === 'milestones' && (
          <fieldset class="field">
            <legend>{t('check_in.milestones')}</legend>
            {(kr.milestones ?? []).map((m, i) => (
              <div class="field-check" key={i}>
                <input
                  id={`check-in-milestone-${i}`}
                  type="checkbox"
                  autoFocus={i === 0}
                  checked={form.milestonesDone.includes(i)}
                  onChange={toggleMilestone(i)}
                />
                <label for={`check-in-milestone-${i}`}>{m.title}</label>
              </div>
            ))}
          </fieldset>
        )}
        <div class="field">
          <label for="check-in-confidence">{t('check_in.confidence')}</label>
          <input
            id="check-in-confidence"
            name="confidence"
            type="number"
            min={1}
            max={10}
            step={1}
            value={form.confidence}
            onInput={field('confidence')}
            aria-describedby="check-in-confidence-hint"
            aria-invalid={errors.confidence ? true : undefined}
          />
          <p class="hint" id="check-in-confidence-hint">
            {errors.confidence ? t(errors.confidence) : t('check_in.confidence_hint')}
          </p>
        </div>
        <div class="field">
          <label for="check-in-note">{t('check_in.note')}</label>
          <textarea
            id="check-in-note"
            name="note"
            rows={3}
            maxLength={10000}
            placeholder={t('check_in.note_hint')}
            value={form.note}
            onInput={field('note')}
            onKeyDown={onNoteKey}
          />
        </div>
        {preview && (
          <p class="preview" aria-live="polite">
            {t('check_in.preview', {
              progress: percent(preview.key_result.progress),
              status: t(`status.${preview.key_result.status}`),
              objective: percent(preview.objective.progress),
              objective_status: t(`status.${preview.objective.status}`),
            })}
          </p>
        )}
        <FormError text={problem} />
        <div class="actions">
          <button type="submit" class="primary" disabled={saving}>
            {t('check_in.submit')}
          </button>
          <button type="button" onClick={() => dialog.current?.close()}>
            {t('check_in.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
