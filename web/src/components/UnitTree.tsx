import type { Unit } from '../api/types';
import { api } from '../api/client';
import { t } from '../i18n';
import { nameOf, loadPeople } from '../people';
import { useLoad } from '../useLoad';
import { Link } from './Link';

// The unit hierarchy under `root` (default: the company), as nested lists.
export function UnitTree(props: { root?: string }) {
  const loaded = useLoad(async () => {
    const [units] = await Promise.all([api<{ items: Unit[] }>('GET', '/units?limit=1000'), loadPeople()]);
    return units.items.filter((u) => !u.archived);
  }, []);
  if (!loaded.data) return null;
  const units = loaded.data;
  const childrenOf = (id: string | null) => units.filter((u) => u.parent_id === id);
  const branch = (parent: string | null, depth: number) => {
    const below = childrenOf(parent);
    if (below.length === 0 || depth > 12) return null;
    return (
      <ul class="unit-tree">
        {below.map((u) => (
          <li key={u.id}>
            <Link href={`/units/${u.id}`}>{u.name}</Link>
            {u.lead_id && <span class="hint"> · {t('units.lead', { name: nameOf(u.lead_id) })}</span>}
            {branch(u.id, depth + 1)}
          </li>
        ))}
      </ul>
    );
  };
  const start = props.root ?? units.find((u) => u.kind === 'company')?.id ?? null;
  const tree = branch(start, 0);
  if (!tree) return null;
  return (
    <section aria-labelledby="unit-tree">
      <h2 id="unit-tree">{props.root ? t('units.below') : t('units.title')}</h2>
      {tree}
    </section>
  );
}
