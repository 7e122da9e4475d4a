import { Link } from 'react-router-dom';
import type { TFunction } from 'i18next';
import { GRID_COLUMNS, type GridColumn } from '@ft/shared';
import type { ColumnDef } from '../../components/DataGrid';
import {
  DayCell,
  LineList,
  ShippedCell,
  StatusBadge,
  TrackingLinks,
  UrlLinks,
  carrierLabel,
  unique,
} from '../../components/cells';
import type { useFormat } from '../../app/format';
import type { CellActions } from '../grid/GridPage';
import type { OrderRow } from './queries';

export const ORDER_GRID_COLUMNS: readonly GridColumn[] = GRID_COLUMNS;

type Fmt = ReturnType<typeof useFormat>;
type Line = OrderRow['fulfillments'][number];

export function orderColumnTitle(t: TFunction, c: GridColumn): string {
  return t(`columns.${c}`);
}

/**
 * Each column of Find Orders. Order-level columns show one value; line-level ones show
 * one aligned sub-row per line, in the same order in every column.
 */
export function orderColumns(
  t: TFunction,
  fmt: Fmt,
  visible: readonly GridColumn[],
  actions: CellActions,
): ColumnDef<OrderRow>[] {
  const perLine = (render: (f: Line, o: OrderRow) => React.ReactNode) => (o: OrderRow) => (
    <LineList lines={o.fulfillments} render={(f) => render(f, o)} />
  );
  const text = (values: (string | null | undefined)[]) => {
    const v = unique(values).join(', ');
    return (
      <span className="truncate" title={v || undefined}>
        {v}
      </span>
    );
  };
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
    placed: {
      width: 130,
      sortField: 'PLACED_AT',
      render: (o) => <DayCell iso={o.placedAt} day={fmt.day(o.placedAt)} full={fmt.dateTime(o.placedAt)} />,
    },
    shippedDate: {
      width: 250,
      render: perLine((f, o) => (
        <ShippedCell
          line={f}
          date={fmt.date(f.shippedOn)}
          label={`${o.reference} ${f.sku}`}
          onUpdateTracking={actions.updateTracking}
        />
      )),
    },
    carrier: { width: 190, render: perLine((f) => text(f.packages.map(carrierLabel))) },
    trackingNumber: {
      width: 220,
      render: perLine((f) => <TrackingLinks packages={f.packages} withStatus inline />),
    },
    trackingUrl: {
      width: 260,
      render: perLine((f) => <UrlLinks urls={unique(f.packages.map((p) => p.url))} inline />),
    },
    shippingMethod: { width: 140, render: perLine((f) => text(f.packages.map((p) => p.method))) },
    sku: { width: 130, render: perLine((f) => text([f.sku])) },
    product: { width: 200, render: perLine((f) => text([f.productName])) },
    quantity: { width: 90, render: perLine((f) => fmt.number(f.quantity)) },
    fulfillmentStatus: {
      width: 190,
      render: perLine((f) => <StatusBadge kind="fulfillment" status={f.status} />),
    },
  };
  return visible.map((id) => ({ id, title: orderColumnTitle(t, id), ...defs[id] }));
}
