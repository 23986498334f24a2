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

export interface Comment {
  id: string;
  target: { objective_id: string } | { key_result_id: string; objective_id: string } | { check_in_id: string; key_result_id: string; objective_id: string };
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

export type CommentTarget = { objective_id: string } | { key_result_id: string } | { check_in_id: string };

function targetKey(target: CommentTarget): string {
  if ('objective_id' in target) return target.objective_id;
  if ('key_result_id' in target) return target.key_result_id;
  return target.check_in_id;
}

// The comments on one target, newest first, reloaded when anyone comments.
export function useComments(target: CommentTarget) {
  return useLoad(
    () => api<Page<Comment>>('GET', `/comments${query({ ...target, limit: 100 })}`),
    [targetKey(target)],
    ['comment'],
  );
}

// A list of comments with their reactions, and a form to add one to `target`;
// "@email" in a comment mentions (and notifies) that person.
export function CommentThread(props: {
  target: CommentTarget;
  items: Comment[];
  canComment: boolean;
  onChanged: () => void;
  autoFocus?: boolean;
}) {
  const key = targetKey(props.target);
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
      props.onChanged();
    } catch (error) {
      setProblem(problemText(error, { withFields: false }));
    }
  };
  const react = async (comment: string, emoji: string) => {
    setPicking(null);
    try {
      await api('POST', `/comments/${comment}/reactions`, { emoji });
      props.onChanged();
    } catch (error) {
      setProblem(problemText(error, { withFields: false }));
    }
  };

  return (
    <>
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
            autoFocus={props.autoFocus}
            onInput={(e) => setBody(e.currentTarget.value)}
          />
          <button type="submit" class="primary" disabled={!body.trim()}>
            {t('comments.post')}
          </button>
        </form>
      )}
      <FormError text={problem} />
      <ul class="comments">
        {props.items.map((c) => (
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
    </>
  );
}

// Comments on an objective or key result, newest first. A key result's list
// leaves out the comments on its single check-ins: those sit under each
// check-in in its history.
export function Comments(props: {
  target: { objective_id: string } | { key_result_id: string };
  canComment: boolean;
  level?: 2 | 3; // the heading's level where it sits
}) {
  const key = targetKey(props.target);
  const list = useComments(props.target);
  const items = (list.data?.items ?? []).filter((c) => !('check_in_id' in c.target));
  return (
    <section aria-labelledby={`comments-${key}`}>
      {props.level === 3 ? (
        <h3 id={`comments-${key}`}>{t('comments.title')}</h3>
      ) : (
        <h2 id={`comments-${key}`}>{t('comments.title')}</h2>
      )}
      <CommentThread target={props.target} items={items} canComment={props.canComment} onChanged={list.reload} />
      {list.data && items.length === 0 && <p class="empty">{t('comments.none')}</p>}
    </section>
  );
}
