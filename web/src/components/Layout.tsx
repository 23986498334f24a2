import type { ComponentChildren } from 'preact';

import { language, languages, setLanguage, t, type Language } from '../i18n';
import { closeLive } from '../live';
import { navigate, path } from '../router';
import { me, periodId, periods, signOut } from '../session';
import { Link } from './Link';

// The frame of every signed-in page: where you are, where you can go, the
// period shown, the language, and signing out.
export function Layout(props: { children: ComponentChildren }) {
  const here = path.value;
  const item = (href: string, label: string) => (
    <li>
      <Link href={href} class={here === href ? 'current' : undefined}>
        <span aria-current={here === href ? 'page' : undefined}>{label}</span>
      </Link>
    </li>
  );
  const leave = async () => {
    closeLive();
    await signOut();
    navigate('/', true);
  };
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
            {me.value?.user.role !== 'viewer' && item('/objectives/new', t('new_objective.open'))}
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
          <span class="who">{me.value?.user.name}</span>
          <button type="button" onClick={leave}>
            {t('nav.sign_out')}
          </button>
        </div>
      </header>
      {props.children}
    </>
  );
}
