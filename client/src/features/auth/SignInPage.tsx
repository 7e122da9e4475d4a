import { messageText } from '../../app/messages';
import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useAuth } from '../../app/auth';
import { userErrorParams, type UserError } from '../../app/gql';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { Field } from '../../components/Field';

/** What the server said, in the UI language by its code and params; a code this page does not know keeps the server's words. */
function signInMessage(t: TFunction, error: UserError): string {
  switch (error.code) {
    case 'INVALID_CREDENTIALS':
      return t('signIn.invalid');
    case 'REQUIRED':
      return t('signIn.required');
    case 'LIMIT_EXCEEDED': {
      const { minutes } = userErrorParams(error);
      if (typeof minutes === 'number') return t('signIn.tooManyFailures', { count: minutes });
      return messageText(t, error);
    }
    default:
      return messageText(t, error);
  }
}

export default function SignInPage() {
  const { t } = useTranslation();
  const { viewer, signIn, sessionExpired } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/orders';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // Kept as the server said it, so switching the language rewords it.
  const [error, setError] = useState<UserError | 'network' | null>(null);
  const [busy, setBusy] = useState(false);

  if (viewer && !busy) return <Navigate to={from} replace />;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const errors = await signIn(email, password);
      if (errors.length > 0) setError(errors[0]);
      else navigate(from, { replace: true });
    } catch {
      setError('network');
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
            {error === 'network' ? t('common.networkError') : signInMessage(t, error)}
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
