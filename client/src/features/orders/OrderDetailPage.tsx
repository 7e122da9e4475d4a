import { Link, useParams } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { canTransition, type FulfillmentStatus } from '@ft/shared';
import { useFormat } from '../../app/format';
import { Loading } from '../../components/Loading';
import { ErrorMessage } from '../../components/ErrorMessage';
import { StatusBadge, TrackingLinks, carrierLabel, unique } from '../../components/cells';
import { HistoryTimeline } from '../../components/HistoryTimeline';
import { TrackingStatusList } from '../../components/TrackingStatus';
import { ORDER_DETAIL } from './queries';
import { SimpleTable } from '../../components/SimpleTable';

export default function OrderDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const { data, loading, error } = useQuery(ORDER_DETAIL, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
  });
  const o = data?.order;
  if (error) return <ErrorMessage error={error} />;
  if (!o) return loading ? <Loading /> : <p>{t('common.notFound')}</p>;
  const events = o.fulfillments.flatMap((f) =>
    f.history.map((e) => ({ ...e, id: `${f.id}:${e.id}`, sku: f.sku })),
  );

  return (
    <section className="page" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/orders">{t('order.back')}</Link>
      </p>
      <div className="page-head">
        <h1 id="page-title">{t('order.title', { reference: o.reference })}</h1>
        <StatusBadge kind="order" status={o.status} />
      </div>
      <div className="two-col">
        <section className="card" aria-labelledby="customer-title">
          <h2 id="customer-title">{t('order.customer')}</h2>
          <dl className="facts">
            <dt>{t('columns.customer')}</dt>
            <dd>{o.customer.name}</dd>
            <dt>{t('columns.email')}</dt>
            <dd>
              <a href={`mailto:${o.customer.email}`}>{o.customer.email}</a>
            </dd>
            <dt>{t('order.locale')}</dt>
            <dd>{t(`language.${o.customer.locale}`, { defaultValue: o.customer.locale })}</dd>
            <dt>{t('columns.partner')}</dt>
            <dd>{o.partner.name}</dd>
            <dt>{t('columns.placed')}</dt>
            <dd>{fmt.dateTime(o.placedAt)}</dd>
            <dt>{t('order.channel')}</dt>
            <dd>{o.channel ?? '–'}</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="subs-title">
          <h2 id="subs-title">{t('order.subscriptions')}</h2>
          {o.subscriptions.length === 0 ? (
            <p className="muted">{t('order.noSubscriptions')}</p>
          ) : (
            <ul className="plain">
              {/* Numbered in the order they were taken out: a subscription has no name, and its id means nothing to a person. */}
              {o.subscriptions.map((s, i) => (
                <li key={s.id}>
                  {t('order.subscription', { n: fmt.number(i + 1) })} —{' '}
                  {t(`subscriptionStatus.${s.status}`, { defaultValue: s.status })}
                  {s.cancelledAt && <span className="muted"> ({fmt.dateTime(s.cancelledAt)})</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <section aria-labelledby="lines-title">
        <h2 id="lines-title">{t('order.fulfillments')}</h2>
        <div className="table-wrap">
          <SimpleTable
            headers={[
              t('columns.sku'),
              t('columns.product'),
              t('columns.quantity'),
              t('columns.fulfillmentStatus'),
              t('columns.shippedDate'),
              t('columns.carrier'),
              t('columns.trackingNumber'),
              t('columns.trackingStatus'),
              t('columns.shippingMethod'),
            ]}
            actions
          >
            {o.fulfillments.map((f) => (
              <tr key={f.id}>
                <td>{f.sku}</td>
                <td>{f.productName}</td>
                <td>{fmt.number(f.quantity)}</td>
                <td>
                  <StatusBadge kind="fulfillment" status={f.status} />
                  {f.notShippingReason && <div className="muted">{f.notShippingReason}</div>}
                </td>
                <td>{fmt.date(f.shippedOn)}</td>
                <td>{unique(f.packages.map(carrierLabel)).join(', ')}</td>
                <td>
                  <TrackingLinks packages={f.packages} />
                </td>
                <td className="tracking-status-cell">
                  {f.packages.length > 0 && <TrackingStatusList packages={f.packages} />}
                </td>
                <td>{unique(f.packages.map((p) => p.method)).join(', ')}</td>
                <td>
                  <Link
                    to={`/fulfillments/${encodeURIComponent(f.id)}`}
                    aria-label={t('order.editTrackingFor', { sku: f.sku })}
                  >
                    {canTransition(f.status as FulfillmentStatus, 'SHIPPED')
                      ? t('order.editTracking')
                      : t('order.view')}
                  </Link>
                </td>
              </tr>
            ))}
          </SimpleTable>
        </div>
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('history.title')}</h2>
        <HistoryTimeline events={events} />
      </section>
    </section>
  );
}
