import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { Loading } from '../../components/Loading';
import { ErrorMessage } from '../../components/ErrorMessage';
import { INBOUND_EMAILS, type InboundEmail } from './queries';
import { messageText } from '../../app/messages';

function InboundCard({ mail }: { mail: InboundEmail }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [open, setOpen] = useState(false);
  const bodyId = `inbound-body-${mail.id}`;
  const titleId = `inbound-${mail.id}`;
  return (
    <article className="card inbound" aria-labelledby={titleId}>
      <h2 id={titleId}>{mail.subject || t('inbound.noSubject')}</h2>
      <dl className="facts">
        <dt>{t('inbound.from')}</dt>
        <dd className="break">{mail.sender ?? '–'}</dd>
        <dt>{t('inbound.received')}</dt>
        <dd>{fmt.dateTime(mail.receivedAt)}</dd>
        <dt>{t('inbound.reason')}</dt>
        <dd>
          {mail.reasons.length > 0
            ? mail.reasons
                .map((r) => {
                  const text = messageText(t, r);
                  return r.orderReference
                    ? t('messages.aboutOrder', { reference: r.orderReference, text })
                    : text;
                })
                .join('; ')
            : (mail.reason ?? '–')}
        </dd>
        <dt>{t('inbound.trackingNumbers')}</dt>
        <dd>
          {mail.trackingNumbers.length === 0 ? (
            '–'
          ) : (
            <ul className="inline-list">
              {mail.trackingNumbers.map((n) => (
                <li key={n}>
                  <code>{n}</code>
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('inbound.orderReferences')}</dt>
        <dd>
          {mail.orderReferences.length === 0 ? (
            '–'
          ) : (
            <ul className="inline-list">
              {mail.orderReferences.map((r) => (
                <li key={r}>
                  <Link
                    to={`/orders?q=${encodeURIComponent(r)}`}
                    aria-label={t('inbound.findOrder', { reference: r })}
                  >
                    {r}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      <button
        type="button"
        className="btn link"
        aria-expanded={open}
        aria-controls={bodyId}
        onClick={() => setOpen((o) => !o)}
      >
        {open ? t('inbound.hideBody') : t('inbound.showBody')}
      </button>
      <pre id={bodyId} className="mail-text" hidden={!open}>
        {mail.bodyText}
      </pre>
    </article>
  );
}

export default function InboundEmailsPage() {
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(INBOUND_EMAILS, {
    variables: { status: 'REVIEW', first: 100 },
    fetchPolicy: 'cache-and-network',
  });
  const mails = data?.inboundEmails ?? [];
  return (
    <section className="page" aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title">{t('inbound.title')}</h1>
        <div className="page-actions">
          <button type="button" className="btn" onClick={() => void refetch()}>
            {t('mail.refresh')}
          </button>
        </div>
      </div>
      <p className="muted">{t('inbound.intro')}</p>
      {error && <ErrorMessage error={error} />}
      {loading && !data && <Loading />}
      {data && mails.length === 0 && <p className="notice">{t('inbound.empty')}</p>}
      <div className="cards">
        {mails.map((m) => (
          <InboundCard key={m.id} mail={m} />
        ))}
      </div>
    </section>
  );
}
