import { useState } from 'preact/hooks';

import { api, query } from '../api/client';
import type { Page } from '../api/types';
import { date, t } from '../i18n';
import { loadPeople, nameOf } from '../people';
import { useLoad } from '../useLoad';

interface AuditEntry {
  at: string;
  actor_id: string | null;
  actor: string;
  entity: string;
  entity_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

// What one audit entry changed, field by field (internal bookkeeping left out).
export function changesOf(entry: Pick<AuditEntry, 'before' | 'after'>): FieldChange[] {
  if (!entry.before) return [];
  const skip = new Set(['id', 'created_at']);
  const changes: FieldChange[] = [];
  for (const [field, after] of Object.entries(entry.after)) {
    if (skip.has(field)) continue;
    const before = entry.before[field];
    if (JSON.stringify(before) !== JSON.stringify(after)) changes.push({ field, before: shown(before), after: shown(after) });
  }
  return changes;
}

// Who changed an objective, when, and what: the audit log's entries about it
// (QUALITY.md: every change is kept with its before and after).
export function AuditHistory(props: { targetId: string }) {
  const [open, setOpen] = useState(false);
  const loaded = useLoad(
    async () => {
      if (!open) return null;
      await loadPeople();
      return api<Page<AuditEntry>>('GET', `/audit${query({ target_id: props.targetId, limit: 100 })}`);
    },
    [props.targetId, open],
    ['objective_updated'],
  );
  return (
    <section aria-labelledby="audit-history">
      <h2 id="audit-history">
        <button type="button" class="link-button heading-button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {t('audit.title')}
        </button>
      </h2>
      {open && loaded.data && (
        <ol class="audit" reversed>
          {loaded.data.items.map((entry, i) => {
            const changes = changesOf(entry);
            return (
              <li key={`${entry.at}-${i}`}>
                <span class="check-in-when">{date(entry.at)}</span> <strong>{entry.actor_id ? nameOf(entry.actor_id) : entry.actor}</strong>{' '}
                {entry.before === null ? t('audit.created', { what: entry.entity }) : t('audit.changed', { what: entry.entity })}
                {changes.length > 0 && (
                  <ul class="audit-changes">
                    {changes.map((c) => (
                      <li key={c.field}>
                        <code>{c.field}</code>: {c.before} → {c.after}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
