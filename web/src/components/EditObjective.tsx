import { useState } from 'preact/hooks';

import { api, ApiError } from '../api/client';
import type { Objective } from '../api/types';
import { t } from '../i18n';
import { navigate } from '../router';
import { FormError } from './Alerts';
import { problemText } from '../api/problem';
import { ObjectiveSettingsFields } from './ObjectiveSettingsFields';

// Changes an objective's words and settings, or archives it (nothing is
// lost). Both send the version the page showed (If-Match), so a change made
// meanwhile by someone else is not overwritten: the page says so and reloads.
export function EditObjective(props: { objective: Objective & { progress_mode?: string }; onSaved: () => void }) {
  const o = props.objective;
  const [open, setOpen] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const fromObjective = () => ({
    title: o.title,
    description: o.description,
    type: o.type,
    visibility: o.visibility,
    progress_mode: o.progress_mode ?? 'key_results',
  });
  const [form, setForm] = useState(fromObjective);
  // The version the person saw when they began: a live update meanwhile must
  // not make their save overwrite it.
  const [seen, setSeen] = useState(o.version);
  const [problem, setProblem] = useState<string | null>(null);
  const ifMatch = { 'If-Match': `"${open ? seen : o.version}"` };
  const begin = () => {
    setForm(fromObjective());
    setSeen(o.version);
    setProblem(null);
    setOpen(true);
  };
  const fail = (error: unknown) => {
    if (error instanceof ApiError && error.status === 412) {
      setOpen(false);
      setProblem(t('edit.stale'));
      props.onSaved();
      return;
    }
    setProblem(problemText(error));
  };
  const set = (name: keyof typeof form) => (event: Event) =>
    setForm({ ...form, [name]: (event.currentTarget as HTMLInputElement).value });

  if (!open) {
    return (
      <div class="actions">
        <button type="button" onClick={begin}>
          {t('edit.open')}
        </button>
        {o.can.delete && !archiving && (
          <button type="button" onClick={() => setArchiving(true)}>
            {t('edit.archive')}
          </button>
        )}
        {archiving && (
          <span role="group" aria-label={t('edit.archive')}>
            {t('edit.archive_confirm')}{' '}
            <button
              type="button"
              class="primary"
              onClick={async () => {
                try {
                  await api('DELETE', `/objectives/${o.id}`, undefined, ifMatch);
                  navigate('/');
                } catch (error) {
                  fail(error);
                }
              }}
            >
              {t('edit.archive')}
            </button>{' '}
            <button type="button" onClick={() => setArchiving(false)}>
              {t('check_in.cancel')}
            </button>
          </span>
        )}
        <FormError text={problem} />
      </div>
    );
  }
  const save = async (event: Event) => {
    event.preventDefault();
    setProblem(null);
    try {
      await api('PATCH', `/objectives/${o.id}`, { ...form, title: form.title.trim(), description: form.description.trim() }, ifMatch);
      setOpen(false);
      props.onSaved();
    } catch (error) {
      fail(error);
    }
  };
  return (
    <form class="card" onSubmit={save} aria-labelledby="edit-objective">
      <h2 id="edit-objective">{t('edit.title')}</h2>
      <div class="field">
        <label for="edit-title">{t('new_objective.name')}</label>
        <input id="edit-title" maxLength={200} value={form.title} onInput={set('title')} autoFocus />
      </div>
      <div class="field">
        <label for="edit-description">{t('new_objective.description')}</label>
        <textarea id="edit-description" rows={3} value={form.description} onInput={set('description')} />
      </div>
      <ObjectiveSettingsFields
        idPrefix="edit"
        value={form}
        onChange={(next) => setForm({ ...form, ...next, type: next.type as Objective['type'], visibility: next.visibility as Objective['visibility'] })}
      />
      <FormError text={problem} />
      <div class="actions">
        <button type="submit" class="primary">
          {t('edit.save')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('check_in.cancel')}
        </button>
      </div>
    </form>
  );
}
