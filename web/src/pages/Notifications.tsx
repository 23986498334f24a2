import { Link } from '../components/Link';
import { NotificationList } from '../components/NotificationList';
import { t } from '../i18n';

// Every notification of the signed-in person, newest first, older ones on request.
export function Notifications() {
  return (
    <main id="content" tabIndex={-1}>
      <h1>{t('notifications.title')}</h1>
      <p class="lead">
        <Link href="/settings/notifications">{t('notifications.choose')}</Link>
      </p>
      <NotificationList first={20} paged />
    </main>
  );
}
