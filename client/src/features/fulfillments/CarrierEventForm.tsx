import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { TrackingStatus } from '@ft/shared';
import { RECORD_TRACKING_EVENT } from './queries';
import { Field } from '../../components/Field';
import { messageText } from '../../app/messages';

// EXPIRED is worked out from silence, not reported.
const EVENT_STATUSES = Object.values(TrackingStatus).filter(
  (s) => s !== TrackingStatus.UNKNOWN && s !== TrackingStatus.EXPIRED,
);

/** Staff record what the carrier reports (e.g. DELIVERED) when no carrier feed does it for them. */
export function CarrierEventForm({
  fulfillmentId,
  current,
}: {
  fulfillmentId: string;
  current: TrackingStatus;
}) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<TrackingStatus>(
    current === TrackingStatus.DELIVERED || current === TrackingStatus.UNKNOWN
      ? TrackingStatus.DELIVERED
      : current,
  );
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [record, { loading }] = useMutation(RECORD_TRACKING_EVENT);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    try {
      const res = await record({ variables: { input: { fulfillmentId, status } } });
      const errs = res.data?.recordTrackingEvent.userErrors ?? [];
      if (errs.length > 0)
        setMessage({
          ok: false,
          text: errs.map((x) => messageText(t, x)).join(' '),
        });
      else
        setMessage({ ok: true, text: t('carrierEvent.recorded', { status: t(`trackingStatus.${status}`) }) });
    } catch {
      setMessage({ ok: false, text: t('common.genericError') });
    }
  }

  return (
    <form
      className="card form inline-form carrier-event"
      onSubmit={onSubmit}
      aria-labelledby="carrier-event-title"
    >
      <h2 id="carrier-event-title">{t('carrierEvent.title')}</h2>
      <p className="muted hint">{t('carrierEvent.hint')}</p>
      {message && (
        <p className={message.ok ? 'success' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      <Field label={t('carrierEvent.status')}>
        <select value={status} onChange={(e) => setStatus(e.target.value as TrackingStatus)}>
          {EVENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`trackingStatus.${s}`)}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" className="btn" disabled={loading}>
        {t('carrierEvent.record')}
      </button>
    </form>
  );
}
