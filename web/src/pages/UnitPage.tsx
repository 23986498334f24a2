import { api, query } from '../api/client';
import type { Dashboard, KeyResult, Page, Person, Unit } from '../api/types';
import { DashboardSections } from '../components/DashboardSections';
import { ErrorNote } from '../components/ErrorNote';
import { KeyResultRow } from '../components/KeyResultRow';
import { Link } from '../components/Link';
import { UnitTree } from '../components/UnitTree';
import { t } from '../i18n';
import { loadPeople, nameOf } from '../people';
import { periodId } from '../session';
import { useLoad } from '../useLoad';

const live = ['check_in', 'objective_updated', 'key_result_updated'] as const;

// A unit down the hierarchy: its lead and members, its OKRs in the period,
// and the units below it.
export function UnitPage(props: { id: string }) {
  const period = periodId.value;
  const loaded = useLoad(
    async () => {
      const [unit, dashboard] = await Promise.all([
        api<Unit>('GET', `/units/${encodeURIComponent(props.id)}`),
        period ? api<Dashboard>('GET', `/dashboard${query({ period_id: period, unit_id: props.id })}`) : Promise.resolve(null),
        loadPeople(),
      ]);
      return { unit, dashboard };
    },
    [props.id, period],
    [...live],
  );
  if (loaded.error) return <main id="content"><ErrorNote error={loaded.error} /></main>;
  if (!loaded.data) return <main id="content"><p>{t('app.loading')}</p></main>;
  const { unit, dashboard } = loaded.data;
  return (
    <main id="content" tabIndex={-1}>
      <p class="breadcrumbs">
        <Link href="/company">{t('nav.company')}</Link> · {t(`units.kind.${unit.kind}`)}
      </p>
      <h1>{unit.name}</h1>
      <p class="lead">
        {unit.lead_id && (
          <>
            {t('units.lead', { name: '' })}
            <Link href={`/people/${unit.lead_id}`}>{nameOf(unit.lead_id)}</Link>
          </>
        )}
      </p>
      {unit.member_ids.length > 0 && (
        <section aria-labelledby="unit-members">
          <h2 id="unit-members">{t('units.members')}</h2>
          <ul class="people-list">
            {unit.member_ids.map((id) => (
              <li key={id}>
                <Link href={`/people/${id}`}>{nameOf(id)}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {dashboard && <DashboardSections dashboard={dashboard} heading={t('units.objectives')} />}
      <UnitTree root={unit.id} />
    </main>
  );
}

// A person: their role and manager, their objectives in the period, and the
// key results they own.
export function PersonPage(props: { id: string }) {
  const period = periodId.value;
  const loaded = useLoad(
    async () => {
      const [person, dashboard, keyResults] = await Promise.all([
        api<Person>('GET', `/people/${encodeURIComponent(props.id)}`),
        period ? api<Dashboard>('GET', `/dashboard${query({ period_id: period, person_id: props.id })}`) : Promise.resolve(null),
        api<Page<KeyResult>>('GET', `/key-results${query({ owner_id: props.id, period_id: period, limit: 1000 })}`),
        loadPeople(),
      ]);
      return { person, dashboard, keyResults: keyResults.items };
    },
    [props.id, period],
    [...live],
  );
  if (loaded.error) return <main id="content"><ErrorNote error={loaded.error} /></main>;
  if (!loaded.data) return <main id="content"><p>{t('app.loading')}</p></main>;
  const { person, dashboard, keyResults } = loaded.data;
  return (
    <main id="content" tabIndex={-1}>
      <h1>{person.name}</h1>
      <p class="lead">
        {t(`people.role.${person.role}`)}
        {!person.active && ` · ${t('people.inactive')}`}
        {person.manager_id && (
          <>
            {' · '}
            {t('people.manager')} <Link href={`/people/${person.manager_id}`}>{nameOf(person.manager_id)}</Link>
          </>
        )}
      </p>
      {dashboard && <DashboardSections dashboard={dashboard} heading={t('people.objectives')} />}
      <section aria-labelledby="person-key-results">
        <h2 id="person-key-results">{t('people.key_results')}</h2>
        {keyResults.length === 0 ? (
          <p class="empty">{t('my.no_key_results')}</p>
        ) : (
          <ul class="key-results card">
            {keyResults.map((kr) => (
              <KeyResultRow key={kr.id} keyResult={kr} />
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
