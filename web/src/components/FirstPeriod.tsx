import { useState } from 'preact/hooks';

import { api } from '../api/client';
import { t } from '../i18n';
import { loadPeriods, me } from '../session';
import { FormError } from './Alerts';
import { problemText } from '../api/problem';

// The quarter `today` falls in: the first period's suggestion.
export function currentQuarter(today: Date): { name: string; start: string; end: string } {
  const year = today.getUTCFullYear();
  const q = Math.floor(today.getUTCMonth() / 3);
  const start = new Date(Date.UTC(year, q * 3, 1));
  const end = new Date(Date.UTC(year, q * 3 + 3, 0));
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return { name: `Q${q + 1} ${year}`, start: day(start), end: day(end) };
}

// Shown while the organisation has no period: OKRs live in periods, so the
// first one comes first (F45). Admins create it here; others are told to wait.
export function FirstPeriod() {
  const suggestion = currentQuarter(new Date());
  const [values, setValues] = useState(suggestion);
  const [problem, setProblem] = useState<string | null>(null);
  if (me.value?.user.role !== 'admin') return <p class="empty">{t('period.none_yet')}</p>;
  const submit = async (event: Event) => {
    event.preventDefault();
    setProblem(null);
    try {
      await api('POST', '/periods', {
        name: values.name.trim(),
        kind: 'quarter',
        start_date: values.start,
        end_date: values.end,
      });
      await loadPeriods();
    } catch (error) {
      setProblem(problemText(error));
    }
  };
  const field = (id: 'name' | 'start' | 'end', label: string) => {
    const onInput = (e: Event) => setValues({ ...values, [id]: (e.currentTarget as HTMLInputElement).value });
    return (
      <div class="field">
        <label for={`period-${id}`}>{label}</label>
        {id === 'name' ? (
          <input id={`period-${id}`} type="text" required value={values[id]} onInput={onInput} />
        ) : (
          <input id={`period-${id}`} type="date" required value={values[id]} onInput={onInput} />
        )}
      </div>
    );
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="first-period">
      <h2 id="first-period">{t('period.first_title')}</h2>
      <p>{t('period.first_intro')}</p>
      {field('name', t('period.name'))}
      {field('start', t('period.start'))}
      {field('end', t('period.end'))}
      <FormError text={problem} />
      <button type="submit" class="primary">
        {t('period.create')}
      </button>
    </form>
  );
}
