import { useState } from 'preact/hooks';

import { api } from '../../api/client';
import type { Page, Person, Unit } from '../../api/types';
import { Link } from '../../components/Link';
import { t } from '../../i18n';
import { useAction } from '../../useAction';
import { useLoad } from '../../useLoad';
import { FormError, Notice } from '../../components/Alerts';

// Units: the hierarchy below the company, each with a lead and members.
export function UnitsAdmin() {
  const loaded = useLoad(
    async () => {
      const [units, people] = await Promise.all([
        api<Page<Unit>>('GET', '/units?limit=1000'),
        api<Page<Person>>('GET', '/people?limit=1000'),
      ]);
      return { units: units.items.filter((u) => !u.archived), people: people.items.filter((p) => p.active) };
    },
    [],
    ['unit_updated', 'person_updated'],
  );
  const [form, setForm] = useState({ name: '', kind: 'team' as Unit['kind'], parent: '', lead: '' });
  const { notice, problem, run } = useAction(() => loaded.reload());
  if (!loaded.data) return null;
  const { units, people } = loaded.data;
  const name = (id: string | null) => people.find((p) => p.id === id)?.name ?? '';
  const add = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      await api('POST', '/units', {
        name: form.name.trim(),
        kind: form.kind,
        parent_id: form.parent || null,
        lead_id: form.lead || null,
      });
      setForm({ name: '', kind: 'team', parent: '', lead: '' });
    }, t('admin.unit_added', { name: form.name.trim() }));
  };
  const set = (key: keyof typeof form) => (event: Event) =>
    setForm({ ...form, [key]: (event.currentTarget as HTMLInputElement).value });

  return (
    <section aria-labelledby="admin-units">
      <h2 id="admin-units">{t('units.title')}</h2>
      <Notice text={notice} />
      <FormError text={problem} />
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.name')}</th>
            <th scope="col">{t('admin.parent')}</th>
            <th scope="col">{t('admin.lead')}</th>
            <th scope="col">{t('units.members')}</th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <tr key={u.id}>
              <td>
                <Link href={`/units/${u.id}`}>{u.name}</Link> <span class="hint">{t(`units.kind.${u.kind}`)}</span>
              </td>
              <td>
                {u.kind === 'company' ? (
                  '–'
                ) : (
                  <select
                    aria-label={t('admin.parent_of', { name: u.name })}
                    value={u.parent_id ?? ''}
                    onChange={(e) => run(() => api('PATCH', `/units/${u.id}`, { parent_id: e.currentTarget.value }), t('admin.saved', { name: u.name }))}
                  >
                    {units
                      .filter((p) => p.id !== u.id)
                      .map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name}
                        </option>
                      ))}
                  </select>
                )}
              </td>
              <td>
                <select
                  aria-label={t('admin.lead_of', { name: u.name })}
                  value={u.lead_id ?? ''}
                  onChange={(e) =>
                    run(() => api('PATCH', `/units/${u.id}`, { lead_id: e.currentTarget.value || null }), t('admin.saved', { name: u.name }))
                  }
                >
                  <option value="">–</option>
                  {people.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <ul class="members">
                  {u.member_ids.map((id) => (
                    <li key={id}>
                      {name(id)}{' '}
                      <button
                        type="button"
                        class="link-button"
                        aria-label={t('admin.remove_member', { name: name(id), unit: u.name })}
                        onClick={() => run(() => api('DELETE', `/units/${u.id}/members/${id}`), t('admin.saved', { name: u.name }))}
                      >
                        ×
                      </button>
                    </li>
                  ))}
                </ul>
                <select
                  aria-label={t('admin.add_member_to', { unit: u.name })}
                  value=""
                  onChange={(e) =>
                    run(() => api('POST', `/units/${u.id}/members`, { person_id: e.currentTarget.value }), t('admin.saved', { name: u.name }))
                  }
                >
                  <option value="">{t('admin.add_member')}</option>
                  {people
                    .filter((p) => !u.member_ids.includes(p.id))
                    .map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form class="card" onSubmit={add} aria-labelledby="admin-add-unit">
        <h3 id="admin-add-unit">{t('admin.add_unit')}</h3>
        <div class="field-row">
          <div class="field">
            <label for="unit-name">{t('admin.name')}</label>
            <input id="unit-name" required maxLength={200} value={form.name} onInput={set('name')} />
          </div>
          <div class="field">
            <label for="unit-kind">{t('admin.kind')}</label>
            <select id="unit-kind" value={form.kind} onChange={set('kind')}>
              <option value="function">{t('units.kind.function')}</option>
              <option value="team">{t('units.kind.team')}</option>
            </select>
          </div>
          <div class="field">
            <label for="unit-parent">{t('admin.parent')}</label>
            <select id="unit-parent" value={form.parent} onChange={set('parent')}>
              <option value="">–</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="unit-lead">{t('admin.lead')}</label>
            <select id="unit-lead" value={form.lead} onChange={set('lead')}>
              <option value="">–</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit" class="primary">
          {t('admin.add_unit')}
        </button>
      </form>
    </section>
  );
}
