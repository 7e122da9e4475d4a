import { Suspense } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from './auth';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Loading } from '../components/Loading';

export function Layout() {
  const { t } = useTranslation();
  const { viewer, signOut } = useAuth();
  const navigate = useNavigate();
  const isAdmin = viewer?.role === 'ADMIN';
  const isStaff = isAdmin || viewer?.role === 'SUPPORT';
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <nav aria-label={t('nav.label')}>
          <ul>
            <li>
              <NavLink to="/orders">{t('nav.orders')}</NavLink>
            </li>
            <li>
              <NavLink to="/fulfillments">{t('nav.fulfillments')}</NavLink>
            </li>
            <li>
              <NavLink to="/actions">{t('actionLog.nav')}</NavLink>
            </li>
            {isAdmin && (
              <li>
                <NavLink to="/admin/partners">{t('nav.partners')}</NavLink>
              </li>
            )}
            {isAdmin && (
              <li>
                <NavLink to="/admin/users">{t('nav.users')}</NavLink>
              </li>
            )}
            <li>
              <NavLink to="/admin/carriers">{t('nav.carriers')}</NavLink>
            </li>
            {isStaff && (
              <li>
                <NavLink to="/admin/inbound">{t('nav.inbound')}</NavLink>
              </li>
            )}
            {isAdmin && (
              <li>
                <NavLink to="/admin/mail">{t('nav.mail')}</NavLink>
              </li>
            )}
          </ul>
        </nav>
        <div className="topbar-end">
          <LanguageSwitch />
          <span className="who" title={viewer?.user?.email}>
            {viewer?.user?.email}
          </span>
          <button
            type="button"
            className="btn"
            onClick={async () => {
              await signOut();
              navigate('/sign-in', { replace: true });
            }}
          >
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
