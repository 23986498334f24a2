import { useRef } from 'preact/hooks';

import { t } from '../i18n';
import { Link } from './Link';
import { openTimeTravel } from './TimeTravel';

// The signed-in person's menu in the header: notification settings, import
// and export (export only, for everyone but admins), time travel, signing out. A
// <details> element, so it opens by keyboard without script; Escape closes it
// and gives the focus back to its button, and choosing an item closes it.
export function UserMenu(props: { name: string; admin: boolean; onSignOut: () => void }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const close = () => {
    if (menu.current) menu.current.open = false;
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !menu.current?.open) return;
    close();
    menu.current.querySelector('summary')?.focus();
  };
  return (
    <details class="user-menu" ref={menu} onKeyDown={onKeyDown}>
      <summary aria-label={t('nav.account', { name: props.name })}>
        <span class="who">{props.name}</span>
      </summary>
      <ul onClick={close}>
        <li>
          <Link href="/settings/notifications">{t('nav.preferences')}</Link>
        </li>
        <li>
          <Link href="/exchange">{props.admin ? t('nav.exchange') : t('nav.export')}</Link>
        </li>
        <li>
          <button type="button" class="link-button" onClick={openTimeTravel}>
            {t('time_travel.menu')}
          </button>
        </li>
        <li>
          <button type="button" class="link-button" onClick={props.onSignOut}>
            {t('nav.sign_out')}
          </button>
        </li>
      </ul>
    </details>
  );
}
