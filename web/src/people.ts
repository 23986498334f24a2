// Everyone in the organisation, loaded once per session and kept, for names
// next to ids (comments, owners, initiatives).
import { signal } from '@preact/signals';

import { api } from './api/client';
import type { Page, Person } from './api/types';

export const people = signal<Map<string, Person>>(new Map());
let loading: Promise<void> | null = null;

export function loadPeople(force = false): Promise<void> {
  if (loading && !force) return loading;
  loading = api<Page<Person>>('GET', '/people?limit=1000').then((page) => {
    people.value = new Map(page.items.map((p) => [p.id, p]));
  });
  return loading;
}

export function nameOf(id: string | null | undefined): string {
  if (!id) return '';
  return people.value.get(id)?.name ?? id;
}
