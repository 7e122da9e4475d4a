import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { CopyButton } from '../../components/CopyButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SecretNotice } from './SecretNotice';
import {
  CREATE_WEBHOOK_ENDPOINT,
  DISABLE_WEBHOOK_ENDPOINT,
  WEBHOOK_ENDPOINTS,
  type WebhookEndpoint,
} from './queries';
import { SimpleTable } from '../../components/SimpleTable';
import { Field } from '../../components/Field';
import { messageText } from '../../app/messages';

function DeliveryLog({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <details className="delivery-log">
      <summary>{t('webhooks.log', { count: endpoint.deliveries.length, url: endpoint.url })}</summary>
      {endpoint.deliveries.length === 0 ? (
        <p className="muted">{t('webhooks.noDeliveries')}</p>
      ) : (
        <SimpleTable
          headers={[
            t('webhooks.time'),
            t('mail.status'),
            t('mail.attempts'),
            t('webhooks.responseCode'),
            t('mail.lastError'),
          ]}
        >
          {endpoint.deliveries.map((d) => (
            <tr key={d.id}>
              <td>{fmt.dateTime(d.sentAt ?? d.createdAt)}</td>
              <td>{t(`outboxStatus.${d.status}`, { defaultValue: d.status })}</td>
              <td>{fmt.number(d.attempts)}</td>
              <td>{d.responseCode ?? '–'}</td>
              <td className="break">{d.lastError ?? '–'}</td>
            </tr>
          ))}
        </SimpleTable>
      )}
    </details>
  );
}

/** A partner's webhook endpoints: add (secret shown once), disable, and each one's delivery log. */
export function PartnerWebhooks({ partnerId }: { partnerId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { data, error } = useQuery(WEBHOOK_ENDPOINTS, {
    variables: { partnerId },
    fetchPolicy: 'cache-and-network',
  });
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
        setFormError(
          payload.userErrors
            .map((x) => (x.code === 'INVALID' ? t('webhooks.invalidUrl') : messageText(t, x)))
            .join(' '),
        );
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
        <SimpleTable headers={[t('webhooks.url'), t('partners.created'), t('partners.status')]} actions>
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
        </SimpleTable>
      )}
      {secret && (
        <SecretNotice message={t('webhooks.secretOnce')} secret={secret} onDismiss={() => setSecret(null)}>
          <CopyButton value={secret}>{t('webhooks.copySecret')}</CopyButton>
        </SecretNotice>
      )}
      <form className="inline-form" onSubmit={onSubmit}>
        {formError && (
          <p className="error" role="alert">
            {formError}
          </p>
        )}
        <Field label={t('webhooks.newUrl')} className="wide" htmlFor={inputId}>
          <input
            id={inputId}
            type="url"
            required
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="https://partner.example.com/hooks/fulfillment"
            maxLength={1000}
          />
        </Field>
        <button type="submit" className="btn" disabled={loading}>
          {t('webhooks.add')}
        </button>
      </form>
    </section>
  );
}
