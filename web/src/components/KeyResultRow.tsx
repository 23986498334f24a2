import { useEffect, useState } from 'preact/hooks';

import { date, number, percent, t, withUnit } from '../i18n';
import type { KeyResult } from '../api/types';
import { kpiName, loadKpis } from '../kpis';
import { loadPeople } from '../people';
import { Link } from './Link';
import { EditKeyResult } from './EditKeyResult';
import { KeyResultHistory } from './KeyResultHistory';
import { ProgressBar } from './ProgressBar';
import { StatusBadge } from './StatusBadge';

// What a key result stands at: current against target, progress against the
// expected pace, status and confidence, and a check-in button when allowed.
export function KeyResultRow(props: {
  keyResult: KeyResult;
  onCheckIn?: (kr: KeyResult) => void;
  withHistory?: boolean;
  onEdited?: () => void;
}) {
  const kr = props.keyResult;
  const fedBy = kr.progress_source === 'kpi' ? kr.kpi_id : null;
  useEffect(() => {
    if (fedBy) void loadKpis();
  }, [fedBy]);
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const where = (() => {
    if (kr.kind === 'metric' && kr.current !== null && kr.target !== null) {
      return `${withUnit(kr.current, kr.unit)} / ${withUnit(kr.target, kr.unit)}`;
    }
    if (kr.kind === 'band' && kr.current !== null) {
      return `${withUnit(kr.current, kr.unit)} (${number(kr.low ?? 0)}–${withUnit(kr.high ?? 0, kr.unit)})`;
    }
    return null;
  })();
  return (
    <li class="key-result" data-id={kr.id}>
      <div class="key-result-head">
        <span class="key-result-title">{kr.title}</span>
        <StatusBadge status={kr.status} />
      </div>
      <ProgressBar progress={kr.progress} expected={kr.expected} status={kr.status} />
      <div class="key-result-facts">
        {where && <span class="current">{where}</span>}
        <span>
          {kr.confidence === null
            ? t('progress.no_confidence')
            : t('progress.confidence', { value: number(kr.confidence) })}
        </span>
        {kr.forecast !== null && <span class="forecast">{t('progress.forecast', { value: percent(kr.forecast) })}</span>}
        {fedBy && (
          <span class="fed-by">
            {t('key_result.fed_by')} <Link href={`/kpis/${fedBy}`}>{kpiName(fedBy)}</Link>
          </span>
        )}
        {kr.stale && <span class="stale">{t('progress.stale')}</span>}
        {kr.last_check_in_at && <span>{t('progress.last_check_in', { date: date(kr.last_check_in_at) })}</span>}
        {props.withHistory && (
          <button
            type="button"
            class="link-button"
            aria-expanded={open}
            aria-label={t('history.open_on', { title: kr.title })}
            onClick={() => setOpen(!open)}
          >
            {t('history.open')}
          </button>
        )}
        {props.onEdited && kr.can.edit && (
          <button
            type="button"
            class="link-button"
            aria-label={t('edit.key_result_open', { title: kr.title })}
            onClick={() => {
              void loadPeople().then(() => setEditing(true));
            }}
          >
            {t('edit.open')}
          </button>
        )}
        {props.onCheckIn && kr.can.check_in && (
          <button
            type="button"
            class="check-in-button"
            aria-label={t('check_in.open_on', { title: kr.title })}
            onClick={() => props.onCheckIn?.(kr)}
          >
            {t('check_in.open')}
          </button>
        )}
      </div>
      {editing && (
        <EditKeyResult
          keyResult={kr}
          onCancel={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            props.onEdited?.();
          }}
        />
      )}
      {open && <KeyResultHistory keyResult={kr} />}
    </li>
  );
}
