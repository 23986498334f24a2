import { Link } from '../../components/Link';
import { t } from '../../i18n';
import { match, path } from '../../router';
import { PeopleAdmin } from './PeopleAdmin';
import { SettingsAdmin } from './SettingsAdmin';
import { UnitsAdmin } from './UnitsAdmin';

const sections = [
  ['people', 'admin.people'],
  ['units', 'units.title'],
  ['settings', 'admin.settings'],
] as const;

// Administration (admins; the server refuses everyone else): people and
// roles, units, the organisation's settings.
export function Admin() {
  const section = match('/admin/:section', path.value)?.section ?? 'people';
  return (
    <main id="content" tabIndex={-1}>
      <h1>{t('nav.admin')}</h1>
      <nav aria-label={t('nav.admin')} class="tabs">
        <ul>
          {sections.map(([id, label]) => (
            <li key={id}>
              <Link href={`/admin/${id}`} class={section === id ? 'current' : undefined}>
                <span aria-current={section === id ? 'page' : undefined}>{t(label)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {section === 'people' && <PeopleAdmin />}
      {section === 'units' && <UnitsAdmin />}
      {section === 'settings' && <SettingsAdmin />}
    </main>
  );
}
