import { useState } from 'preact/hooks';

import { api, query } from '../api/client';
import type { KeyResult, Objective, Page } from '../api/types';
import { CheckInDialog } from '../components/CheckInDialog';
import { ErrorNote } from '../components/ErrorNote';
import { KeyResultRow } from '../components/KeyResultRow';
import { Link } from '../components/Link';
import { NotificationList } from '../components/NotificationList';
import { ObjectiveCard } from '../components/ObjectiveCard';
import { t } from '../i18n';
import { me, periodId } from '../session';
import { useLoad } from '../useLoad';

interface Mine {
  objectives: Objective[];
  keyResults: KeyResult[];
  delegated: KeyResult[];
}

const week = 7 * 24 * 3600 * 1000;

// A key result wants a check-in when nobody checked in on it for a week, or
// the server calls it stale.
export function needsCheckIn(kr: KeyResult, now: number): boolean {
  if (!kr.can.check_in) return false;
  return kr.stale || kr.last_check_in_at === null || now - Date.parse(kr.last_check_in_at) >= week;
}

async function loadMine(person: string, period: string): Promise<Mine> {
  const [objectives, owned, delegated] = await Promise.all([
    api<Page<Objective>>('GET', `/objectives${query({ owner_id: person, period_id: period, limit: 1000 })}`),
    api<Page<KeyResult>>('GET', `/key-results${query({ owner_id: person, period_id: period, limit: 1000 })}`),
    api<Page<KeyResult>>('GET', `/key-results${query({ delegate_id: person, period_id: period, limit: 1000 })}`),
  ]);
  // The objectives' own key results, for the cards.
  const details = await Promise.all(
    objectives.items.map((o) => api<Objective>('GET', `/objectives/${encodeURIComponent(o.id)}`)),
  );
  return { objectives: details, keyResults: owned.items, delegated: delegated.items };
}

export function MyOkrs() {
  const person = me.value!.user;
  const period = periodId.value;
  const mine = useLoad(
    () => (period ? loadMine(person.id, period) : Promise.resolve({ objectives: [], keyResults: [], delegated: [] })),
    [person.id, period],
    ['check_in', 'objective_updated', 'key_result_updated'],
  );
  const [checkingIn, setCheckingIn] = useState<KeyResult | null>(null);
  const now = Date.now();
  const due = mine.data ? [...mine.data.keyResults, ...mine.data.delegated].filter((kr) => needsCheckIn(kr, now)) : [];

  return (
    <main id="content" tabIndex={-1}>
      <h1>{t('my.title')}</h1>
      <p class="lead">{t('my.greeting', { name: person.name })}</p>
      <section aria-labelledby="my-notifications" class="my-notifications">
        <h2 id="my-notifications">{t('notifications.latest')}</h2>
        <NotificationList first={5} />
        <p>
          <Link href="/notifications">{t('notifications.all')}</Link>
        </p>
      </section>
      <ErrorNote error={mine.error} />
      {!mine.data && !mine.error && <p aria-live="polite">{t('app.loading')}</p>}
      {mine.data && (
        <>
          <p class="summary" aria-live="polite">
            {due.length ? t('my.due', { count: due.length }) : t('my.all_done')}
          </p>
          <section aria-labelledby="my-key-results">
            <h2 id="my-key-results">{t('my.key_results')}</h2>
            {mine.data.keyResults.length === 0 ? (
              <p class="empty">{t('my.no_key_results')}</p>
            ) : (
              <ul class="key-results card">
                {mine.data.keyResults.map((kr) => (
                  <KeyResultRow key={kr.id} keyResult={kr} onCheckIn={setCheckingIn} />
                ))}
              </ul>
            )}
          </section>
          {mine.data.delegated.length > 0 && (
            <section aria-labelledby="my-delegated">
              <h2 id="my-delegated">{t('my.delegated')}</h2>
              <ul class="key-results card">
                {mine.data.delegated.map((kr) => (
                  <KeyResultRow key={kr.id} keyResult={kr} onCheckIn={setCheckingIn} />
                ))}
              </ul>
            </section>
          )}
          <section aria-labelledby="my-objectives">
            <h2 id="my-objectives">{t('my.objectives')}</h2>
            {mine.data.objectives.length === 0 && <p class="empty">{t('my.no_objectives')}</p>}
            {mine.data.objectives.map((o) => (
              <ObjectiveCard key={o.id} objective={o} keyResults={o.key_results} onCheckIn={setCheckingIn} />
            ))}
          </section>
        </>
      )}
      {checkingIn && (
        <CheckInDialog keyResult={checkingIn} onClose={() => setCheckingIn(null)} onSaved={() => mine.reload()} />
      )}
    </main>
  );
}
