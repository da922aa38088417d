import type { CurrentUser } from '@cd/shared';
import { type ReactNode, Suspense, useEffect, useId, useState } from 'react';
import { useDeleteSession } from '../features/auth/api/delete-session';
import { useUnreadCount } from '../features/notifications/api/get-notifications';
import { ErrorBoundary } from '../components/error-boundary';
import { Loading } from '../components/feedback';
import { type Lang, type MessageKey, useI18n } from '../lib/i18n';
import { roleMessageKey } from '../lib/messages/nl';
import { type LiveStatus, useLiveUpdates } from '../lib/live-updates';
import { Link, useLocation } from '../lib/router';
import { navFor } from './nav';
import { pageFor } from './routes';

/** Skip link, header with menu and language switch, the page and the footer. */
export function Layout({ user, children }: { user: CurrentUser | null; children?: ReactNode }) {
  const { t } = useI18n();
  const { pathname } = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('layout.skip')}
      </a>
      <header className="header">
        <div className="header__brand">
          <div className="container header__brand-inner">
            <span className="wordmark" aria-hidden="true" />
            <p className="header__org">
              <span className="header__org-name">Logius</span>
              <span className="header__org-sub">{t('layout.orgSub')}</span>
            </p>
          </div>
        </div>
        <div className="header__bar">
          <div className="container header__bar-inner">
            <p className="header__title">
              <Link to="/">{t('layout.appName')}</Link>
            </p>
            <div className="header__tools">
              {user && <LiveIndicator />}
              <LanguageSwitch />
              {user && <UserMenu user={user} />}
            </div>
          </div>
        </div>
        {user && <MainNav user={user} pathname={pathname} />}
      </header>
      <div className="container page-grid">
        <main id="main" tabIndex={-1} className="main">
          {user ? (
            <ErrorBoundary
              resetKey={pathname}
              fallback={(reset) => (
                <div className="notice notice--error" role="alert">
                  <p className="notice__title">{t('layout.pageErrorTitle')}</p>
                  <p>{t('layout.pageErrorBody')}</p>
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => {
                      reset();
                      window.location.reload();
                    }}
                  >
                    {t('layout.reload')}
                  </button>
                </div>
              )}
            >
              <Suspense fallback={<Loading label={t('layout.pageLoading')} />}>{pageFor(pathname, user.role)}</Suspense>
            </ErrorBoundary>
          ) : (
            children
          )}
        </main>
      </div>
      <footer className="footer">
        <div className="container footer__inner">
          <p>{t('layout.footer')}</p>
          <p>{t('layout.timeNote')}</p>
        </div>
      </footer>
    </>
  );
}

/** The main menu; on a narrow screen folded behind a menu button, and folded again after each navigation. */
function MainNav({ user, pathname }: { user: CurrentUser; pathname: string }) {
  const { t } = useI18n();
  const unread = useUnreadCount();
  const items = navFor(user.role);
  const listId = useId();
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [pathname]);
  const active = (to: string) => (to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`));
  const current = items.find((item) => active(item.to));
  return (
    <nav className={open ? 'nav nav--open' : 'nav'} aria-label={t('layout.mainMenu')}>
      <div className="container nav__bar">
        <button type="button" className="nav__toggle" aria-expanded={open} aria-controls={listId} onClick={() => setOpen((o) => !o)}>
          <span className="nav__toggle-icon" aria-hidden="true" />
          {t('layout.menu')}
          {current && <span className="nav__toggle-current">: {t(current.label)}</span>}
          {unread !== null && unread > 0 && (
            <span className="nav__count">
              {unread}
              <span className="visually-hidden"> {t('layout.unread')}</span>
            </span>
          )}
        </button>
      </div>
      <ul className="container nav__list" id={listId}>
        {items.map((item) => (
          <li key={item.to}>
            <Link to={item.to} className={active(item.to) ? 'nav__link nav__link--active' : 'nav__link'} aria-current={active(item.to) ? 'page' : undefined}>
              {t(item.label)}
              {item.to === '/meldingen' && unread !== null && unread > 0 && (
                <span className="nav__count">
                  {unread}
                  <span className="visually-hidden"> {t('layout.unread')}</span>
                </span>
              )}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const options: { value: Lang; label: string; name: string }[] = [
    { value: 'nl', label: 'NL', name: 'Nederlands' },
    { value: 'en', label: 'EN', name: 'English' },
  ];
  return (
    <div className="lang-switch" role="group" aria-label={t('layout.language')}>
      {options.map((o) => (
        <button key={o.value} type="button" lang={o.value} aria-pressed={lang === o.value} className="lang-switch__button" onClick={() => setLang(o.value)}>
          {o.label}
          <span className="visually-hidden"> {o.name}</span>
        </button>
      ))}
    </div>
  );
}

function UserMenu({ user }: { user: CurrentUser }) {
  const { t } = useI18n();
  const logout = useDeleteSession();
  return (
    <div className="user">
      <p className="user__name">
        {user.name || user.email}
        <span className="user__role">
          {t(roleMessageKey(user.role))} · {user.afnemer ? user.afnemer.name : 'Logius'}
        </span>
      </p>
      <button type="button" className="button button--on-dark button--small" onClick={() => logout.mutate()} disabled={logout.isPending}>
        {t('layout.logout')}
      </button>
    </div>
  );
}

const LIVE_KEYS: Record<LiveStatus, MessageKey> = { live: 'live.live', connecting: 'live.connecting', offline: 'live.offline' };

function LiveIndicator() {
  const { t } = useI18n();
  const status = useLiveUpdates(true);
  return (
    <p className={`live live--${status}`} title={t(`${LIVE_KEYS[status]}Title` as MessageKey)} data-live-status={status}>
      <span className="live__dot" aria-hidden="true" />
      {t(LIVE_KEYS[status])}
    </p>
  );
}
