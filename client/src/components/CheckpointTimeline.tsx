import { useTranslation } from 'react-i18next';
import { useFormat } from '../app/format';
import type { FulfillmentDetail } from '../features/fulfillments/queries';

/** As many scans as the fulfillment page asks for (`checkpoints(limit: 50)` in its query). */
const SHOWN = 50;

/** The carrier's scans of a shipment, newest first: when, our status, where, what the carrier said, who told us. */
export function CheckpointTimeline({ checkpoints }: { checkpoints: FulfillmentDetail['checkpoints'] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (checkpoints.length === 0) return <p className="muted">{t('checkpoints.empty')}</p>;
  return (
    <>
      <ol className="timeline checkpoints" aria-label={t('checkpoints.title')}>
        {checkpoints.map((c, i) => (
          <li key={`${c.at}-${i}`}>
            <div className="timeline-head">
              <time dateTime={c.at}>{fmt.dateTime(c.at)}</time>
              <strong>{t(`trackingStatus.${c.status}`, { defaultValue: c.status })}</strong>
              {c.location && <span>{c.location}</span>}
              <span className="chip">
                {t('checkpoints.reportedBy', {
                  source: t(`checkpoints.source.${c.source}`, { defaultValue: c.source }),
                })}
              </span>
            </div>
            {c.message && <p className="muted">{c.message}</p>}
          </li>
        ))}
      </ol>
      {checkpoints.length >= SHOWN && (
        <p className="muted hint">{t('checkpoints.newest', { count: SHOWN })}</p>
      )}
    </>
  );
}
