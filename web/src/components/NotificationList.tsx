import { useState } from 'preact/hooks';

import { api } from '../api/client';
import type { AppNotification, Page } from '../api/types';
import { dateTime, t } from '../i18n';
import { describeNotification } from '../notifications';
import { refreshUnread } from '../unread';
import { useAction } from '../useAction';
import { useLoad } from '../useLoad';
import { FormError } from './Alerts';
import { ErrorNote } from './ErrorNote';
import { Link } from './Link';

function focusItem(id: string): void {
  document.getElementById(`notification-${id}`)?.focus();
}

function Item(props: { notification: AppNotification; onRead: (id: string) => void }) {
  const n = props.notification;
  const view = describeNotification(n);
  const unread = n.read_at === null;
  const messageId = `notification-text-${n.id}`;
  return (
    <li id={`notification-${n.id}`} class={unread ? 'notification unread' : 'notification'} tabIndex={-1}>
      <div class="notification-body">
        <p id={messageId} class="notification-message">
          {unread && <span class="visually-hidden">{t('notifications.unread')}: </span>}
          {view.href ? <Link href={view.href}>{view.message}</Link> : view.message}
        </p>
        {view.quote && <blockquote>{view.quote}</blockquote>}
        {view.lists.map((list) => (
          <div key={list.heading} class="notification-list">
            <p class="hint">{list.heading}</p>
            <ul>
              {list.items.map((item, i) => (
                <li key={i}>{item.href ? <Link href={item.href}>{item.text}</Link> : item.text}</li>
              ))}
            </ul>
          </div>
        ))}
        <time class="notification-when" dateTime={n.at}>
          {dateTime(n.at)}
        </time>
      </div>
      {unread && (
        <button type="button" class="link-button" aria-describedby={messageId} onClick={() => props.onRead(n.id)}>
          {t('notifications.mark_read')}
        </button>
      )}
    </li>
  );
}

// The signed-in person's notifications, newest first, `first` of them (and
// older ones on request when `paged`), each written in the reader's
// language; unread ones marked, with "mark as read" and "mark all as read".
// Follows the live stream: a new notification shows at once.
export function NotificationList(props: { first: number; paged?: boolean }) {
  const [limit, setLimit] = useState(props.first);
  const list = useLoad(
    () => api<Page<AppNotification>>('GET', `/notifications?limit=${limit}`),
    [limit],
    ['notification'],
  );
  const action = useAction(() => {
    list.reload();
    void refreshUnread();
  });
  if (list.error) return <ErrorNote error={list.error} />;
  if (!list.data) return <p aria-live="polite">{t('app.loading')}</p>;
  const items = list.data.items;
  const anyUnread = items.some((n) => n.read_at === null);
  const read = async (id: string) => {
    await action.run(() => api('POST', `/notifications/${encodeURIComponent(id)}/read`), '');
    focusItem(id);
  };
  return (
    <div class="notifications">
      {anyUnread && (
        <div class="actions">
          <button type="button" onClick={() => action.run(() => api('POST', '/notifications/read-all'), '')}>
            {t('notifications.mark_all')}
          </button>
        </div>
      )}
      <FormError text={action.problem} />
      {items.length === 0 ? (
        <p class="empty">{t('notifications.none')}</p>
      ) : (
        <ul class="notification-items card">
          {items.map((n) => (
            <Item key={n.id} notification={n} onRead={read} />
          ))}
        </ul>
      )}
      {props.paged && list.data.next_cursor !== null && limit < 1000 && (
        <button type="button" onClick={() => setLimit(Math.min(1000, limit + 20))}>
          {t('notifications.more')}
        </button>
      )}
    </div>
  );
}
