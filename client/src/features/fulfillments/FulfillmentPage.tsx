import { messageText } from '../../app/messages';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { canTransition, type FulfillmentStatus } from '@ft/shared';
import { useFormat } from '../../app/format';
import { Loading } from '../../components/Loading';
import { ErrorMessage } from '../../components/ErrorMessage';
import { StatusBadge, TrackingLinks } from '../../components/cells';
import { CheckpointTimeline } from '../../components/CheckpointTimeline';
import { HistoryTimeline } from '../../components/HistoryTimeline';
import { FULFILLMENT_DETAIL, REOPEN_FULFILLMENT } from './queries';
import { TrackingStatusList } from '../../components/TrackingStatus';
import { useAuth } from '../../app/auth';
import { TrackingForm } from './TrackingForm';
import { CarrierEventForm } from './CarrierEventForm';

/** An admin's way back for a line that will not ship: to awaiting shipment, as the state table allows. */
function ReopenAction({
  fulfillmentId,
  setResult,
}: {
  fulfillmentId: string;
  setResult: (result: { text: string; error: boolean }) => void;
}) {
  const { t } = useTranslation();
  const [reopen, { loading }] = useMutation(REOPEN_FULFILLMENT);
  return (
    <div className="card reopen">
      <p id="reopen-help" className="muted">
        {t('actionLog.reopenHelp')}
      </p>
      <button
        type="button"
        className="btn"
        disabled={loading}
        aria-describedby="reopen-help"
        onClick={async () => {
          try {
            const res = await reopen({ variables: { input: { id: fulfillmentId } } });
            const failure = res.data?.reopenFulfillment.userErrors[0];
            setResult(
              failure
                ? {
                    error: true,
                    text: t(`actionLog.reopenError.${failure.code}`, {
                      defaultValue: messageText(t, failure),
                    }),
                  }
                : { error: false, text: t('actionLog.reopened') },
            );
          } catch (e) {
            setResult({ error: true, text: (e as Error).message });
          }
        }}
      >
        {t('actionLog.reopen')}
      </button>
    </div>
  );
}

export default function FulfillmentPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const { data, loading, error, refetch } = useQuery(FULFILLMENT_DETAIL, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
  });
  const [reloads, setReloads] = useState(0);
  const [reopened, setReopened] = useState<{ text: string; error: boolean } | null>(null);
  const { viewer } = useAuth();
  const isAdmin = viewer?.role === 'ADMIN';
  const isStaff = isAdmin || viewer?.role === 'SUPPORT';
  const f = data?.fulfillment;
  if (error) return <ErrorMessage error={error} />;
  if (!f) return loading ? <Loading /> : <p>{t('common.notFound')}</p>;
  // Entering tracking ships a HOLD line or corrects a SHIPPED one; the shared table says which.
  const editable = canTransition(f.status as FulfillmentStatus, 'SHIPPED');

  return (
    <section className="page" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to={`/orders/${encodeURIComponent(f.order.id)}`}>
          {t('fulfillment.backToOrder', { reference: f.order.reference })}
        </Link>
      </p>
      <h1 id="page-title">{t('fulfillment.title', { reference: f.order.reference, sku: f.sku })}</h1>
      <div className="two-col">
        <div>
          <dl className="facts card">
            <dt>{t('columns.product')}</dt>
            <dd>
              {f.productName} × {fmt.number(f.quantity)}
            </dd>
            <dt>{t('columns.fulfillmentStatus')}</dt>
            <dd>
              <StatusBadge kind="fulfillment" status={f.status} />
            </dd>
            <dt>{t('columns.shippedDate')}</dt>
            <dd>{fmt.date(f.shippedOn) || '–'}</dd>
            <dt>{t('columns.trackingNumber')}</dt>
            <dd>
              <TrackingLinks packages={f.packages} />
            </dd>
            {f.lastMile && (
              <>
                <dt>
                  {t('handover.handedOver', { carrier: f.lastMile.carrier?.name ?? f.lastMileCarrierCode })}
                </dt>
                <dd>
                  {f.lastMile.url ? (
                    <a href={f.lastMile.url} target="_blank" rel="noopener noreferrer">
                      {f.lastMile.number}
                    </a>
                  ) : (
                    f.lastMile.number
                  )}
                </dd>
              </>
            )}
            {f.packages.length > 0 && (
              <>
                <dt>{t('columns.trackingStatus')}</dt>
                <dd>
                  <TrackingStatusList packages={f.packages} />
                </dd>
              </>
            )}
            {(f.tracking?.carrier?.pickupWindow || f.tracking?.carrier?.quirkNote) && (
              <>
                <dt>{t('carrierAdmin.carrierNotes')}</dt>
                <dd className="carrier-notes">
                  {f.tracking.carrier.pickupWindow && (
                    <p>{t('carrierAdmin.pickupShort', { window: f.tracking.carrier.pickupWindow })}</p>
                  )}
                  {f.tracking.carrier.quirkNote && <p className="muted">{f.tracking.carrier.quirkNote}</p>}
                </dd>
              </>
            )}
            {f.notShippingReason && (
              <>
                <dt>{t('fulfillment.notShippingReason')}</dt>
                <dd>{f.notShippingReason}</dd>
              </>
            )}
          </dl>
          {editable ? (
            <TrackingForm
              key={reloads}
              fulfillment={f}
              onReload={async () => {
                await refetch();
                setReloads((n) => n + 1);
              }}
            />
          ) : (
            <p className="notice">
              {t('fulfillment.notEditable', { status: t(`fulfillmentStatus.${f.status}`) })}
            </p>
          )}
          {isAdmin && canTransition(f.status as FulfillmentStatus, 'HOLD') && (
            <ReopenAction fulfillmentId={f.id} setResult={setReopened} />
          )}
          {/* Outside the action: a reopened line no longer offers it, and the result stays in view. */}
          <div role="status" aria-live="polite">
            {reopened && <p className={reopened.error ? 'error' : 'success'}>{reopened.text}</p>}
          </div>
          {isStaff && f.tracking && (f.status === 'SHIPPED' || f.status === 'DELIVERED') && (
            <CarrierEventForm key={`event-${reloads}`} fulfillmentId={f.id} current={f.tracking.status} />
          )}
        </div>
        <div>
          {f.packages.length > 0 && (
            <section aria-labelledby="checkpoints-title">
              <h2 id="checkpoints-title">{t('checkpoints.title')}</h2>
              <CheckpointTimeline checkpoints={f.checkpoints} />
            </section>
          )}
          <section aria-labelledby="history-title">
            <h2 id="history-title">{t('history.title')}</h2>
            <HistoryTimeline events={f.history} />
          </section>
        </div>
      </div>
    </section>
  );
}
