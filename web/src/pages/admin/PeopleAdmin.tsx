import { useState } from 'preact/hooks';

import { api } from '../../api/client';
import type { Page, Person } from '../../api/types';
import { Link } from '../../components/Link';
import { t } from '../../i18n';
import { loadPeople } from '../../people';
import { useAction } from '../../useAction';
import { useLoad } from '../../useLoad';
import { FormError, Notice } from '../../components/Alerts';

type Role = Person['role'];
const roles: Role[] = ['admin', 'member', 'viewer'];

// People: add someone (with a first password, or none to set later), change
// a role or manager, deactivate. A role change or deactivation signs the
// person out everywhere (the server does it).
export function PeopleAdmin() {
  const list = useLoad(() => api<Page<Person>>('GET', '/people?limit=1000'), [], ['person_updated']);
  const [form, setForm] = useState({ name: '', email: '', role: 'member' as Role, manager: '', password: '' });
  const { notice, problem, run } = useAction(() => {
    list.reload();
    void loadPeople(true);
  });
  const people = list.data?.items ?? [];

  const add = (event: Event) => {
    event.preventDefault();
    const body: Record<string, unknown> = {
      name: form.name.trim(),
      email: form.email.trim(),
      role: form.role,
      manager_id: form.manager || null,
    };
    if (form.password) body.password = form.password;
    void run(async () => {
      await api('POST', '/people', body);
      setForm({ name: '', email: '', role: 'member', manager: '', password: '' });
    }, t('admin.person_added', { name: String(body.name) }));
  };
  const change = (person: Person, patch: Record<string, unknown>) =>
    run(() => api('PATCH', `/people/${person.id}`, patch), t('admin.saved', { name: person.name }));
  const set = (name: keyof typeof form) => (event: Event) =>
    setForm({ ...form, [name]: (event.currentTarget as HTMLInputElement).value });

  return (
    <section aria-labelledby="admin-people">
      <h2 id="admin-people">{t('admin.people')}</h2>
      <Notice text={notice} />
      <FormError text={problem} />
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.name')}</th>
            <th scope="col">{t('admin.email')}</th>
            <th scope="col">{t('admin.role')}</th>
            <th scope="col">{t('admin.manager')}</th>
            <th scope="col">{t('admin.active')}</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.id} class={p.active ? undefined : 'inactive'}>
              <td>
                <Link href={`/people/${p.id}`}>{p.name}</Link>
              </td>
              <td>{p.email}</td>
              <td>
                <select
                  aria-label={t('admin.role_of', { name: p.name })}
                  value={p.role}
                  disabled={!p.can?.edit}
                  onChange={(e) => change(p, { role: e.currentTarget.value })}
                >
                  {roles.map((r) => (
                    <option key={r} value={r}>
                      {t(`people.role.${r}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <select
                  aria-label={t('admin.manager_of', { name: p.name })}
                  value={p.manager_id ?? ''}
                  disabled={!p.can?.edit}
                  onChange={(e) => change(p, { manager_id: e.currentTarget.value || null })}
                >
                  <option value="">–</option>
                  {people
                    .filter((m) => m.id !== p.id && m.active)
                    .map((m) => (
                      <option key={m.id} value={m.id}>
                        {m.name}
                      </option>
                    ))}
                </select>
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={t('admin.active_of', { name: p.name })}
                  checked={p.active}
                  disabled={!p.can?.edit}
                  onChange={(e) => change(p, { active: e.currentTarget.checked })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form class="card" onSubmit={add} aria-labelledby="admin-add-person">
        <h3 id="admin-add-person">{t('admin.add_person')}</h3>
        <div class="field-row">
          <div class="field">
            <label for="person-name">{t('admin.name')}</label>
            <input id="person-name" required maxLength={200} value={form.name} onInput={set('name')} />
          </div>
          <div class="field">
            <label for="person-email">{t('admin.email')}</label>
            <input id="person-email" type="email" required value={form.email} onInput={set('email')} />
          </div>
        </div>
        <div class="field-row">
          <div class="field">
            <label for="person-role">{t('admin.role')}</label>
            <select id="person-role" value={form.role} onChange={set('role')}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {t(`people.role.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="person-manager">{t('admin.manager')}</label>
            <select id="person-manager" value={form.manager} onChange={set('manager')}>
              <option value="">–</option>
              {people
                .filter((m) => m.active)
                .map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
            </select>
          </div>
          <div class="field">
            <label for="person-password">{t('admin.first_password')}</label>
            <input id="person-password" type="password" autoComplete="new-password" value={form.password} onInput={set('password')} />
          </div>
        </div>
        <button type="submit" class="primary">
          {t('admin.add_person')}
        </button>
      </form>
    </section>
  );
}
