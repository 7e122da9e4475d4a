import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type {
  FulfillmentFilter as FulfillmentFilterInput,
  FulfillmentStatus,
  OrderFilter,
  OrderSortField,
  OrderStatus,
  RiskReason,
  SortDirection as SortDirectionEnum,
} from '../../gql/generated';

type SortField = OrderSortField;
export type SortDirection = SortDirectionEnum;

/** Everything that defines a grid view; it lives in the URL so a link reproduces it. */
export interface GridView {
  search: string;
  orderStatus: string;
  fulfillmentStatus: string;
  /** Risk reasons, comma-separated: lines at risk for any of them. */
  risk: string;
  carrier: string;
  partner: string;
  tracking: '' | 'yes' | 'no';
  placedFrom: string;
  placedTo: string;
  shippedFrom: string;
  shippedTo: string;
  sort: SortField;
  direction: SortDirection;
  after: string;
  /** Which page `after` leads to (1-based), for "26–50 of 360" and Previous. */
  page: string;
  /** Rows per page (1..250); the grid is virtualised, so the default is the maximum. */
  size: string;
  /** The saved view this one started from (its id), if any. */
  savedView: string;
}

const KEYS: Record<keyof GridView, string> = {
  search: 'q',
  orderStatus: 'status',
  fulfillmentStatus: 'fstatus',
  risk: 'risk',
  carrier: 'carrier',
  partner: 'partner',
  tracking: 'tracking',
  placedFrom: 'placedFrom',
  placedTo: 'placedTo',
  shippedFrom: 'shippedFrom',
  shippedTo: 'shippedTo',
  sort: 'sort',
  direction: 'dir',
  after: 'after',
  page: 'page',
  size: 'size',
  savedView: 'view',
};

const DEFAULTS: GridView = {
  search: '',
  orderStatus: '',
  fulfillmentStatus: '',
  risk: '',
  carrier: '',
  partner: '',
  tracking: '',
  placedFrom: '',
  placedTo: '',
  shippedFrom: '',
  shippedTo: '',
  sort: 'PLACED_AT',
  direction: 'DESC',
  after: '',
  page: '1',
  size: '250',
  savedView: '',
};

/** The view's conditions (not sort or paging): what a filter chip, a tab or a saved view is made of. */
export const FILTER_KEYS = [
  'search',
  'orderStatus',
  'fulfillmentStatus',
  'risk',
  'carrier',
  'partner',
  'tracking',
  'placedFrom',
  'placedTo',
  'shippedFrom',
  'shippedTo',
] as const satisfies readonly (keyof GridView)[];
export type FilterKey = (typeof FILTER_KEYS)[number];

/** Every condition off. */
export const NO_FILTERS: Pick<GridView, FilterKey> = Object.fromEntries(
  FILTER_KEYS.map((k) => [k, '']),
) as Pick<GridView, FilterKey>;

/** The view's conditions under their URL names, as a saved view stores them. */
export function filtersOf(v: GridView): { key: string; value: string }[] {
  return FILTER_KEYS.filter((k) => v[k] !== '').map((k) => ({ key: KEYS[k], value: v[k] }));
}

/** A saved view's conditions as a change to the view (every other condition off). */
export function filtersPatch(filters: readonly { key: string; value: string }[]): Partial<GridView> {
  const patch: Partial<GridView> = { ...NO_FILTERS };
  for (const { key, value } of filters) {
    const name = FILTER_KEYS.find((k) => KEYS[k] === key);
    if (name) (patch as Record<string, string>)[name] = value;
  }
  return patch;
}

/** A status filter may name several statuses, comma-separated (the Problems tab does). */
export const statusList = (value: string): string[] => (value ? value.split(',').filter(Boolean) : []);

export function useGridView(): [GridView, (patch: Partial<GridView>, opts?: { replace?: boolean }) => void] {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => {
    const v = { ...DEFAULTS };
    for (const key of Object.keys(KEYS) as (keyof GridView)[]) {
      const raw = params.get(KEYS[key]);
      if (raw != null) (v as Record<string, string>)[key] = raw;
    }
    if (v.sort !== 'PLACED_AT' && v.sort !== 'REFERENCE') v.sort = 'PLACED_AT';
    if (v.direction !== 'ASC' && v.direction !== 'DESC') v.direction = 'DESC';
    if (v.tracking !== 'yes' && v.tracking !== 'no') v.tracking = '';
    const size = Number(v.size);
    if (!Number.isInteger(size) || size < 1 || size > 250) v.size = DEFAULTS.size;
    const page = Number(v.page);
    if (!v.after || !Number.isInteger(page) || page < 2) v.page = v.after ? '2' : '1';
    return v;
  }, [params]);

  const update = useCallback(
    (patch: Partial<GridView>, opts?: { replace?: boolean }) => {
      // Any change but paging starts again at the first page.
      const next: GridView = { ...view, after: '', page: '1', ...patch };
      const out = new URLSearchParams();
      for (const key of Object.keys(KEYS) as (keyof GridView)[]) {
        if (next[key] !== DEFAULTS[key]) out.set(KEYS[key], next[key]);
      }
      setParams(out, { replace: opts?.replace });
    },
    [view, setParams],
  );
  return [view, update];
}

const range = (from: string, to: string) => (from || to ? { from: from || null, to: to || null } : null);

/** The conditions both grids share; they differ only in which status list the status filters mean. */
function sharedFilter(v: GridView) {
  return {
    search: v.search.trim() || null,
    // Reasons come from the URL as they are; the server rejects one that is not a reason.
    risk: v.risk ? (statusList(v.risk) as RiskReason[]) : null,
    carrierCodes: v.carrier ? [v.carrier] : null,
    partnerIds: v.partner ? [v.partner] : null,
    hasTracking: v.tracking === '' ? null : v.tracking === 'yes',
    placed: range(v.placedFrom, v.placedTo),
    shipped: range(v.shippedFrom, v.shippedTo),
  };
}

// Status values come from the URL as they are; the server rejects one that is not a status.
export function toOrderFilter(v: GridView): OrderFilter {
  return {
    ...sharedFilter(v),
    statuses: v.orderStatus ? (statusList(v.orderStatus) as OrderStatus[]) : null,
    fulfillmentStatuses: v.fulfillmentStatus
      ? (statusList(v.fulfillmentStatus) as FulfillmentStatus[])
      : null,
  };
}

export type FulfillmentFilter = FulfillmentFilterInput;

export function toFulfillmentFilter(v: GridView): FulfillmentFilter {
  return {
    ...sharedFilter(v),
    statuses: v.fulfillmentStatus ? (statusList(v.fulfillmentStatus) as FulfillmentStatus[]) : null,
    orderIds: null,
  };
}

/** A key that changes whenever the set of matching rows may change (not on paging). */
export function filterKey(v: GridView): string {
  const { after: _after, page: _page, sort: _s, direction: _d, size: _size, savedView: _sv, ...rest } = v;
  return JSON.stringify(rest);
}

/** Clicking the sorted header flips it; a new header starts newest-first for dates, A→Z for references. */
export function nextDirection(v: GridView, field: string): SortDirection {
  if (v.sort === field) return v.direction === 'ASC' ? 'DESC' : 'ASC';
  return field === 'REFERENCE' ? 'ASC' : 'DESC';
}
