/** Columns the Find Orders / Product Fulfillment grids offer in the column chooser. */
export const GRID_COLUMNS = [
  'order',
  'customer',
  'email',
  'partner',
  'status',
  'placed',
  'shippedDate',
  'carrier',
  'trackingNumber',
  'trackingUrl',
  'shippingMethod',
  'sku',
  'product',
  'quantity',
  'fulfillmentStatus',
] as const;
export type GridColumn = (typeof GRID_COLUMNS)[number];

export const GRIDS = ['orders', 'fulfillments'] as const;
export type Grid = (typeof GRIDS)[number];

export const DEFAULT_GRID_COLUMNS: Record<Grid, GridColumn[]> = {
  orders: ['order', 'customer', 'partner', 'status', 'placed', 'shippedDate', 'carrier'],
  fulfillments: ['order', 'sku', 'product', 'quantity', 'fulfillmentStatus', 'shippedDate', 'carrier'],
};
