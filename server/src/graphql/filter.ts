import {
  AT_RISK_STATUS,
  BEFORE_FIRST_SCAN,
  ErrorCode,
  isValidDateOnly,
  LIMITS,
  riskCutoffs,
  type RiskReason,
  TRACKING_EXPIRY_DAYS,
  TrackingStatus,
} from '@ft/shared';
import { addDays, parseISO } from 'date-fns';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { type Cursor, decodeCursor, encodeCursor, pageSize } from './connection.js';
import { badInput } from './errors.js';
import type { DateRange, FulfillmentFilter, OrderFilter, OrderSort } from './filter.inputs.js';
import { searchConditions } from '../orders/order-search.js';
import { fromGlobalId, type NodeType } from './ids.js';
import { userError, type UserError } from './user-error.js';

/**
 * Filter and keyset-pagination SQL shared by the orders grid, the fulfillments
 * grid, exports and bulk actions "by filter": one meaning of a filter everywhere.
 */

export function validateFilter(
  filter: OrderFilter | FulfillmentFilter | null | undefined,
  prefix: string[],
): UserError[] {
  const errors: UserError[] = [];
  if (!filter) return errors;
  if ('order' in filter && filter.order) errors.push(...validateFilter(filter.order, [...prefix, 'order']));
  if (filter.search && filter.search.length > LIMITS.searchMax) {
    errors.push(
      userError(ErrorCode.TOO_LONG, [...prefix, 'search'], 'searchTooLong', { max: LIMITS.searchMax }),
    );
  }
  for (const key of ['placed', 'shipped'] as const) {
    for (const end of ['from', 'to'] as const) {
      const value = filter[key]?.[end];
      if (value != null && !isValidDateOnly(value)) {
        errors.push(userError(ErrorCode.INVALID_DATE, [...prefix, key, end], 'filterNotADate', { value }));
      }
    }
  }
  return errors;
}

const likeEscape = (text: string) => text.replace(/[!%_]/g, (c) => `!${c}`);
let paramSeq = 0;
const p = (name: string) => `${name}_${++paramSeq}`;

const ids = (type: NodeType, globalIds: readonly string[]) =>
  globalIds.map((g) => fromGlobalId(type, g) ?? -1);

function dateRange<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  column: string,
  range: DateRange | null | undefined,
  asInstant: boolean,
) {
  if (range?.from) {
    const k = p('from');
    qb.andWhere(`${column} >= :${k}`, { [k]: asInstant ? parseISO(`${range.from}T00:00:00Z`) : range.from });
  }
  if (range?.to) {
    const k = p('to');
    qb.andWhere(asInstant ? `${column} < :${k}` : `${column} <= :${k}`, {
      [k]: asInstant ? addDays(parseISO(`${range.to}T00:00:00Z`), 1) : range.to,
    });
  }
}

/**
 * "At risk for any of these reasons" on one line (alias `f`), as shared/src/risk.ts defines the reasons.
 * The cut-offs are instants and dates worked out here, so the SQL is plain comparisons on indexed columns.
 */
function riskCondition(
  reasons: readonly RiskReason[],
  f: string,
  now = new Date(),
): { sql: string; params: Record<string, unknown> } {
  const cut = riskCutoffs(now);
  const [status, delivered, expiry] = [p('rstatus'), p('rdelivered'), p('rexpiry')];
  const params: Record<string, unknown> = {
    [status]: AT_RISK_STATUS,
    [delivered]: TrackingStatus.DELIVERED,
    [expiry]: new Date(now.getTime() - TRACKING_EXPIRY_DAYS * 86_400_000),
  };
  /** The line does not read EXPIRED yet (tracking-status.ts), so its stored status is the one it shows. */
  const notExpired = `${f}.updated_at >= :${expiry}`;
  const any = [...new Set(reasons)].map((reason) => {
    const k = p('risk');
    switch (reason) {
      case 'NO_FIRST_SCAN': {
        const shipped = p('rshipped');
        params[k] = BEFORE_FIRST_SCAN;
        params[shipped] = cut.firstScanShippedBefore;
        return `(${f}.tracking_status IN (:...${k}) AND ${f}.shipped_on < :${shipped} AND ${notExpired})`;
      }
      case 'NO_PROGRESS':
        params[k] = cut.noNewsSince;
        return `${f}.updated_at < :${k}`;
      case 'EXCEPTION':
      case 'FAILED_ATTEMPT':
        params[k] = reason;
        return `(${f}.tracking_status = :${k} AND ${notExpired})`;
      case 'LATE':
        params[k] = cut.lateShippedBefore;
        return `${f}.shipped_on < :${k}`;
    }
  });
  return {
    sql: `(${f}.status = :${status} AND ${f}.tracking_status <> :${delivered} AND (${any.join(' OR ')}))`,
    params,
  };
}

/** Conditions on one fulfillment row (alias `f`), used directly and inside EXISTS for orders. */
function fulfillmentConditions(
  filter: OrderFilter | FulfillmentFilter,
  statuses: readonly string[] | null | undefined,
  f: string,
): { sql: string[]; params: Record<string, unknown> } {
  const sql: string[] = [];
  const params: Record<string, unknown> = {};
  if (statuses?.length) {
    const k = p('fstatus');
    sql.push(`${f}.status IN (:...${k})`);
    params[k] = statuses;
  }
  if (filter.carrierCodes?.length) {
    const k = p('carrier');
    sql.push(`${f}.carrier_code IN (:...${k})`);
    params[k] = filter.carrierCodes;
  }
  if (filter.risk?.length) {
    const risk = riskCondition(filter.risk, f);
    sql.push(risk.sql);
    Object.assign(params, risk.params);
  }
  if (filter.shipped?.from) {
    const k = p('sfrom');
    sql.push(`${f}.shipped_on >= :${k}`);
    params[k] = filter.shipped.from;
  }
  if (filter.shipped?.to) {
    const k = p('sto');
    sql.push(`${f}.shipped_on <= :${k}`);
    params[k] = filter.shipped.to;
  }
  return { sql, params };
}

/**
 * How a search finds its orders: `index` collects the matches from the trigram index (a rare search),
 * `walk` checks the orders one by one in the page's order until the page is full (a common search, whose
 * matches would otherwise all be collected and sorted for a page of 50; see `isCommonSearch`).
 */
export type SearchPlan = 'index' | 'walk';

/**
 * Whether a common search may walk the orders: not when the filter also asks about the order's lines, which
 * is checked per order too, so that a walk meeting few orders that pass both would read the whole table.
 */
export function searchMayWalk(filter: OrderFilter): boolean {
  return (
    fulfillmentConditions(filter, filter.fulfillmentStatuses, 'ff').sql.length === 0 &&
    filter.hasTracking == null
  );
}

/**
 * The partners a search reads its matches for from the index: the caller's own (the scope's partner, which the
 * caller passes), else the ones the filter names, else every partner (null). One partner's big catalogue then
 * costs another's search nothing; the scope, not this, keeps other partners' rows out.
 */
export function searchPartners(
  filter: { partnerIds?: string[] | null },
  scopePartnerId: number | null,
): number[] | null {
  if (scopePartnerId !== null) return [scopePartnerId];
  return filter.partnerIds?.length ? ids('Partner', filter.partnerIds) : null;
}

export function applyOrderFilter<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  filter: OrderFilter | null | undefined,
  o = 'o',
  plan: SearchPlan = 'index',
  scopePartnerId: number | null = null,
): void {
  if (!filter) return;
  const search = filter.search?.trim();
  if (search) {
    const { orders, orderCheck } = searchConditions(search, searchPartners(filter, scopePartnerId));
    const check = plan === 'walk' ? orderCheck(o) : null;
    if (check) {
      qb.andWhere(check.sql, check.params);
    } else if (orders) {
      qb.andWhere(`${o}.id IN ${orders.sql}`, orders.params);
    } else {
      const prefix = p('q');
      qb.andWhere(
        `(${o}.reference LIKE :${prefix} ESCAPE '!' OR ${o}.customer_email LIKE :${prefix} ESCAPE '!')`,
        {
          [prefix]: `${likeEscape(search)}%`,
        },
      );
    }
  }
  if (filter.statuses?.length) {
    const k = p('status');
    qb.andWhere(`${o}.status IN (:...${k})`, { [k]: filter.statuses });
  }
  if (filter.partnerIds?.length) {
    const k = p('partner');
    qb.andWhere(`${o}.partner_id IN (:...${k})`, { [k]: ids('Partner', filter.partnerIds) });
  }
  dateRange(qb, `${o}.placed_at`, filter.placed, true);
  // "Has a line that …" as a correlated lookup with LIMIT 1, not EXISTS: MariaDB turns EXISTS into a
  // semi-join that materialises every matching line (85 ms at 100k orders) instead of walking the
  // placed-date index and stopping at the first page (under 1 ms).
  const inner = fulfillmentConditions(filter, filter.fulfillmentStatuses, 'ff');
  if (inner.sql.length) {
    qb.andWhere(
      `(SELECT 1 FROM fulfillment ff WHERE ff.order_id = ${o}.id AND ${inner.sql.join(' AND ')} LIMIT 1) IS NOT NULL`,
      inner.params,
    );
  }
  if (filter.hasTracking != null) {
    qb.andWhere(
      `(SELECT 1 FROM fulfillment ft WHERE ft.order_id = ${o}.id AND ft.tracking_number IS NOT NULL LIMIT 1) IS ${filter.hasTracking ? 'NOT ' : ''}NULL`,
    );
  }
}

/** Whether a common search may walk the lines: not with a filter on their orders or an unindexed one on them. */
export function lineSearchMayWalk(filter: FulfillmentFilter): boolean {
  return (
    !filter.order && fulfillmentConditions(filter, null, 'f').sql.length === 0 && filter.hasTracking == null
  );
}

export function applyFulfillmentFilter<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  filter: FulfillmentFilter | null | undefined,
  f = 'f',
  plan: SearchPlan = 'index',
  scopePartnerId: number | null = null,
): void {
  if (!filter) return;
  const search = filter.search?.trim();
  if (search) {
    const partners = searchPartners(filter, scopePartnerId);
    const { orders, textLike, trackingLike } = searchConditions(search, partners);
    const [exact, text, tracking, own] = [p('q'), p('q'), p('q'), p('q')];
    const ownLines = (alias: string) => (partners ? ` AND ${alias}.partner_id IN (:...${own})` : '');
    if (partners) qb.setParameter(own, partners);
    const exactly = [`${f}.sku = :${exact}`, `${f}.client_fulfillment_id = :${exact}`];
    qb.setParameter(exact, search);
    if (orders && plan === 'walk') {
      // Line by line in the page's order: its order's text (a lookup that stops at the order), or its own
      // tracking number, which the order's index text holds folded.
      const any = [
        ...exactly,
        `(SELECT 1 FROM order_search s2 WHERE s2.order_id = ${f}.order_id AND s2.text LIKE :${text} ESCAPE '!' LIMIT 1) IS NOT NULL`,
      ];
      if (trackingLike) any.push(`${f}.tracking_number LIKE :${tracking} ESCAPE '!'`);
      qb.andWhere(`(${any.join(' OR ')})`)
        .setParameter(text, textLike)
        .setParameter(tracking, trackingLike);
    } else if (orders) {
      // One set of line ids the database builds once, each part from an index: the exact SKU, the exact client
      // id, and the lines of the orders found whose order text matches or whose own tracking number does. As
      // an OR beside the line's own columns, the orders found were looked up line by line through every line.
      const itsOwn = [
        `EXISTS (SELECT 1 FROM order_search s2 WHERE s2.order_id = fo.order_id AND s2.text LIKE :${text} ESCAPE '!')`,
      ];
      if (trackingLike) itsOwn.push(`fo.tracking_number LIKE :${tracking} ESCAPE '!'`);
      // The orders found as a table of their own (DISTINCT keeps it from being merged): MariaDB otherwise joined
      // every line of each candidate of the rarest trigram before the other trigrams had ruled it out.
      const matching = [
        `SELECT fs.id FROM fulfillment fs WHERE fs.sku = :${exact}${ownLines('fs')}`,
        `SELECT fc.id FROM fulfillment fc WHERE fc.client_fulfillment_id = :${exact}${ownLines('fc')}`,
        `SELECT fo.id FROM (SELECT DISTINCT found.order_id FROM ${orders.sql} found) found` +
          ` JOIN fulfillment fo ON fo.order_id = found.order_id WHERE ${itsOwn.join(' OR ')}`,
      ];
      qb.andWhere(`${f}.id IN (SELECT m.id FROM (${matching.join(' UNION ')}) m)`)
        .setParameters(orders.params)
        .setParameter(text, textLike)
        .setParameter(tracking, trackingLike);
    } else {
      const prefix = p('q');
      const any = [
        ...exactly,
        `${f}.order_reference LIKE :${prefix} ESCAPE '!'`,
        `EXISTS (SELECT 1 FROM orders os WHERE os.id = ${f}.order_id AND os.customer_email LIKE :${prefix} ESCAPE '!')`,
      ];
      qb.andWhere(`(${any.join(' OR ')})`).setParameter(prefix, `${likeEscape(search)}%`);
    }
  }
  if (filter.orderIds?.length) {
    const k = p('order');
    qb.andWhere(`${f}.order_id IN (:...${k})`, { [k]: ids('Order', filter.orderIds) });
  }
  if (filter.order) {
    const orders = qb.subQuery().select('o2.id').from('orders', 'o2').where('1 = 1');
    applyOrderFilter(orders, filter.order, 'o2', 'index', scopePartnerId);
    qb.andWhere(`${f}.order_id IN ${orders.getQuery()}`).setParameters(orders.getParameters());
  }
  if (filter.partnerIds?.length) {
    const k = p('partner');
    qb.andWhere(`${f}.partner_id IN (:...${k})`, { [k]: ids('Partner', filter.partnerIds) });
  }
  const own = fulfillmentConditions(filter, filter.statuses, f);
  for (const cond of own.sql) qb.andWhere(cond);
  qb.setParameters(own.params);
  if (filter.hasTracking != null)
    qb.andWhere(`${f}.tracking_number IS ${filter.hasTracking ? 'NOT ' : ''}NULL`);
  dateRange(qb, `${f}.placed_at`, filter.placed, true);
}

/** A page of a grid as its query asked for it, checked: how many rows, which filter, after which row. */
export interface PageArgs<F> {
  filter: F | null;
  sort: OrderSort | null;
  first: number;
  after: Cursor | null;
}

const sortKeyOf = (sort: OrderSort | null | undefined) =>
  `${sort?.field ?? 'PLACED_AT'}:${sort?.direction === 'ASC' ? 'ASC' : 'DESC'}`;

/**
 * A grid query's arguments checked, in the order the client learns of its mistakes: the page size, the
 * filter, the cursor. A query has no userErrors, so each mistake is a top-level error with its code.
 */
export function pageArgs<F extends OrderFilter | FulfillmentFilter>(args: {
  filter?: F | null;
  sort?: OrderSort | null;
  first?: number | null;
  after?: string | null;
}): PageArgs<F> {
  const first = pageSize(args.first);
  const errors = validateFilter(args.filter, ['filter']);
  if (errors.length) throw badInput(errors.map((e) => e.message).join('; '), errors[0]!.code);
  return {
    filter: args.filter ?? null,
    sort: args.sort ?? null,
    first,
    after: args.after ? decodeCursor(args.after, sortKeyOf(args.sort)) : null,
  };
}

/**
 * Keyset pagination on (sort column, id): `col < v OR (col = v AND id < id0)`,
 * the split form MySQL/MariaDB can serve from the composite index.
 */
export async function keysetPage<T extends ObjectLiteral & { id: number; placedAt: Date }>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  page: PageArgs<unknown>,
  referenceOf: (row: T) => string,
): Promise<{ rows: T[]; cursors: string[]; hasNextPage: boolean }> {
  const { sort, first, after: cursor } = page;
  const field = sort?.field ?? 'PLACED_AT';
  const dir = sort?.direction === 'ASC' ? 'ASC' : 'DESC';
  const sortKey = sortKeyOf(sort);
  const column =
    field === 'REFERENCE'
      ? `${alias}.${alias === 'o' ? 'reference' : 'order_reference'}`
      : `${alias}.placed_at`;
  const valueOf = (row: T) => (field === 'REFERENCE' ? referenceOf(row) : row.placedAt.toISOString());
  if (cursor) {
    const op = dir === 'DESC' ? '<' : '>';
    const value = field === 'REFERENCE' ? cursor.value : new Date(cursor.value ?? 0);
    qb.andWhere(
      `(${column} ${op} :cursorValue OR (${column} = :cursorValue AND ${alias}.id ${op} :cursorId))`,
      {
        cursorValue: value,
        cursorId: cursor.id,
      },
    );
  }
  qb.orderBy(column, dir)
    .addOrderBy(`${alias}.id`, dir)
    .take(undefined)
    .limit(first + 1);
  const found = await qb.getMany();
  const rows = found.slice(0, first);
  return {
    rows,
    cursors: rows.map((row) => encodeCursor({ sort: sortKey, value: valueOf(row), id: row.id })),
    hasNextPage: found.length > first,
  };
}
