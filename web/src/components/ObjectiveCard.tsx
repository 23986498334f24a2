import { percent, t } from '../i18n';
import type { KeyResult, Objective } from '../api/types';
import { KeyResultRow } from './KeyResultRow';
import { Link } from './Link';
import { ProgressBar } from './ProgressBar';
import { StatusBadge } from './StatusBadge';

export function ObjectiveCard(props: {
  objective: Objective;
  keyResults?: KeyResult[];
  onCheckIn?: (kr: KeyResult) => void;
}) {
  const o = props.objective;
  return (
    <article class="objective" data-id={o.id}>
      <header class="objective-head">
        <h3>
          <Link href={`/objectives/${o.id}`}>{o.title}</Link>
        </h3>
        <span class="objective-percent">{percent(o.progress)}</span>
        <StatusBadge status={o.status} />
        {o.forecast !== null && o.forecast !== undefined && (
          <span class="forecast">{t('progress.forecast', { value: percent(o.forecast) })}</span>
        )}
        {o.visibility === 'private' && <span class="badge">{t('objective.private')}</span>}
      </header>
      <ProgressBar progress={o.progress} expected={o.expected} status={o.status} />
      {props.keyResults && props.keyResults.length > 0 && (
        <ul class="key-results">
          {props.keyResults.map((kr) => (
            <KeyResultRow key={kr.id} keyResult={kr} onCheckIn={props.onCheckIn} />
          ))}
        </ul>
      )}
    </article>
  );
}
