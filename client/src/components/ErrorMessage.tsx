import { useTranslation } from 'react-i18next';
import { CombinedGraphQLErrors } from '@apollo/client/errors';

/** A query that failed: forbidden, expired (handled by the auth link) or a fault. */
export function ErrorMessage({ error }: { error: Error }) {
  const { t } = useTranslation();
  let message = t('common.genericError');
  if (CombinedGraphQLErrors.is(error)) {
    const code = error.errors[0]?.extensions?.code;
    if (code === 'FORBIDDEN') message = t('common.forbidden');
    else if (code === 'UNAUTHENTICATED') message = t('signIn.expired');
  } else if (error.name === 'TypeError' || /fetch/i.test(error.message)) {
    message = t('common.networkError');
  }
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}
