import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { Loading } from '../../components/Loading';
import { ErrorMessage } from '../../components/ErrorMessage';
import { MAIL_MESSAGES, OUTBOX_MESSAGES, RETRY_OUTBOX_MESSAGE, type MailMessage } from './queries';
import { SimpleTable } from '../../components/SimpleTable';
import { Field } from '../../components/Field';
import { messageText } from '../../app/messages';

const OUTBOX_FILTERS = ['FAILED', 'PENDING', 'SENT'] as const;

function MailView({ mail }: { mail: MailMessage }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [view, setView] = useState<'text' | 'html'>('text');
  return (
    <article className="card mail-view" aria-labelledby="mail-subject">
      <h2 id="mail-subject">{mail.subject}</h2>
      <dl className="facts">
        <dt>{t('mail.to')}</dt>
        <dd className="break">{mail.recipients}</dd>
        <dt>{t('mail.date')}</dt>
        <dd>{fmt.dateTime(mail.createdAt)}</dd>
        <dt>{t('mail.status')}</dt>
        <dd>{t(`mail.statuses.${mail.status}`, { defaultValue: mail.status })}</dd>
        <dt>{t('mail.language')}</dt>
        <dd>{t(`language.${mail.locale}`, { defaultValue: mail.locale })}</dd>
      </dl>
      <div className="segmented" role="group" aria-label={t('mail.showAs')}>
        <button type="button" className="btn" aria-pressed={view === 'text'} onClick={() => setView('text')}>
          {t('mail.text')}
        </button>
        <button
          type="button"
          className="btn"
          aria-pressed={view === 'html'}
          onClick={() => setView('html')}
          disabled={!mail.html}
        >
          {t('mail.html')}
        </button>
      </div>
      {view === 'text' || !mail.html ? (
        <pre className="mail-text" tabIndex={0} aria-label={t('mail.body')}>
          {mail.text}
        </pre>
      ) : (
        // An empty sandbox: no scripts, no same-origin, no forms; the email cannot touch the app.
        <iframe
          className="mail-html"
          sandbox=""
          srcDoc={mail.html}
          title={t('mail.htmlTitle', { subject: mail.subject })}
        />
      )}
    </article>
  );
}

function Deliveries() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [status, setStatus] = useState<(typeof OUTBOX_FILTERS)[number]>('FAILED');
  const { data, loading, error, refetch } = useQuery(OUTBOX_MESSAGES, {
    variables: { status, first: 100 },
    fetchPolicy: 'cache-and-network',
  });
  const [retry] = useMutation(RETRY_OUTBOX_MESSAGE);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const rows = data?.outboxMessages ?? [];
  return (
    <section className="card deliveries" aria-labelledby="deliveries-title">
      <div className="section-head">
        <h2 id="deliveries-title">{t('mail.deliveries')}</h2>
        <Field label={t('mail.deliveryStatus')} className="inline">
          <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            {OUTBOX_FILTERS.map((s) => (
              <option key={s} value={s}>
                {t(`outboxStatus.${s}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {status === 'FAILED' && <p className="muted">{t('mail.parkedHint')}</p>}
      {message && (
        <p className={message.ok ? 'success' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      {error && <ErrorMessage error={error} />}
      {loading && !data && <Loading />}
      {data && rows.length === 0 && <p className="muted">{t('mail.noDeliveries')}</p>}
      {rows.length > 0 && (
        <div className="table-wrap">
          <SimpleTable
            headers={[
              t('mail.created'),
              t('mail.kind'),
              t('mail.topic'),
              t('mail.status'),
              t('mail.attempts'),
              t('mail.lastError'),
            ]}
            actions
          >
            {rows.map((m) => (
              <tr key={m.id}>
                <td>{fmt.dateTime(m.createdAt)}</td>
                <td>{t(`outboxKind.${m.kind}`, { defaultValue: m.kind })}</td>
                <td>
                  <code>{m.topic}</code>
                </td>
                <td>{t(`outboxStatus.${m.status}`, { defaultValue: m.status })}</td>
                <td>{fmt.number(m.attempts)}</td>
                <td className="break">
                  {m.responseCode != null && <span>HTTP {m.responseCode} </span>}
                  {m.lastError ?? (m.responseCode == null ? '–' : '')}
                </td>
                <td>
                  {m.status === 'FAILED' && (
                    <button
                      type="button"
                      className="btn"
                      aria-label={t('mail.retryOne', { topic: m.topic, at: fmt.dateTime(m.createdAt) })}
                      onClick={async () => {
                        setMessage(null);
                        const res = await retry({ variables: { input: { id: m.id } } });
                        const errs = res.data?.retryOutboxMessage.userErrors ?? [];
                        setMessage(
                          errs.length > 0
                            ? {
                                ok: false,
                                text: errs.map((x) => messageText(t, x)).join(' '),
                              }
                            : { ok: true, text: t('mail.retried') },
                        );
                        await refetch();
                      }}
                    >
                      {t('mail.retry')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </SimpleTable>
        </div>
      )}
    </section>
  );
}

export default function MailPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { data, loading, error, refetch } = useQuery(MAIL_MESSAGES, {
    variables: { first: 100 },
    fetchPolicy: 'cache-and-network',
  });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const mails = data?.mailMessages ?? [];
  const selected = mails.find((m) => m.id === selectedId) ?? mails[0] ?? null;

  return (
    <section className="page mail-page" aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title">{t('mail.title')}</h1>
        <div className="page-actions">
          <button
            type="button"
            className="btn"
            disabled={refreshing}
            onClick={async () => {
              setRefreshing(true);
              try {
                await refetch();
              } finally {
                setRefreshing(false);
              }
            }}
          >
            {t('mail.refresh')}
          </button>
        </div>
      </div>
      <p className="muted">{t('mail.intro')}</p>
      {error && <ErrorMessage error={error} />}
      {loading && !data && <Loading />}
      {data && mails.length === 0 && <p className="notice">{t('mail.empty')}</p>}
      {mails.length > 0 && (
        <div className="mail-layout">
          <div className="table-wrap mail-list">
            <SimpleTable
              headers={[t('mail.date'), t('mail.to'), t('mail.subject'), t('mail.status')]}
              caption={t('mail.listCaption')}
            >
              {mails.map((m) => (
                <tr key={m.id} className={m.id === selected?.id ? 'selected' : undefined}>
                  <td className="nowrap">{fmt.dateTime(m.createdAt)}</td>
                  <td className="break">{m.recipients}</td>
                  <td>
                    <button
                      type="button"
                      className="btn link left"
                      aria-pressed={m.id === selected?.id}
                      onClick={() => setSelectedId(m.id)}
                    >
                      {m.subject}
                    </button>
                  </td>
                  <td>
                    <span className={`badge mail-${m.status.toLowerCase()}`}>
                      {t(`mail.statuses.${m.status}`, { defaultValue: m.status })}
                    </span>
                  </td>
                </tr>
              ))}
            </SimpleTable>
          </div>
          {selected && <MailView key={selected.id} mail={selected} />}
        </div>
      )}
      <Deliveries />
    </section>
  );
}
