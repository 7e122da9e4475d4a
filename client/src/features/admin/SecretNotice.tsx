import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A new secret, shown once: the warning, the value, a way to copy it (`children`) and a dismiss button. */
export function SecretNotice({
  message,
  secret,
  onDismiss,
  children,
}: {
  message: string;
  secret: string;
  onDismiss: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="notice secret" role="status">
      <p>{message}</p>
      <code className="secret-value">{secret}</code>
      {children}
      <button type="button" className="btn link" onClick={onDismiss}>
        {t('common.dismiss')}
      </button>
    </div>
  );
}
