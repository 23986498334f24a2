import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';

import { language, languages, setLanguage, t, type Language } from '../i18n';
import { closeLive } from '../live';
import { navigate, path } from '../router';
import { me, periodId, periods, signOut } from '../session';
import { badgeText, followUnread, stopUnread, unread } from '../unread';
import { Link } from './Link';
import { TimeTravelBar } from './TimeTravel';
import { UserMenu } from './UserMenu';

// The frame of every signed-in page: where you are, where you can go, the
// period shown, the language, the unread notifications, and the person's
// menu (settings, import and export, signing out).
export function Layout(props: { children: ComponentChildren }) {
  const here = path.value;
  useEffect(followUnread, []);
  // `section`: the item stays current on its sub-pages (/insight/health).
  const item = (href: string, label: string, section = false) => {
    const current = here === href || (section && here.startsWith(`${href}/`));
    return (
      <li>
        <Link href={href} class={current ? 'current' : undefined}>
          <span aria-current={current ? 'page' : undefined}>{label}</span>
        </Link>
      </li>
    );
  };
  const leave = async () => {
    stopUnread();
    closeLive();
    await signOut();
    navigate('/', true);
  };
  const count = unread.value ?? 0;
  const bellLabel =
    count > 0 ? t('nav.notifications_unread', { count: badgeText(count) }) : t('nav.notifications');
  return (
    <>
      <a class="skip" href="#content">
        {t('app.skip')}
      </a>
      <header class="top">
        <span class="brand">{t('app.name')}</span>
        <nav aria-label={t('nav.main')}>
          <ul>
            {item('/', t('nav.my_okrs'))}
            {item('/company', t('nav.company'))}
            {item('/map', t('nav.map'))}
            {item('/periods', t('nav.periods'))}
            {item('/kpis', t('nav.kpis'))}
            {item('/insight', t('nav.insight'), true)}
            {me.value?.user.role !== 'viewer' && item('/objectives/new', t('new_objective.open'))}
            {me.value?.user.role === 'admin' && item('/admin', t('nav.admin'))}
          </ul>
        </nav>
        <div class="top-tools">
          <label>
            <span class="visually-hidden">{t('nav.period')}</span>
            <select
              value={periodId.value ?? ''}
              onChange={(e) => (periodId.value = e.currentTarget.value)}
              aria-label={t('nav.period')}
            >
              {periods.value.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span class="visually-hidden">{t('nav.language')}</span>
            <select
              value={language.value}
              onChange={(e) => setLanguage(e.currentTarget.value as Language)}
              aria-label={t('nav.language')}
            >
              {languages.map((l) => (
                <option key={l} value={l}>
                  {l === 'en' ? 'English' : 'Deutsch'}
                </option>
              ))}
            </select>
          </label>
          <Link href="/notifications" class={here === '/notifications' ? 'bell current' : 'bell'} title={bellLabel}>
            <svg class="bell-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <path d="M12 22a2.5 2.5 0 0 0 2.5-2.5h-5A2.5 2.5 0 0 0 12 22zm7-6v-5a7 7 0 0 0-5-6.7V3.5a2 2 0 0 0-4 0v.8A7 7 0 0 0 5 11v5l-2 2v1h18v-1z" />
            </svg>
            <span class="visually-hidden">{bellLabel}</span>
            {count > 0 && (
              <span class="count" aria-hidden="true">
                {badgeText(count)}
              </span>
            )}
          </Link>
          <UserMenu name={me.value?.user.name ?? ''} admin={me.value?.user.role === 'admin'} onSignOut={leave} />
        </div>
      </header>
      <TimeTravelBar />
      {props.children}
    </>
  );
}
