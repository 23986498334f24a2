import { useState } from 'preact/hooks';

import { api, query } from '../api/client';
import type { Objective, Page, Period } from '../api/types';
import { ErrorNote } from '../components/ErrorNote';
import { Link } from '../components/Link';
import { StatusBadge } from '../components/StatusBadge';
import { date, number, percent, t } from '../i18n';
import { loadPeriods, periods } from '../session';
import { useLoad } from '../useLoad';
import { FormError } from '../components/Alerts';
import { RolloutTimeline } from '../components/RolloutTimeline';
import { localToday } from '../timeline';
import { problemText } from '../api/problem';
import { Lessons } from '../components/Lessons';
import { Retrospectives } from '../components/Retrospectives';

// A closed objective's score, and the override an admin sets with a reason.
function ScoreCell(props: { objective: Objective; onChanged: () => void }) {
  const o = props.objective;
  const [editing, setEditing] = useState(false);
  const [score, setScore] = useState(o.score === null ? '' : String(o.score));
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  if (o.score === null) return <span class="empty">–</span>;
  const save = async (event: Event) => {
    event.preventDefault();
    setProblem(null);
    try {
      await api('PUT', `/objectives/${o.id}/score`, { score: Number(score.replace(',', '.')), reason: reason.trim() });
      setEditing(false);
      props.onChanged();
    } catch (error) {
      setProblem(problemText(error, { withFields: false }));
    }
  };
  return (
    <div class="score">
      <strong class="score-value">{number(o.score)}</strong>
      {o.score_override && (
        <span class="hint">
          {' '}
          {t('period.overridden', {
            computed: o.computed_score === null || o.computed_score === undefined ? '–' : number(o.computed_score),
            reason: o.score_override.reason,
          })}
        </span>
      )}
      {o.can.edit && !editing && (
        <button type="button" class="link-button" onClick={() => setEditing(true)} aria-label={t('period.override_on', { title: o.title })}>
          {t('period.override')}
        </button>
      )}
      {editing && (
        <form class="override" onSubmit={save}>
          <label for={`score-${o.id}`}>{t('period.score')}</label>
          <input id={`score-${o.id}`} inputMode="decimal" value={score} onInput={(e) => setScore(e.currentTarget.value)} autoFocus />
          <label for={`reason-${o.id}`}>{t('period.reason')}</label>
          <input id={`reason-${o.id}`} value={reason} onInput={(e) => setReason(e.currentTarget.value)} required />
          <button type="submit" class="primary">
            {t('period.save_score')}
          </button>
          <button type="button" onClick={() => setEditing(false)}>
            {t('check_in.cancel')}
          </button>
          <FormError text={problem} />
        </form>
      )}
    </div>
  );
}

// Rolls an unfinished objective of a closed period into a later one.
function Rollover(props: { objective: Objective; later: Period[]; onDone: (created: Objective) => void }) {
  const [target, setTarget] = useState(props.later[0]?.id ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  if (!props.objective.can.edit || props.later.length === 0 || props.objective.success) return null;
  const roll = async () => {
    setProblem(null);
    try {
      const created = await api<Objective>('POST', `/objectives/${props.objective.id}/rollover`, { period_id: target });
      props.onDone(created);
    } catch (error) {
      setProblem(problemText(error, { withFields: false }));
    }
  };
  return (
    <div class="rollover">
      <label>
        <span class="visually-hidden">{t('period.rollover_into')}</span>
        <select value={target} onChange={(e) => setTarget(e.currentTarget.value)} aria-label={t('period.rollover_into')}>
          {props.later.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={roll} aria-label={t('period.rollover_on', { title: props.objective.title })}>
        {t('period.rollover')}
      </button>
      <FormError text={problem} />
    </div>
  );
}

// A period: its rollout timeline (F16) and, while it is planned or runs, the
// previous period's lessons; its objectives with progress and, once closed,
// their scores; closing and scoring it; overrides with reasons; rollover
// (F20–F23); its retrospectives (F24).
export function PeriodPage(props: { id: string }) {
  const loaded = useLoad(
    async () => {
      const [period, objectives] = await Promise.all([
        api<Period>('GET', `/periods/${encodeURIComponent(props.id)}`),
        api<Page<Objective>>('GET', `/objectives${query({ period_id: props.id, limit: 1000 })}`),
      ]);
      return { period, objectives: objectives.items };
    },
    [props.id],
    ['check_in', 'objective_updated', 'period_updated'],
  );
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [rolled, setRolled] = useState<Objective[]>([]);
  if (loaded.error) return <main id="content"><ErrorNote error={loaded.error} /></main>;
  if (!loaded.data) return <main id="content"><p>{t('app.loading')}</p></main>;
  const { period, objectives } = loaded.data;
  const later = periods.value.filter((p) => p.start_date > period.start_date && p.state !== 'closed');
  const close = async () => {
    setProblem(null);
    try {
      await api('POST', `/periods/${period.id}/close`);
      setConfirming(false);
      await loadPeriods();
      loaded.reload();
    } catch (error) {
      setProblem(problemText(error, { withFields: false }));
    }
  };
  return (
    <main id="content" tabIndex={-1}>
      <p class="breadcrumbs">
        <Link href="/periods">{t('nav.periods')}</Link>
      </p>
      <h1>{period.name}</h1>
      <p class="lead">
        {date(period.start_date)} – {date(period.end_date)} · {t(`period.state.${period.state}`)}
        {period.closed_at && ` · ${t('period.closed_on', { date: date(period.closed_at) })}`}
      </p>
      <p>
        <Link href={`/periods/${period.id}/report`}>{t('report.open')}</Link>
      </p>
      <RolloutTimeline period={period} today={localToday()} />
      {period.state !== 'closed' && <Lessons period={period} />}
      {period.state !== 'closed' && period.can?.edit && (
        <div class="card">
          {!confirming ? (
            <button type="button" onClick={() => setConfirming(true)}>
              {t('period.close')}
            </button>
          ) : (
            <div role="group" aria-labelledby="close-warning">
              <p id="close-warning">{t('period.close_warning', { count: objectives.length })}</p>
              <div class="actions">
                <button type="button" class="primary" onClick={close}>
                  {t('period.close_confirm')}
                </button>
                <button type="button" onClick={() => setConfirming(false)}>
                  {t('check_in.cancel')}
                </button>
              </div>
            </div>
          )}
          <FormError text={problem} />
        </div>
      )}
      {rolled.length > 0 && (
        <p class="notice" role="status">
          {t('period.rolled_over')}{' '}
          {rolled.map((o) => (
            <Link key={o.id} href={`/objectives/${o.id}`}>
              {o.title}
            </Link>
          ))}
        </p>
      )}
      <table class="period-objectives">
        <thead>
          <tr>
            <th scope="col">{t('period.objective')}</th>
            <th scope="col">{t('period.progress')}</th>
            <th scope="col">{t('period.status')}</th>
            <th scope="col">{t('period.score')}</th>
            {period.state === 'closed' && <th scope="col">{t('period.rollover')}</th>}
          </tr>
        </thead>
        <tbody>
          {objectives.map((o) => (
            <tr key={o.id} data-id={o.id}>
              <td>
                <Link href={`/objectives/${o.id}`}>{o.title}</Link>
              </td>
              <td class="number">{percent(o.progress)}</td>
              <td>
                <StatusBadge status={o.status} />
              </td>
              <td>
                <ScoreCell objective={o} onChanged={loaded.reload} />
              </td>
              {period.state === 'closed' && (
                <td>
                  <Rollover objective={o} later={later} onDone={(created) => setRolled([...rolled, created])} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {period.state !== 'planning' && <Retrospectives period={period} />}
    </main>
  );
}

export function Periods() {
  return (
    <main id="content" tabIndex={-1}>
      <h1>{t('nav.periods')}</h1>
      <ul class="periods card">
        {periods.value.map((p) => (
          <li key={p.id}>
            <Link href={`/periods/${p.id}`}>{p.name}</Link>{' '}
            <span class="hint">
              {date(p.start_date)} – {date(p.end_date)} · {t(`period.state.${p.state}`)}
            </span>
          </li>
        ))}
      </ul>
    </main>
  );
}
