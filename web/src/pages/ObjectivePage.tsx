import { useState } from 'preact/hooks';

import { api } from '../api/client';
import type { KeyResult, Objective, Period, Person, Unit } from '../api/types';
import { AddKeyResult } from '../components/AddKeyResult';
import { AuditHistory } from '../components/AuditHistory';
import { CheckInDialog } from '../components/CheckInDialog';
import { Comments } from '../components/Comments';
import { Initiatives } from '../components/Initiatives';
import { EditObjective } from '../components/EditObjective';
import { ErrorNote } from '../components/ErrorNote';
import { KeyResultRow } from '../components/KeyResultRow';
import { Link } from '../components/Link';
import { ProgressBar } from '../components/ProgressBar';
import { StatusBadge } from '../components/StatusBadge';
import { percent, t } from '../i18n';
import { useLoad } from '../useLoad';

interface Related {
  objective_id?: string;
  key_result_id?: string;
  id?: string;
  title: string;
}

interface Detail extends Objective {
  parents: Related[];
  children: Related[];
  dependencies: Related[];
}

async function ownerOf(o: Objective): Promise<{ name: string; href: string }> {
  if ('unit_id' in o.owner) {
    return { name: (await api<Unit>('GET', `/units/${o.owner.unit_id}`)).name, href: `/units/${o.owner.unit_id}` };
  }
  return { name: (await api<Person>('GET', `/people/${o.owner.person_id}`)).name, href: `/people/${o.owner.person_id}` };
}

export function ObjectivePage(props: { id: string }) {
  const loaded = useLoad(
    async () => {
      const objective = await api<Detail>('GET', `/objectives/${encodeURIComponent(props.id)}`);
      const [owner, period] = await Promise.all([
        ownerOf(objective),
        api<Period>('GET', `/periods/${objective.period_id}`),
      ]);
      return { objective, owner, period };
    },
    [props.id],
    ['check_in', 'objective_updated', 'key_result_updated', 'alignment_changed'],
  );
  const [checkingIn, setCheckingIn] = useState<KeyResult | null>(null);

  if (loaded.error) return <main id="content"><ErrorNote error={loaded.error} /></main>;
  if (!loaded.data) return <main id="content"><p>{t('app.loading')}</p></main>;
  const { objective: o, owner, period } = loaded.data;
  const related = (items: Related[]) => (
    <ul class="related">
      {items.map((r) => {
        const target = r.objective_id ?? r.id;
        return (
          <li key={`${r.key_result_id ?? ''}${target ?? ''}`}>
            {target ? <Link href={`/objectives/${target}`}>{r.title}</Link> : r.title}
          </li>
        );
      })}
    </ul>
  );
  return (
    <main id="content" tabIndex={-1}>
      <p class="breadcrumbs">
        {period.name} · {t(`objective.type.${o.type}`)}
        {o.visibility === 'private' && ` · ${t('objective.private')}`}
      </p>
      <h1>{o.title}</h1>
      {o.description && <p class="lead">{o.description}</p>}
      <div class="objective-summary card">
        <p>
          <span class="objective-percent">{percent(o.progress)}</span> <StatusBadge status={o.status} />{' '}
          {o.forecast !== null && o.forecast !== undefined && (
            <span class="forecast">{t('progress.forecast', { value: percent(o.forecast) })} </span>
          )}
          <span>
            {t('objective.owner')}: <Link href={owner.href}>{owner.name}</Link>
          </span>
        </p>
        <ProgressBar progress={o.progress} expected={o.expected} status={o.status} />
      </div>
      {o.can.edit && <EditObjective objective={o} onSaved={loaded.reload} />}
      {o.warnings && o.warnings.length > 0 && (
        <section class="warnings card" aria-labelledby="objective-warnings">
          <h2 id="objective-warnings">{t('objective.warnings')}</h2>
          <ul>
            {o.warnings.map((w) => (
              <li key={w.rule}>{w.message}</li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="objective-key-results">
        <h2 id="objective-key-results">{t('objective.key_results')}</h2>
        {(o.key_results ?? []).length === 0 ? (
          <p class="empty">{t('objective.no_key_results')}</p>
        ) : (
          <ul class="key-results card">
            {(o.key_results ?? []).map((kr) => (
              <KeyResultRow key={kr.id} keyResult={kr} onCheckIn={setCheckingIn} withHistory onEdited={loaded.reload} />
            ))}
          </ul>
        )}
        {o.can.edit && o.state !== 'closed' && <AddKeyResult objectiveId={o.id} onAdded={loaded.reload} />}
      </section>
      {o.parents.length > 0 && (
        <section aria-labelledby="objective-parents">
          <h2 id="objective-parents">{t('objective.parents')}</h2>
          {related(o.parents)}
        </section>
      )}
      {o.children.length > 0 && (
        <section aria-labelledby="objective-children">
          <h2 id="objective-children">{t('objective.children')}</h2>
          {related(o.children)}
        </section>
      )}
      {o.dependencies.length > 0 && (
        <section aria-labelledby="objective-dependencies">
          <h2 id="objective-dependencies">{t('objective.dependencies')}</h2>
          {related(o.dependencies)}
        </section>
      )}
      <Initiatives objectiveId={o.id} canAdd={Boolean(o.can.edit) && o.state !== 'closed'} />
      <Comments target={{ objective_id: o.id }} canComment={Boolean(o.can.comment)} />
      <AuditHistory targetId={o.id} />
      {checkingIn && (
        <CheckInDialog keyResult={checkingIn} onClose={() => setCheckingIn(null)} onSaved={() => loaded.reload()} />
      )}
    </main>
  );
}
