import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { Loading } from '../../components/Loading';
import { ErrorMessage } from '../../components/ErrorMessage';
import { CopyButton } from '../../components/CopyButton';
import { PartnerHandoverRules } from './PartnerHandoverRules';
import { PartnerRecipients } from './PartnerRecipients';
import { SecretNotice } from './SecretNotice';
import { PartnerWebhooks } from './PartnerWebhooks';
import { CREATE_API_KEY, CREATE_PARTNER, PARTNERS, REVOKE_API_KEY, type PartnerAdmin } from './queries';
import { SimpleTable } from '../../components/SimpleTable';
import { Field } from '../../components/Field';
import { messageText } from '../../app/messages';

function CreatePartnerForm() {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [emails, setEmails] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [create, { loading }] = useMutation(CREATE_PARTNER, { refetchQueries: [PARTNERS] });
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const res = await create({
      variables: { input: { name, notificationEmails: emails.split(/[\s,;]+/).filter(Boolean) } },
    });
    const errs = res.data?.createPartner.userErrors ?? [];
    if (errs.length > 0) setError(errs.map((x) => messageText(t, x)).join(' '));
    else {
      setName('');
      setEmails('');
    }
  }
  return (
    <form className="card form inline-form" onSubmit={onSubmit} aria-labelledby="new-partner-title">
      <h2 id="new-partner-title">{t('partners.new')}</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <Field label={t('partners.name')}>
        <input required value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
      </Field>
      <Field label={t('partners.emails')}>
        <input value={emails} onChange={(e) => setEmails(e.target.value)} placeholder="ops@example.com, …" />
      </Field>
      <button type="submit" className="btn primary" disabled={loading}>
        {t('partners.create')}
      </button>
    </form>
  );
}

function PartnerCard({ partner }: { partner: PartnerAdmin }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [keyName, setKeyName] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [createKey, { loading }] = useMutation(CREATE_API_KEY, { refetchQueries: [PARTNERS] });
  const [revoke] = useMutation(REVOKE_API_KEY);
  return (
    <article className="card" aria-labelledby={`partner-${partner.id}`}>
      <h2 id={`partner-${partner.id}`}>{partner.name}</h2>
      <section aria-labelledby={`inbound-${partner.id}`}>
        <h3 id={`inbound-${partner.id}`}>{t('partners.inboundAddress')}</h3>
        <p className="muted hint">{t('partners.inboundHint')}</p>
        <div className="row-actions">
          <code className="secret-value">{partner.inboundEmailAddress}</code>
          <CopyButton
            value={partner.inboundEmailAddress}
            label={t('partners.copyInbound', { name: partner.name })}
          >
            {t('common.copy')}
          </CopyButton>
        </div>
      </section>
      <PartnerRecipients partner={partner} />
      <h3>{t('partners.apiKeys')}</h3>
      {partner.apiKeys.length === 0 ? (
        <p className="muted">{t('partners.noKeys')}</p>
      ) : (
        <SimpleTable
          headers={[t('partners.keyName'), t('partners.prefix'), t('partners.created'), t('partners.status')]}
          actions
        >
          {partner.apiKeys.map((k) => (
            <tr key={k.id}>
              <td>{k.name}</td>
              <td>
                <code>{k.prefix}…</code>
              </td>
              <td>{fmt.dateTime(k.createdAt)}</td>
              <td>
                {k.revokedAt
                  ? t('partners.revokedAt', { at: fmt.dateTime(k.revokedAt) })
                  : t('partners.active')}
              </td>
              <td>
                {!k.revokedAt && (
                  <button
                    type="button"
                    className="btn danger"
                    aria-label={t('partners.revokeKey', { name: k.name })}
                    onClick={() => void revoke({ variables: { input: { apiKeyId: k.id } } })}
                  >
                    {t('partners.revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </SimpleTable>
      )}
      {secret && (
        <SecretNotice message={t('partners.secretOnce')} secret={secret} onDismiss={() => setSecret(null)}>
          <button
            type="button"
            className="btn"
            onClick={async () => {
              await navigator.clipboard?.writeText(secret);
              setCopied(true);
            }}
          >
            {copied ? t('partners.copied') : t('partners.copy')}
          </button>
        </SecretNotice>
      )}
      <form
        className="inline-form"
        onSubmit={async (e) => {
          e.preventDefault();
          const res = await createKey({ variables: { input: { partnerId: partner.id, name: keyName } } });
          const s = res.data?.createApiKey.secret;
          if (s) {
            setSecret(s);
            setCopied(false);
            setKeyName('');
          }
        }}
      >
        <Field label={t('partners.newKeyName')}>
          <input required value={keyName} onChange={(e) => setKeyName(e.target.value)} maxLength={200} />
        </Field>
        <button type="submit" className="btn" disabled={loading}>
          {t('partners.createKey')}
        </button>
      </form>
      <PartnerWebhooks partnerId={partner.id} />
      <PartnerHandoverRules partnerId={partner.id} partnerName={partner.name} />
    </article>
  );
}

export default function PartnersPage() {
  const { t } = useTranslation();
  const { data, loading, error } = useQuery(PARTNERS);
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{t('partners.title')}</h1>
      <CreatePartnerForm />
      {error && <ErrorMessage error={error} />}
      {loading && !data && <Loading />}
      <div className="cards">
        {data?.partners.map((p) => (
          <PartnerCard key={p.id} partner={p} />
        ))}
      </div>
    </section>
  );
}
