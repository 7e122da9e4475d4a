import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { CopyButton } from '../../components/CopyButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { CREATE_WEBHOOK_ENDPOINT, DISABLE_WEBHOOK_ENDPOINT, WEBHOOK_ENDPOINTS, type WebhookEndpoint } from './queries';

function DeliveryLog({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <details className="delivery-log">
      <summary>{t('webhooks.log', { count: endpoint.deliveries.length, url: endpoint.url })}</summary>
      {endpoint.deliveries.length === 0 ? (
        <p className="muted">{t('webhooks.noDeliveries')}</p>
      ) : (
        <table className="simple">
          <thead>
            <tr>
              <th scope="col">{t('webhooks.time')}</th>
              <th scope="col">{t('mail.status')}</th>
              <th scope="col">{t('mail.attempts')}</th>
              <th scope="col">{t('webhooks.responseCode')}</th>
              <th scope="col">{t('mail.lastError')}</th>
            </tr>
          </thead>
          <tbody>
            {endpoint.deliveries.map((d) => (
              <tr key={d.id}>
                <td>{fmt.dateTime(d.sentAt ?? d.createdAt)}</td>
                <td>{t(`outboxStatus.${d.status}`, { defaultValue: d.status })}</td>
                <td>{fmt.number(d.attempts)}</td>
                <td>{d.responseCode ?? '–'}</td>
                <td className="break">{d.lastError ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

/** A partner's webhook endpoints: add (secret shown once), disable, and each one's delivery log. */
export function PartnerWebhooks({ partnerId }: { partnerId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { data, error } = useQuery(WEBHOOK_ENDPOINTS, { variables: { partnerId }, fetchPolicy: 'cache-and-network' });
  const [create, { loading }] = useMutation(CREATE_WEBHOOK_ENDPOINT, { refetchQueries: [WEBHOOK_ENDPOINTS] });
  const [disable] = useMutation(DISABLE_WEBHOOK_ENDPOINT);
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const endpoints = data?.webhookEndpoints ?? [];
  const inputId = `webhook-url-${partnerId}`;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    try {
      const res = await create({ variables: { input: { partnerId, url: url.trim() } } });
      const payload = res.data?.createWebhookEndpoint;
      if (!payload) return;
      if (payload.userErrors.length > 0) {
        setFormError(payload.userErrors.map((x) => (x.code === 'INVALID' ? t('webhooks.invalidUrl') : t(`errors.${x.code}`, { defaultValue: x.message }))).join(' '));
      } else if (payload.secret) {
        setSecret(payload.secret);
        setUrl('');
      }
    } catch {
      setFormError(t('common.genericError'));
    }
  }

  return (
    <section aria-labelledby={`webhooks-${partnerId}`}>
      <h3 id={`webhooks-${partnerId}`}>{t('webhooks.title')}</h3>
      <p className="muted hint">{t('webhooks.hint')}</p>
      {error && <ErrorMessage error={error} />}
      {data && endpoints.length === 0 && <p className="muted">{t('webhooks.none')}</p>}
      {endpoints.length > 0 && (
        <table className="simple">
          <thead>
            <tr>
              <th scope="col">{t('webhooks.url')}</th>
              <th scope="col">{t('partners.created')}</th>
              <th scope="col">{t('partners.status')}</th>
              <th scope="col"><span className="sr-only">{t('common.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {endpoints.map((ep) => (
              <tr key={ep.id}>
                <td className="break">
                  <code>{ep.url}</code>
                  <DeliveryLog endpoint={ep} />
                </td>
                <td>{fmt.dateTime(ep.createdAt)}</td>
                <td>{ep.active ? t('partners.active') : t('webhooks.disabled')}</td>
                <td>
                  {ep.active && (
                    <button
                      type="button"
                      className="btn danger"
                      aria-label={t('webhooks.disableOne', { url: ep.url })}
                      onClick={() => void disable({ variables: { input: { id: ep.id } } })}
                    >
                      {t('webhooks.disable')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {secret && (
        <div className="notice secret" role="status">
          <p>{t('webhooks.secretOnce')}</p>
          <code className="secret-value">{secret}</code>
          <CopyButton value={secret}>{t('webhooks.copySecret')}</CopyButton>
          <button type="button" className="btn link" onClick={() => setSecret(null)}>
            {t('common.dismiss')}
          </button>
        </div>
      )}
      <form className="inline-form" onSubmit={onSubmit}>
        {formError && (
          <p className="error" role="alert">
            {formError}
          </p>
        )}
        <label className="field wide" htmlFor={inputId}>
          <span>{t('webhooks.newUrl')}</span>
          <input id={inputId} type="url" required value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://partner.example.com/hooks/fulfillment" maxLength={1000} />
        </label>
        <button type="submit" className="btn" disabled={loading}>
          {t('webhooks.add')}
        </button>
      </form>
    </section>
  );
}
