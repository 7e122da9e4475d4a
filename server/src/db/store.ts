import type { FulfillmentStatus, OrderStatus } from '@ft/shared';
import type { DataSource, EntityManager } from 'typeorm';
import type { FulfillmentEntity } from '../fulfillments/fulfillment.entity.js';
import { isGalera, isMysql } from './data-source.js';
import { GaleraStore, MysqlStore } from './mysql-store.js';
import { SqliteStore } from './sqlite-store.js';

/** What ended a subscription: a bulk action, an import, or (both null) a single change. */
export interface CancelledBy {
  bulkActionId: number | null;
  importId: number | null;
}

/** The columns a change reads and may write (property names of FulfillmentEntity). */
export type LineColumn = keyof FulfillmentEntity & string;
/** The columns lines are looked up by. */
export type LineKey = 'id' | 'order_reference' | 'client_fulfillment_id';

export interface LineRead {
  column: LineKey;
  values: readonly (number | string)[];
  /** Every partner the lines must belong to (the caller's scope and any narrower choice). */
  partnerIds: readonly number[];
  /** Lock the lines for this transaction. */
  lock: boolean;
}

export interface LineUpdate {
  rows: readonly FulfillmentEntity[];
  /** What each row writes, by id; a column any row sets is written for every row (its own value if unpatched). */
  patches: ReadonlyMap<number, Partial<FulfillmentEntity>>;
  /** Columns every row sets alike (status, updatedAt). */
  fixed: Partial<FulfillmentEntity>;
  /** Refuse rows whose version moved on (a single-line change with optimistic concurrency). */
  expectVersion: number | null;
}

/**
 * Everything the change pipeline reads and writes that a database engine does differently, behind one
 * interface with one implementation per engine (mysql-store.ts, sqlite-store.ts). Domain code never asks
 * which engine it runs on; the chunk sizes, index hints and literal-writing each engine needs live in its
 * file, with their reasons.
 */
export interface Store {
  /** Many rows into `table`; `ignoreDuplicates` skips rows that break a unique key, and only those. */
  insertRows(
    on: EntityManager | DataSource,
    table: string,
    columns: string[],
    rows: unknown[][],
    options?: { ignoreDuplicates?: boolean },
  ): Promise<void>;
  /** The lines whose `column` is one of `values` (any number of them), with `columns` hydrated. */
  readLines(em: EntityManager, read: LineRead, columns: readonly LineColumn[]): Promise<FulfillmentEntity[]>;
  /** Writes the rows' patches, status and version + 1; the number of rows written. */
  updateLines(em: EntityManager, update: LineUpdate): Promise<number>;
  /**
   * The status of every line of these orders as committed, for settling them: lines of `own` (changed and
   * locked by this transaction) as written, every other line read so that a concurrent change to it is seen.
   */
  lineStatuses(
    em: EntityManager,
    orderIds: readonly number[],
    own: ReadonlySet<number>,
  ): Promise<{ orderId: number; status: FulfillmentStatus }[]>;
  /**
   * Writes the status of these orders and bumps their revision. On a multi-primary cluster, which certifies
   * only rows a transaction wrote, every one is written, changed or not: otherwise two changes to one order
   * on two nodes would both commit on a stale view of each other's lines.
   */
  settleOrderRows(em: EntityManager, orderIds: readonly number[], status: OrderStatus): Promise<void>;
  /** Cancels the active subscriptions of these orders, naming the bulk action or import that did. */
  cancelActiveSubscriptions(
    em: EntityManager,
    orderIds: readonly number[],
    at: Date,
    by: CancelledBy,
  ): Promise<void>;
  /** Makes active again the subscriptions of these orders that this bulk action or import cancelled. */
  reactivateSubscriptions(em: EntityManager, orderIds: readonly number[], by: CancelledBy): Promise<void>;
  /** The lines of an import among `lines` that are still to be applied (outcome CHANGE, not applied). */
  pendingImportLines(
    on: EntityManager | DataSource,
    importId: number,
    lines: readonly number[],
  ): Promise<number[]>;
  /** Marks these lines of an import applied, locking them; how many were still unapplied. */
  markImportLinesApplied(em: EntityManager, importId: number, lines: readonly number[]): Promise<number>;
  /** The order of each of these lines (a line never moves to another order). */
  ordersOfLines(on: EntityManager | DataSource, lineIds: readonly number[]): Promise<Map<number, number>>;
  /**
   * Transactions an import's apply runs side by side on one batch, each owning whole orders; inserts of
   * preview verdicts kept in flight at once; the rows one apply transaction writes.
   */
  readonly concurrency: { applyLanes: number; verdictWrites: number; applyBatchRows: number };
  /**
   * Outbox messages of one kind that are due (pending and due, or claimed and expired), oldest due first,
   * leaving out these partners' and rows another worker's claim holds; for update.
   */
  dueOutboxMessages(
    em: EntityManager,
    query: { kind: 'EMAIL' | 'WEBHOOK'; now: string; excludePartners: readonly number[]; limit: number },
  ): Promise<{ id: number; partnerId: number | null }[]>;
  /** Serialises claims and endpoint creations for these partners until this transaction ends (on every node). */
  lockPartnerRows(em: EntityManager, partnerIds: readonly number[]): Promise<void>;
  /** SQL expressions of a line's placed time (ISO-8601 UTC) and shipped date (YYYY-MM-DD) as text, alias `f`. */
  readonly exportDates: { placed: string; shipped: string };
}

/**
 * An outbox message of one kind that is due: pending and due, or claimed and the claim expired. The
 * claim's SELECT (in each store) and its UPDATE (in the worker) both test exactly this.
 */
export const OUTBOX_DUE =
  "kind = ? AND ((status = 'PENDING' AND next_attempt_at <= ?) OR (status = 'SENDING' AND locked_until < ?))";
export const outboxDueParams = (kind: 'EMAIL' | 'WEBHOOK', now: string) => [kind, now, now];

const stores = new WeakMap<DataSource, Store>();

/** The store of the engine `on` runs on. */
export function storeOf(on: DataSource | EntityManager): Store {
  const ds = 'manager' in on ? on : on.connection;
  let store = stores.get(ds);
  if (!store) {
    store = isGalera(ds) ? new GaleraStore() : isMysql(ds) ? new MysqlStore() : new SqliteStore();
    stores.set(ds, store);
  }
  return store;
}
