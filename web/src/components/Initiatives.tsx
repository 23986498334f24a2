import { useEffect, useState } from 'preact/hooks';

import { api, query } from '../api/client';
import type { Can, Page } from '../api/types';
import { t } from '../i18n';
import { loadPeople, nameOf } from '../people';
import { me } from '../session';
import { useLoad } from '../useLoad';
import { FormError } from './Alerts';
import { problemText } from '../api/problem';

interface Initiative {
  id: string;
  title: string;
  key_result_id: string | null;
  objective_id: string | null;
  owner_id: string | null;
  state: 'todo' | 'doing' | 'done';
  due_date: string | null;
  url: string;
  version: number;
  can: Can;
}

const states: Initiative['state'][] = ['todo', 'doing', 'done'];

// The work planned to move an objective (F8): initiatives with an owner and a
// state. They never count towards progress; the key results do.
export function Initiatives(props: { objectiveId: string; canAdd: boolean }) {
  const list = useLoad(
    () => api<Page<Initiative>>('GET', `/initiatives${query({ objective_id: props.objectiveId, limit: 200 })}`),
    [props.objectiveId],
    ['initiative_updated'],
  );
  const [title, setTitle] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => void loadPeople().catch(() => undefined), []);

  const fail = (error: unknown) =>
    setProblem(problemText(error, { withFields: false }));
  const add = async (event: Event) => {
    event.preventDefault();
    setProblem(null);
    try {
      await api('POST', '/initiatives', {
        title: title.trim(),
        objective_id: props.objectiveId,
        owner_id: me.value!.user.id,
        state: 'todo',
      });
      setTitle('');
      list.reload();
    } catch (error) {
      fail(error);
    }
  };
  const move = async (initiative: Initiative, state: Initiative['state']) => {
    setProblem(null);
    try {
      await api('PATCH', `/initiatives/${initiative.id}`, { state }, { 'If-Match': `"${initiative.version}"` });
      list.reload();
    } catch (error) {
      fail(error);
      list.reload();
    }
  };

  const items = list.data?.items ?? [];
  return (
    <section aria-labelledby="initiatives">
      <h2 id="initiatives">{t('initiatives.title')}</h2>
      {list.data && items.length === 0 && <p class="empty">{t('initiatives.none')}</p>}
      {items.length > 0 && (
        <ul class="initiatives card">
          {items.map((i) => (
            <li key={i.id} class={`initiative state-${i.state}`}>
              <span class="initiative-title">{i.title}</span>
              <span class="hint">{nameOf(i.owner_id)}</span>
              <label>
                <span class="visually-hidden">{t('initiatives.state_of', { title: i.title })}</span>
                <select
                  value={i.state}
                  disabled={!i.can.edit}
                  aria-label={t('initiatives.state_of', { title: i.title })}
                  onChange={(e) => move(i, e.currentTarget.value as Initiative['state'])}
                >
                  {states.map((s) => (
                    <option key={s} value={s}>
                      {t(`initiatives.state.${s}`)}
                    </option>
                  ))}
                </select>
              </label>
            </li>
          ))}
        </ul>
      )}
      {props.canAdd && (
        <form class="inline-form" onSubmit={add}>
          <label for="initiative-title">{t('initiatives.new')}</label>
          <input id="initiative-title" maxLength={200} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
          <button type="submit" disabled={!title.trim()}>
            {t('initiatives.add')}
          </button>
        </form>
      )}
      <FormError text={problem} />
    </section>
  );
}
