import { Link } from 'react-router-dom';
import type { TFunction } from 'i18next';
import { GRID_COLUMNS, type GridColumn } from '@ft/shared';
import type { ColumnDef } from '../../components/DataGrid';
import {
  DayCell,
  ShippedCell,
  StatusBadge,
  TrackingLinks,
  UrlLinks,
  carrierLabel,
  unique,
} from '../../components/cells';
import type { CellActions } from '../grid/GridPage';
import type { useFormat } from '../../app/format';
import type { FulfillmentRow } from './queries';

export const FULFILLMENT_GRID_COLUMNS: readonly GridColumn[] = GRID_COLUMNS;

type Fmt = ReturnType<typeof useFormat>;

export function fulfillmentColumnTitle(t: TFunction, c: GridColumn): string {
  return c === 'status' ? t('columns.orderStatus') : t(`columns.${c}`);
}

/** Each column of the product fulfillment view: one row per product line. */
export function fulfillmentColumns(
  t: TFunction,
  fmt: Fmt,
  visible: readonly GridColumn[],
  actions: CellActions,
): ColumnDef<FulfillmentRow>[] {
  const defs: Record<GridColumn, Omit<ColumnDef<FulfillmentRow>, 'id' | 'title'>> = {
    order: {
      width: 180,
      sortField: 'REFERENCE',
      render: (f) => <Link to={`/orders/${encodeURIComponent(f.order.id)}`}>{f.order.reference}</Link>,
    },
    customer: { width: 170, render: (f) => f.order.customer.name },
    email: { width: 220, render: (f) => <span className="truncate">{f.order.customer.email}</span> },
    partner: { width: 160, render: (f) => f.order.partner.name },
    status: { width: 150, render: (f) => <StatusBadge kind="order" status={f.order.status} /> },
    placed: {
      width: 130,
      sortField: 'PLACED_AT',
      render: (f) => (
        <DayCell
          iso={f.order.placedAt}
          day={fmt.day(f.order.placedAt)}
          full={fmt.dateTime(f.order.placedAt)}
        />
      ),
    },
    shippedDate: {
      width: 250,
      render: (f) => (
        <ShippedCell
          line={f}
          date={fmt.date(f.shippedOn)}
          label={`${f.order.reference} ${f.sku}`}
          onUpdateTracking={actions.updateTracking}
        />
      ),
    },
    carrier: { width: 190, render: (f) => unique(f.packages.map(carrierLabel)).join(', ') },
    trackingNumber: { width: 200, render: (f) => <TrackingLinks packages={f.packages} withStatus /> },
    trackingUrl: { width: 260, render: (f) => <UrlLinks urls={unique(f.packages.map((p) => p.url))} /> },
    shippingMethod: { width: 140, render: (f) => unique(f.packages.map((p) => p.method)).join(', ') },
    sku: {
      width: 150,
      render: (f) => (
        <Link
          to={`/fulfillments/${encodeURIComponent(f.id)}`}
          aria-label={t('fulfillments.open', { reference: f.order.reference, sku: f.sku })}
        >
          {f.sku}
        </Link>
      ),
    },
    product: { width: 200, render: (f) => f.productName },
    quantity: { width: 90, render: (f) => fmt.number(f.quantity) },
    fulfillmentStatus: { width: 190, render: (f) => <StatusBadge kind="fulfillment" status={f.status} /> },
  };
  return visible.map((id) => ({ id, title: fulfillmentColumnTitle(t, id), ...defs[id] }));
}
