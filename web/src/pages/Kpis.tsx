import { useState } from 'preact/hooks';

import { api } from '../api/client';
import { problemText } from '../api/problem';
import type { Kpi, Page } from '../api/types';
import { FormError } from '../components/Alerts';
import { ErrorNote } from '../components/ErrorNote';
import { HealthBadge } from '../components/HealthBadge';
import { Link } from '../components/Link';
import { t, withUnit } from '../i18n';
import { loadPeople, nameOf } from '../people';
import { navigate } from '../router';
import { me } from '../session';
import { useLoad } from '../useLoad';

// A band's end as typed: empty is an open end.
export function bound(text: string): number | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : Number(trimmed);
}

// A new KPI in the caller's name: name, unit and healthy band.
function NewKpi() {
  const [values, setValues] = useState({ name: '', unit: '', low: '', high: '' });
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      const made = await api<Kpi>('POST', '/kpis', {
        name: values.name.trim(),
        unit: values.unit.trim(),
        low: bound(values.low),
        high: bound(values.high),
      });
      navigate(`/kpis/${made.id}`);
    } catch (error) {
      setProblem(problemText(error));
    }
  };
  const field = (id: keyof typeof values, label: string, numeric = false) => {
    const onInput = (e: Event) => setValues({ ...values, [id]: (e.currentTarget as HTMLInputElement).value });
    return (
      <div class="field">
        <label for={`kpi-${id}`}>{label}</label>
        {numeric ? (
          <input id={`kpi-${id}`} type="number" step="any" value={values[id]} onInput={onInput} />
        ) : (
          <input id={`kpi-${id}`} type="text" required={id === 'name'} value={values[id]} onInput={onInput} />
        )}
      </div>
    );
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="new-kpi">
      <h2 id="new-kpi">{t('kpi.new')}</h2>
      {field('name', t('kpi.name'))}
      {field('unit', t('kpi.unit'))}
      {field('low', t('kpi.low'), true)}
      {field('high', t('kpi.high'), true)}
      <p class="hint">{t('kpi.band_hint')}</p>
      <FormError text={problem} />
      <button type="submit">{t('kpi.create')}</button>
    </form>
  );
}

// Every KPI of the organisation with its latest value and health.
export function Kpis() {
  const loaded = useLoad(
    async () => {
      await loadPeople();
      return api<Page<Kpi>>('GET', '/kpis?limit=1000');
    },
    [],
    ['check_in', 'kpi_updated'],
  );
  return (
    <main id="content" tabIndex={-1}>
      <h1>{t('kpi.title')}</h1>
      <p class="lead">{t('kpi.intro')}</p>
      <ErrorNote error={loaded.error} />
      {loaded.data && loaded.data.items.length === 0 && <p class="empty">{t('kpi.none')}</p>}
      {loaded.data && loaded.data.items.length > 0 && (
        <table class="kpi-table">
          <thead>
            <tr>
              <th scope="col">{t('kpi.name')}</th>
              <th scope="col">{t('kpi.latest')}</th>
              <th scope="col">{t('kpi.health')}</th>
              <th scope="col">{t('kpi.owner')}</th>
            </tr>
          </thead>
          <tbody>
            {loaded.data.items.map((k) => (
              <tr key={k.id} data-id={k.id}>
                <td>
                  <Link href={`/kpis/${k.id}`}>{k.name}</Link>
                </td>
                <td>{k.latest ? withUnit(k.latest.value, k.unit) : t('kpi.no_value')}</td>
                <td>
                  <HealthBadge healthy={k.healthy} />
                </td>
                <td>{nameOf(k.owner_id)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {me.value?.user.role !== 'viewer' && <NewKpi />}
    </main>
  );
}
