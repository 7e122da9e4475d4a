import { messageText } from '../../app/messages';
import { useId, useState } from 'react';
import { useLazyQuery, useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { userErrorParams, type UserError } from '../../app/gql';
import {
  APPLY_INBOUND_EMAIL,
  DISMISS_INBOUND_EMAIL,
  INBOUND_EMAIL_LINES,
  INBOUND_EMAILS,
  type InboundEmail,
} from './queries';

type Reason = InboundEmail['reasons'][number];

/** A server reason in the UI language by its code and params; an unknown code keeps the server's words. */
export function useReasonText(): (reason: Reason) => string {
  const { t } = useTranslation();
  return (reason) => {
    const params = userErrorParams({ ...reason, field: null });
    if (reason.code === 'ORDER_REJECTED') {
      const { detailVariant, problem, detail, ...values } = params;
      return t('inboundMail.reason.ORDER_REJECTED', {
        reference: params.reference,
        problem: messageText(t, {
          code: String(problem),
          message: String(detail ?? ''),
          params: detailVariant ? { ...values, variant: detailVariant } : values,
        }),
      });
    }
    return t(`inboundMail.reason.${reason.code}`, { ...params, defaultValue: reason.message });
  };
}

function useErrorText(): (error: UserError) => string {
  const { t } = useTranslation();
  return (error) =>
    t(`inboundMail.error.${error.code}`, {
      ...userErrorParams(error),
      defaultValue: messageText(t, error),
    });
}

/** Apply a waiting email's number to a line the reviewer chooses, or dismiss the email. */
export function InboundReviewActions({ mail }: { mail: InboundEmail }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const [reference, setReference] = useState(mail.orderReferences[0] ?? '');
  const [lineId, setLineId] = useState('');
  const [number, setNumber] = useState(mail.trackingNumbers[0] ?? '');
  const [error, setError] = useState<string | null>(null);
  const [findLines, lines] = useLazyQuery(INBOUND_EMAIL_LINES, { fetchPolicy: 'network-only' });
  const refetchQueries = [{ query: INBOUND_EMAILS, variables: { status: 'REVIEW', first: 100 } }];
  const [apply, applying] = useMutation(APPLY_INBOUND_EMAIL, { refetchQueries, awaitRefetchQueries: true });
  const [dismiss, dismissing] = useMutation(DISMISS_INBOUND_EMAIL, {
    refetchQueries,
    awaitRefetchQueries: true,
  });
  const found = lines.data?.inboundEmail?.lines;

  const onFind = async () => {
    setError(null);
    setLineId('');
    const res = await findLines({ variables: { id: mail.id, reference: reference.trim() || null } });
    const first = res.data?.inboundEmail?.lines[0];
    if (first) setLineId(first.id);
  };
  const onApply = async () => {
    setError(null);
    const res = await apply({
      variables: { input: { inboundEmailId: mail.id, fulfillmentId: lineId, trackingNumber: number } },
    });
    const errs = res.data?.applyInboundEmail.userErrors ?? [];
    if (errs.length) setError(errs.map(errorText).join(' '));
  };
  const onDismiss = async () => {
    setError(null);
    const res = await dismiss({ variables: { input: { inboundEmailId: mail.id } } });
    const errs = res.data?.dismissInboundEmail.userErrors ?? [];
    if (errs.length) setError(errs.map(errorText).join(' '));
  };

  return (
    <section className="inbound-actions" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('inboundMail.applyTitle')}</h3>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void onFind();
        }}
      >
        <Field label={t('inboundMail.orderReference')}>
          <input value={reference} onChange={(e) => setReference(e.target.value)} maxLength={64} />
        </Field>
        <button type="submit" className="btn" disabled={lines.loading}>
          {t('inboundMail.findLines')}
        </button>
      </form>
      {found && found.length === 0 && (
        <p className="notice" role="status">
          {t('inboundMail.noLines', { reference })}
        </p>
      )}
      {found && found.length > 0 && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void onApply();
          }}
        >
          <Field label={t('inboundMail.line')}>
            <select value={lineId} onChange={(e) => setLineId(e.target.value)} required>
              {found.map((l) => (
                <option key={l.id} value={l.id}>
                  {`${l.sku} · ${l.productName} · ${t(`fulfillmentStatus.${l.status}`, { defaultValue: l.status })}`}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('inboundMail.trackingNumber')}>
            {mail.trackingNumbers.length > 0 ? (
              <select value={number} onChange={(e) => setNumber(e.target.value)} required>
                {mail.trackingNumbers.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            ) : (
              <input value={number} onChange={(e) => setNumber(e.target.value)} required maxLength={64} />
            )}
          </Field>
          <button type="submit" className="btn primary" disabled={applying.loading || !lineId || !number}>
            {t('inboundMail.apply')}
          </button>
        </form>
      )}
      <div className="row-actions">
        <button type="button" className="btn" disabled={dismissing.loading} onClick={() => void onDismiss()}>
          {t('inboundMail.dismiss')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
