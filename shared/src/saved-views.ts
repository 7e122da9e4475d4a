/**
 * What a saved grid view may hold: the grids' URL filter keys (the same names the
 * address bar uses, so applying a view is setting those) and the sizes a view may have.
 */
export const SAVED_VIEW_FILTER_KEYS = [
  'q',
  'status',
  'fstatus',
  'risk',
  'carrier',
  'partner',
  'tracking',
  'placedFrom',
  'placedTo',
  'shippedFrom',
  'shippedTo',
] as const;
export type SavedViewFilterKey = (typeof SAVED_VIEW_FILTER_KEYS)[number];

export const SAVED_VIEW_LIMITS = {
  /** Characters in a view's name. */
  name: 80,
  /** Characters in one filter value. */
  filterValue: 200,
  /** Views one person keeps per grid. */
  perGrid: 50,
} as const;
