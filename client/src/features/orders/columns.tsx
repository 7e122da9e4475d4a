import { Link } from 'react-router-dom';
import type { TFunction } from 'i18next';
import { GRID_COLUMNS, type GridColumn } from '@ft/shared';
import type { ColumnDef } from '../../components/DataGrid';
import { StatusBadge, TextList, TrackingLinks, UrlLinks, carrierLabel, unique } from '../../components/cells';
import type { useFormat } from '../../app/format';
import type { OrderRow } from './queries';

export const ORDER_GRID_COLUMNS: readonly GridColumn[] = GRID_COLUMNS;

type Fmt = ReturnType<typeof useFormat>;

export function orderColumnTitle(t: TFunction, c: GridColumn): string {
  return t(`columns.${c}`);
}

/** Each column of Find Orders: an order row sums up its fulfillments. */
export function orderColumns(t: TFunction, fmt: Fmt, visible: readonly GridColumn[]): ColumnDef<OrderRow>[] {
  const packages = (o: OrderRow) => o.fulfillments.flatMap((f) => f.packages);
  const defs: Record<GridColumn, Omit<ColumnDef<OrderRow>, 'id' | 'title'>> = {
    order: {
      width: 180,
      sortField: 'REFERENCE',
      render: (o) => <Link to={`/orders/${encodeURIComponent(o.id)}`}>{o.reference}</Link>,
    },
    customer: { width: 170, render: (o) => o.customer.name },
    email: { width: 220, render: (o) => <span className="truncate">{o.customer.email}</span> },
    partner: { width: 160, render: (o) => o.partner.name },
    status: { width: 150, render: (o) => <StatusBadge kind="order" status={o.status} /> },
    placed: { width: 170, sortField: 'PLACED_AT', render: (o) => fmt.dateTime(o.placedAt) },
    shippedDate: {
      width: 130,
      render: (o) => <TextList values={unique(o.fulfillments.map((f) => f.shippedOn)).map(fmt.date)} />,
    },
    carrier: { width: 190, render: (o) => <TextList values={unique(packages(o).map(carrierLabel))} /> },
    trackingNumber: { width: 200, render: (o) => <TrackingLinks packages={packages(o)} withStatus /> },
    trackingUrl: { width: 260, render: (o) => <UrlLinks urls={unique(packages(o).map((p) => p.url))} /> },
    shippingMethod: {
      width: 140,
      render: (o) => <TextList values={unique(packages(o).map((p) => p.method))} />,
    },
    sku: { width: 130, render: (o) => <TextList values={unique(o.fulfillments.map((f) => f.sku))} /> },
    product: {
      width: 200,
      render: (o) => <TextList values={unique(o.fulfillments.map((f) => f.productName))} />,
    },
    quantity: { width: 90, render: (o) => fmt.number(o.fulfillments.reduce((s, f) => s + f.quantity, 0)) },
    fulfillmentStatus: {
      width: 190,
      render: (o) => (
        <span className="badges">
          {unique(o.fulfillments.map((f) => f.status)).map((s) => (
            <StatusBadge key={s} kind="fulfillment" status={s} />
          ))}
        </span>
      ),
    },
  };
  return visible.map((id) => ({ id, title: orderColumnTitle(t, id), ...defs[id] }));
}
