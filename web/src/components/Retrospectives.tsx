import { useEffect, useState } from 'preact/hooks';

import { api, query } from '../api/client';
import { problemText } from '../api/problem';
import {
  retrospectiveQuestions,
  type Page,
  type Period,
  type Retrospective,
  type RetrospectiveQuestion,
  type Retrospectives as RetrospectiveList,
  type Unit,
} from '../api/types';
import { dateTime, t } from '../i18n';
import { loadPeople, nameOf } from '../people';
import { useLoad } from '../useLoad';
import { FormError } from './Alerts';

type Answers = Record<RetrospectiveQuestion, string>;

function emptyAnswers(): Answers {
  return Object.fromEntries(retrospectiveQuestions.map((q) => [q, ''])) as Answers;
}

export function RetrospectiveCard(props: { retro: Retrospective; unit: string; onEdit: (() => void) | null }) {
  const r = props.retro;
  return (
    <article class="card retrospective" data-unit={r.unit_id} aria-labelledby={`retro-${r.id}`}>
      <h3 id={`retro-${r.id}`}>{props.unit}</h3>
      <p class="hint">
        {t(r.revision > 1 ? 'retro.edited_by' : 'retro.by', { name: nameOf(r.author_id), date: dateTime(r.recorded_at) })}
        {props.onEdit && (
          <>
            {' '}
            <button type="button" class="link-button" onClick={props.onEdit} aria-label={t('retro.edit_on', { unit: props.unit })}>
              {t('retro.edit')}
            </button>
          </>
        )}
      </p>
      <dl class="answers">
        {retrospectiveQuestions
          .filter((q) => r.answers[q])
          .map((q) => (
            <div key={q}>
              <dt>{t(`retro.q.${q}`)}</dt>
              <dd>{r.answers[q]}</dd>
            </div>
          ))}
      </dl>
    </article>
  );
}

// The guiding questions as a form; choosing a unit that already has its
// retrospective starts from its answers (recording it again replaces it).
function RetrospectiveForm(props: {
  period: Period;
  units: Array<{ id: string; name: string }>;
  existing: Map<string, Retrospective>;
  unitId: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const startFrom = (unit: string) => ({ ...emptyAnswers(), ...(props.existing.get(unit)?.answers ?? {}) });
  const [unit, setUnit] = useState(props.unitId);
  const [answers, setAnswers] = useState<Answers>(() => startFrom(props.unitId));
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const choose = (next: string) => {
    setUnit(next);
    setAnswers(startFrom(next));
  };
  const save = async (event: Event) => {
    event.preventDefault();
    setProblem(null);
    setBusy(true);
    try {
      const trimmed = Object.fromEntries(retrospectiveQuestions.map((q) => [q, answers[q].trim()]));
      await api('POST', '/retrospectives', { unit_id: unit, period_id: props.period.id, answers: trimmed });
      props.onDone();
    } catch (error) {
      setProblem(problemText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card retrospective-form" onSubmit={save} aria-labelledby="retro-form-title">
      <h3 id="retro-form-title">{t('retro.form_title', { period: props.period.name })}</h3>
      <div class="field">
        <label for="retro-unit">{t('retro.unit')}</label>
        <select id="retro-unit" value={unit} onChange={(e) => choose(e.currentTarget.value)}>
          {props.units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </div>
      {retrospectiveQuestions.map((q) => (
        <div class="field" key={q}>
          <label for={`retro-${q}`}>{t(`retro.q.${q}`)}</label>
          <textarea
            id={`retro-${q}`}
            rows={q === 'lessons' ? 3 : 2}
            value={answers[q]}
            onInput={(e) => setAnswers({ ...answers, [q]: e.currentTarget.value })}
          />
        </div>
      ))}
      <p class="hint">{t('retro.lessons_hint')}</p>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('retro.save')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('check_in.cancel')}
        </button>
      </div>
      <FormError text={problem} />
    </form>
  );
}

// A period's retrospectives (F24): each unit's answers to the guiding
// questions, and for the unit's leads and admins a form to record them.
export function Retrospectives(props: { period: Period }) {
  const loaded = useLoad(
    async () => {
      const [list, units] = await Promise.all([
        api<RetrospectiveList>('GET', `/retrospectives${query({ period_id: props.period.id, limit: 1000 })}`),
        api<Page<Unit>>('GET', '/units?limit=1000'),
      ]);
      return { list, units: new Map(units.items.map((u) => [u.id, u.name])) };
    },
    [props.period.id],
    ['retrospective', 'unit_updated'],
  );
  const [writing, setWriting] = useState<string | null>(null);
  useEffect(() => void loadPeople().catch(() => undefined), []);
  if (!loaded.data) return null;
  const { list, units } = loaded.data;
  const writable = list.writable_unit_ids ?? [];
  const existing = new Map(list.items.map((r) => [r.unit_id, r]));
  const unitName = (id: string) => units.get(id) ?? id;
  return (
    <section class="retrospectives" aria-labelledby="retrospectives-title">
      <h2 id="retrospectives-title">{t('retro.title')}</h2>
      <p class="hint">{t('retro.intro')}</p>
      {list.items.length === 0 && <p class="empty">{t('retro.none')}</p>}
      {list.items.map((r) => (
        <RetrospectiveCard
          key={r.id}
          retro={r}
          unit={unitName(r.unit_id)}
          onEdit={writable.includes(r.unit_id) ? () => setWriting(r.unit_id) : null}
        />
      ))}
      {writing !== null ? (
        <RetrospectiveForm
          key={writing}
          period={props.period}
          units={writable.map((id) => ({ id, name: unitName(id) }))}
          existing={existing}
          unitId={writing}
          onDone={() => {
            setWriting(null);
            loaded.reload();
          }}
          onCancel={() => setWriting(null)}
        />
      ) : (
        writable.length > 0 && (
          <button type="button" onClick={() => setWriting(writable.find((id) => !existing.has(id)) ?? writable[0]!)}>
            {t('retro.write')}
          </button>
        )
      )}
    </section>
  );
}
