import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '@ft/shared';
import { Loading } from '../../components/Loading';
import { ErrorMessage } from '../../components/ErrorMessage';
import { CREATE_USER, USERS } from './queries';
import { SimpleTable } from '../../components/SimpleTable';
import { Field } from '../../components/Field';
import { messageText } from '../../app/messages';

export default function UsersPage() {
  const { t } = useTranslation();
  const { data, loading, error } = useQuery(USERS);
  const [create, creating] = useMutation(CREATE_USER, { refetchQueries: [USERS] });
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<'ADMIN' | 'SUPPORT'>('SUPPORT');
  const [formError, setFormError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const res = await create({ variables: { input: { email, password, role } } });
    const errs = res.data?.createUser.userErrors ?? [];
    if (errs.length > 0) setFormError(errs.map((x) => messageText(t, x)).join(' '));
    else {
      setEmail('');
      setPassword('');
    }
  }

  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('users.title')}</h1>
      <form className="card form inline-form" onSubmit={onSubmit} aria-labelledby="new-user-title">
        <h2 id="new-user-title">{t('users.new')}</h2>
        {formError && (
          <p className="error" role="alert">
            {formError}
          </p>
        )}
        <Field label={t('signIn.email')}>
          <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label={t('users.password')}>
          <input
            type="password"
            autoComplete="new-password"
            required
            minLength={LIMITS.passwordMin}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <Field label={t('users.role')}>
          <select value={role} onChange={(e) => setRole(e.target.value as 'ADMIN' | 'SUPPORT')}>
            <option value="SUPPORT">{t('role.SUPPORT')}</option>
            <option value="ADMIN">{t('role.ADMIN')}</option>
          </select>
        </Field>
        <button type="submit" className="btn primary" disabled={creating.loading}>
          {t('users.create')}
        </button>
      </form>
      {error && <ErrorMessage error={error} />}
      {loading && !data && <Loading />}
      {data && (
        <SimpleTable
          headers={[t('signIn.email'), t('users.role')]}
          className="card"
          caption={t('users.title')}
        >
          {data.users.map((u) => (
            <tr key={u.id}>
              <td>{u.email}</td>
              <td>{t(`role.${u.role}`)}</td>
            </tr>
          ))}
        </SimpleTable>
      )}
    </section>
  );
}
