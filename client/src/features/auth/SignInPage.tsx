import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { Field } from '../../components/Field';

export default function SignInPage() {
  const { t } = useTranslation();
  const { viewer, signIn, sessionExpired } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/orders';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (viewer && !busy) return <Navigate to={from} replace />;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const errors = await signIn(email, password);
      if (errors.length > 0) setError(t('signIn.invalid'));
      else navigate(from, { replace: true });
    } catch {
      setError(t('common.networkError'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in" id="main">
      <form className="card sign-in-card" onSubmit={onSubmit} noValidate>
        <h1>{t('signIn.title')}</h1>
        {sessionExpired && (
          <p className="notice" role="status">
            {t('signIn.expired')}
          </p>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <Field label={t('signIn.email')}>
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </Field>
        <Field label={t('signIn.password')}>
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <button type="submit" className="btn primary" disabled={busy}>
          {t('signIn.submit')}
        </button>
        <LanguageSwitch />
      </form>
    </main>
  );
}
