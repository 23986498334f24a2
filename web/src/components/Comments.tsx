import { useEffect, useState } from 'preact/hooks';

import { api, query } from '../api/client';
import type { Page } from '../api/types';
import { date, t } from '../i18n';
import { loadPeople, nameOf } from '../people';
import { useLoad } from '../useLoad';
import { FormError } from './Alerts';
import { problemText } from '../api/problem';

interface Reaction {
  emoji: string;
  count: number;
  mine: boolean;
}

interface Comment {
  id: string;
  body: string;
  author_id: string | null;
  at: string;
  reactions: Reaction[];
}

// The fixed reactions the server accepts, by name, and how they look.
export const reactions: Array<[string, string]> = [
  ['+1', '👍'],
  ['heart', '❤️'],
  ['tada', '🎉'],
  ['clap', '👏'],
  ['rocket', '🚀'],
  ['eyes', '👀'],
  ['laugh', '😄'],
  ['thinking', '🤔'],
  ['fire', '🔥'],
  ['-1', '👎'],
];
const glyph = new Map(reactions);

// Comments on an objective or key result, newest first, with reactions;
// "@email" in a comment mentions (and notifies) that person.
export function Comments(props: {
  target: { objective_id: string } | { key_result_id: string };
  canComment: boolean;
  level?: 2 | 3; // the heading's level where it sits
}) {
  const key = 'objective_id' in props.target ? props.target.objective_id : props.target.key_result_id;
  const list = useLoad(
    () => api<Page<Comment>>('GET', `/comments${query({ ...props.target, limit: 100 })}`),
    [key],
    ['comment'],
  );
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [picking, setPicking] = useState<string | null>(null);
  useEffect(() => void loadPeople().catch(() => undefined), []);

  const post = async (event: Event) => {
    event.preventDefault();
    setProblem(null);
    try {
      await api('POST', '/comments', { target: props.target, body: body.trim() });
      setBody('');
      list.reload();
    } catch (error) {
      setProblem(problemText(error, { withFields: false }));
    }
  };
  const react = async (comment: string, emoji: string) => {
    setPicking(null);
    try {
      await api('POST', `/comments/${comment}/reactions`, { emoji });
      list.reload();
    } catch (error) {
      setProblem(problemText(error, { withFields: false }));
    }
  };

  return (
    <section aria-labelledby={`comments-${key}`}>
      {props.level === 3 ? (
        <h3 id={`comments-${key}`}>{t('comments.title')}</h3>
      ) : (
        <h2 id={`comments-${key}`}>{t('comments.title')}</h2>
      )}
      {props.canComment && (
        <form class="comment-form" onSubmit={post}>
          <label for={`comment-body-${key}`} class="visually-hidden">
            {t('comments.new')}
          </label>
          <textarea
            id={`comment-body-${key}`}
            rows={2}
            maxLength={10000}
            placeholder={t('comments.placeholder')}
            value={body}
            onInput={(e) => setBody(e.currentTarget.value)}
          />
          <button type="submit" class="primary" disabled={!body.trim()}>
            {t('comments.post')}
          </button>
        </form>
      )}
      <FormError text={problem} />
      {list.data && list.data.items.length === 0 && <p class="empty">{t('comments.none')}</p>}
      <ul class="comments">
        {(list.data?.items ?? []).map((c) => (
          <li key={c.id} class="comment">
            <p class="comment-meta">
              <strong>{nameOf(c.author_id)}</strong> · {date(c.at)}
            </p>
            <p class="comment-body">{c.body}</p>
            <div class="reactions">
              {c.reactions.map((r) => (
                <button
                  key={r.emoji}
                  type="button"
                  class="reaction"
                  aria-pressed={r.mine}
                  aria-label={t('comments.reaction', { name: r.emoji, count: r.count })}
                  onClick={() => react(c.id, r.emoji)}
                >
                  {glyph.get(r.emoji) ?? r.emoji} {r.count}
                </button>
              ))}
              {props.canComment && (
                <button
                  type="button"
                  class="reaction"
                  aria-expanded={picking === c.id}
                  onClick={() => setPicking(picking === c.id ? null : c.id)}
                >
                  {t('comments.react')}
                </button>
              )}
            </div>
            {picking === c.id && (
              <div class="reaction-picker" role="group" aria-label={t('comments.react')}>
                {reactions.map(([name, face]) => (
                  <button key={name} type="button" aria-label={name} onClick={() => react(c.id, name)}>
                    {face}
                  </button>
                ))}
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
