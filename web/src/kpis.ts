// The organisation's KPIs, archived ones too, for their names next to the key
// results they feed; loaded when first needed and kept, and loaded again by
// the key result forms (which offer them), so a KPI made since is there.
import { signal } from '@preact/signals';

import { api } from './api/client';
import type { Kpi, Page } from './api/types';

export const kpis = signal<Map<string, Kpi>>(new Map());
let loading: Promise<void> | null = null;

export function loadKpis(force = false): Promise<void> {
  if (loading && !force) return loading;
  loading = Promise.all([
    api<Page<Kpi>>('GET', '/kpis?limit=1000'),
    api<Page<Kpi>>('GET', '/kpis?limit=1000&archived=true'),
  ]).then(([open, archived]) => {
    kpis.value = new Map([...open.items, ...archived.items].map((k) => [k.id, k]));
  });
  return loading;
}

export function kpiName(id: string | null | undefined): string {
  if (!id) return '';
  return kpis.value.get(id)?.name ?? id;
}
