import { useState } from 'preact/hooks';

import { api, ApiError, query } from '../api/client';
import type { KeyResult, Objective, Page, Unit } from '../api/types';
import { ErrorNote } from '../components/ErrorNote';
import { Warnings } from '../components/Warnings';
import { usePreviewWarnings } from '../usePreviewWarnings';
import { ObjectiveSettingsFields } from '../components/ObjectiveSettingsFields';
import { t } from '../i18n';
import { navigate } from '../router';
import { me, periodId, periods } from '../session';
import { useLoad } from '../useLoad';
import { FormError } from '../components/Alerts';
import { Lessons } from '../components/Lessons';

interface Choices {
  units: Unit[];
  objectives: Objective[];
  keyResults: KeyResult[];
}

// A new objective: its owner (a unit or yourself), period, type, visibility,
// and what it aligns to (an objective or a key result of the same period).
// Key results are added on the objective's page, where the server's rules of
// engagement warnings show as they are added.
export function NewObjective() {
  const person = me.value!.user;
  const [form, setForm] = useState({
    title: '',
    description: '',
    owner: `person:${person.id}`,
    period: periodId.value ?? '',
    type: 'committed',
    visibility: 'public',
    progressMode: 'key_results',
    parent: '',
  });
  const choices = useLoad<Choices>(
    async () => {
      const [units, objectives, keyResults] = await Promise.all([
        api<Page<Unit>>('GET', '/units?limit=1000'),
        api<Page<Objective>>('GET', `/objectives${query({ period_id: form.period, limit: 1000 })}`),
        api<Page<KeyResult>>('GET', `/key-results${query({ period_id: form.period, limit: 1000 })}`),
      ]);
      return { units: units.items.filter((u) => !u.archived), objectives: objectives.items, keyResults: keyResults.items };
    },
    [form.period],
  );
  const [ownerKind, ownerId] = form.owner.split(':');
  const warnings = usePreviewWarnings(
    '/objectives/preview',
    form.title.trim() && form.period
      ? {
          title: form.title.trim(),
          period_id: form.period,
          owner: ownerKind === 'unit' ? { unit_id: ownerId } : { person_id: ownerId },
          type: form.type,
          visibility: form.visibility,
          progress_mode: form.progressMode,
        }
      : null,
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (name: keyof typeof form) => (event: Event) =>
    setForm({ ...form, [name]: (event.currentTarget as HTMLInputElement).value });

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setProblem(null);
    const [parentKind, parentId] = form.parent.split(':');
    try {
      const created = await api<Objective>('POST', '/objectives', {
        title: form.title.trim(),
        description: form.description.trim(),
        period_id: form.period,
        owner: ownerKind === 'unit' ? { unit_id: ownerId } : { person_id: ownerId },
        type: form.type,
        visibility: form.visibility,
        progress_mode: form.progressMode,
        parents: form.parent ? [parentKind === 'kr' ? { key_result_id: parentId } : { objective_id: parentId }] : [],
      });
      navigate(`/objectives/${created.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.fields.length) {
        setErrors(Object.fromEntries(error.fields.map((f) => [f.field.split('.')[0]!, f.message])));
      } else {
        setProblem(error instanceof ApiError ? error.detail || error.title : t('error.offline'));
      }
    } finally {
      setBusy(false);
    }
  };

  const error = (field: string) =>
    errors[field] && (
      <p class="field-error" id={`objective-${field}-error`}>
        {errors[field]}
      </p>
    );

  return (
    <main id="content" tabIndex={-1}>
      <h1>{t('new_objective.title')}</h1>
      <ErrorNote error={choices.error} />
      <Lessons period={periods.value.find((p) => p.id === form.period) ?? null} />
      <form class="card" onSubmit={submit} noValidate>
        <div class="field">
          <label for="objective-title">{t('new_objective.name')}</label>
          <input
            id="objective-title"
            required
            maxLength={200}
            autoFocus
            value={form.title}
            onInput={set('title')}
            aria-invalid={errors.title ? true : undefined}
            aria-describedby="objective-title-hint"
          />
          <p class="hint" id="objective-title-hint">
            {t('new_objective.name_hint')}
          </p>
          {error('title')}
        </div>
        <div class="field">
          <label for="objective-description">{t('new_objective.description')}</label>
          <textarea id="objective-description" rows={3} value={form.description} onInput={set('description')} />
        </div>
        <div class="field-row">
          <div class="field">
            <label for="objective-owner">{t('objective.owner')}</label>
            <select id="objective-owner" value={form.owner} onChange={set('owner')}>
              <option value={`person:${person.id}`}>{t('new_objective.me', { name: person.name })}</option>
              {(choices.data?.units ?? []).map((u) => (
                <option key={u.id} value={`unit:${u.id}`}>
                  {u.name}
                </option>
              ))}
            </select>
            {error('owner')}
          </div>
          <div class="field">
            <label for="objective-period">{t('objective.period')}</label>
            <select id="objective-period" value={form.period} onChange={set('period')}>
              {periods.value.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            {error('period_id')}
          </div>
        </div>
        <ObjectiveSettingsFields
          idPrefix="objective"
          value={{ type: form.type, visibility: form.visibility, progress_mode: form.progressMode }}
          onChange={(next) => setForm({ ...form, type: next.type, visibility: next.visibility, progressMode: next.progress_mode })}
        />
        <div class="field">
          <label for="objective-parent">{t('new_objective.parent')}</label>
          <select id="objective-parent" value={form.parent} onChange={set('parent')}>
            <option value="">{t('new_objective.no_parent')}</option>
            {(choices.data?.objectives ?? []).map((o) => (
              <optgroup key={o.id} label={o.title}>
                <option value={`objective:${o.id}`}>{o.title}</option>
                {(choices.data?.keyResults ?? [])
                  .filter((kr) => kr.objective_id === o.id)
                  .map((kr) => (
                    <option key={kr.id} value={`kr:${kr.id}`}>
                      {`→ ${kr.title}`}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
          {error('parents')}
        </div>
        <Warnings warnings={warnings} id="new-objective-warnings" />
        <FormError text={problem} />
        <button type="submit" class="primary" disabled={busy}>
          {t('new_objective.create')}
        </button>
      </form>
    </main>
  );
}
