import {
  ACTIVE_FULFILLMENT_STATUSES,
  canTransition,
  deriveOrderStatus,
  FulfillmentStatus,
  type Channel,
  type FulfillmentStatus as Status,
} from '@ft/shared';
import { In, type EntityManager } from 'typeorm';
import type { RequestContext } from '../auth/context.js';
import { scopedPartnerId } from '../auth/scope.js';
import { chunks } from '../db/transaction.js';
import { isMysql } from '../db/data-source.js';
import { dbDateTime, idList, inList, insertRows, sqlLiteral } from '../db/sql.js';
import { enqueue, memberShippedKey, windowDigestDraft } from '../notifications/outbox.js';
import { enqueueWebhooks } from '../notifications/webhooks.js';
import { OutboxMessageEntity } from '../notifications/outbox.entity.js';
import { FulfillmentEntity } from './fulfillment.entity.js';

/** The columns a change may write besides status and version. */
export type FulfillmentPatch = Partial<
  Pick<
    FulfillmentEntity,
    | 'shippedOn'
    | 'trackingNumber'
    | 'carrierCode'
    | 'carrierName'
    | 'trackingUrl'
    | 'shippingMethod'
    | 'trackingStatus'
    | 'extraPackages'
    | 'notShippingReason'
    | 'rmaNumber'
  >
>;

export interface ChangeSpec {
  /** The status the rows move to; rows already there get a same-status change (e.g. a tracking correction). */
  to: Status;
  /** One patch for every row, or one per row (an import: each row its own tracking). */
  patch: FulfillmentPatch | ((row: FulfillmentEntity) => FulfillmentPatch);
  eventType: string;
  channel?: Channel;
  bulkActionId?: number | null;
  importId?: number | null;
  /** Optimistic concurrency for a single-row change: refuse if the row moved on. */
  expectVersion?: number | null;
  /** false: no member email for this change. */
  notifyCustomer?: boolean;
  /**
   * Undo of a bulk action: puts rows back to the status they had, which the
   * state table need not allow as a forward step (SHIPPED → HOLD). Only
   * `undoBulkAction` sets it, after checking nothing changed since.
   */
  restore?: boolean;
}

export class StaleVersionError extends Error {}

/** What a caller must read (and lock) for applyChange: enough to diff, record history and tell webhooks. */
export const CHANGE_COLUMNS = [
  'f.id',
  'f.orderId',
  'f.partnerId',
  'f.orderReference',
  'f.sku',
  'f.clientFulfillmentId',
  'f.status',
  'f.trackingNumber',
  'f.carrierCode',
  'f.carrierName',
  'f.trackingUrl',
  'f.shippingMethod',
  'f.shippedOn',
  'f.rmaNumber',
  'f.notShippingReason',
  'f.version',
  'f.trackingStatus',
  'f.extraPackages',
];

/**
 * The CHANGE_COLUMNS of the lines whose `column` is one of `values`, in the caller's scope (a partner sees only its
 * own; `partnerId` narrows further), read in plain SQL and hydrated column by column as TypeORM would. An import reads
 * 100,000 lines: TypeORM's entity transformer, and mysql2 scanning a statement of 2,000 `?` for each value, were a
 * sixth of the preview's CPU. The index is named: MariaDB turns a long IN list into a joined table, and then
 * sometimes scanned every line of the partner instead (102,000 rows read for 1,000 found, 16 times the time).
 */
export async function readChangeRows(
  ctx: RequestContext,
  em: EntityManager,
  where: {
    column: 'id' | 'order_reference' | 'client_fulfillment_id';
    values: readonly (number | string)[];
    partnerId?: number | null;
    lock?: boolean;
  },
): Promise<FulfillmentEntity[]> {
  if (where.values.length === 0) return [];
  const mysql = isMysql(em.connection);
  const driver = em.connection.driver;
  const columns = CHANGE_COLUMNS.map((c) =>
    em.connection.getMetadata(FulfillmentEntity).findColumnWithPropertyName(c.slice(2))!,
  );
  const list = inList(em, where.values);
  const conditions = [`f.${where.column} IN (${list.list})`];
  for (const partnerId of new Set([scopedPartnerId(ctx), where.partnerId ?? null]))
    if (partnerId !== null) conditions.push(`f.partner_id = ${idList([partnerId])}`);
  const index = {
    id: 'PRIMARY',
    order_reference: 'ix_fulfillment_reference',
    client_fulfillment_id: 'ix_fulfillment_client_id',
  }[where.column];
  const sql =
    `SELECT ${columns.map((c) => `f.${c.databaseName}`).join(', ')} FROM fulfillment f${mysql ? ` USE INDEX (${index})` : ''}` +
    ` WHERE ${conditions.join(' AND ')}${mysql && where.lock ? ' FOR UPDATE' : ''}`;
  const raws: Record<string, unknown>[] = await em.query(sql, list.params.length ? list.params : undefined);
  return raws.map((raw) => {
    const row = Object.create(FulfillmentEntity.prototype) as Record<string, unknown>;
    for (const c of columns) row[c.propertyName] = driver.prepareHydratedValue(raw[c.databaseName], c);
    return row as unknown as FulfillmentEntity;
  });
}

/**
 * Every status a fulfillment ever gets is assigned here, for one row or ten
 * thousand, in set-based SQL inside the caller's transaction: the update, the
 * history events, the member emails, order statuses and subscriptions.
 * Callers pass rows they read (and locked) in the same transaction and have
 * already checked with `canTransition`; this re-checks so no path can skip it.
 */
export async function applyChange(
  em: EntityManager,
  ctx: RequestContext,
  rows: FulfillmentEntity[],
  spec: ChangeSpec,
): Promise<void> {
  if (rows.length === 0) return;
  for (const row of rows) {
    // Same status is an edit (tracking, carrier status), not a move in the state table.
    if (!spec.restore && row.status !== spec.to && !canTransition(row.status as Status, spec.to)) {
      throw new Error(`Bug: ${row.status} → ${spec.to} reached applyChange`);
    }
  }
  const now = new Date();
  const viewer = ctx.viewer!;
  const patchOf = typeof spec.patch === 'function' ? spec.patch : () => spec.patch as FulfillmentPatch;
  const patches = new Map(rows.map((row) => [row.id, patchOf(row)]));
  // One statement at a time, each after the previous succeeded: on MySQL a deadlock rolls the transaction back at
  // once, and statements already queued behind it on the connection would then commit on their own.
  for (const part of chunks(rows, 2000)) {
    const affected = await updateChunk(
      em,
      part,
      patches,
      { status: spec.to, updatedAt: now },
      spec.expectVersion ?? null,
    );
    if (affected !== part.length) throw new StaleVersionError('The fulfillment changed since it was read');
  }
  const at = dbDateTime(now);
  await insertRows(
    em,
    'fulfillment_event',
    [
      'fulfillment_id',
      'order_id',
      'at',
      'type',
      'channel',
      'actor',
      'from_status',
      'to_status',
      'changes',
      'bulk_action_id',
      'import_id',
    ],
    rows.map((row) => {
      const changes = diff(row, patches.get(row.id)!);
      return [
        row.id,
        row.orderId,
        at,
        spec.eventType,
        spec.channel ?? viewer.channel,
        viewer.actor,
        row.status,
        spec.to,
        changes ? JSON.stringify(changes) : null,
        spec.bulkActionId ?? null,
        spec.importId ?? null,
      ];
    }),
  );
  if (spec.to === FulfillmentStatus.SHIPPED && spec.notifyCustomer !== false) {
    await enqueue(
      em,
      rows.map((row) => ({
        kind: 'EMAIL' as const,
        topic: 'member.shipped',
        dedupeKey: memberShippedKey(row.id),
        payload: { fulfillmentId: row.id, orderId: row.orderId },
        partnerId: row.partnerId,
      })),
    );
  }
  // Digests list shipments and tracking corrections; a carrier scan on a shipped line is neither.
  const shipping =
    spec.to === FulfillmentStatus.SHIPPED &&
    !spec.restore &&
    (spec.eventType === 'SHIPPED' || spec.eventType === 'TRACKING_UPDATED');
  if (shipping && spec.bulkActionId == null && spec.importId == null) {
    // Bulk actions and imports queue one digest for the whole batch themselves.
    const windowMinutes = ctx.config.digestWindowMinutes;
    await enqueue(
      em,
      [...new Set(rows.map((r) => r.partnerId))].map((partnerId) =>
        windowDigestDraft(partnerId, now, windowMinutes),
      ),
    );
  }

  if (spec.restore) {
    // An email not yet sent for a shipment that is being undone must not go out.
    const unshipped = rows.filter(
      (r) => r.status === FulfillmentStatus.SHIPPED && spec.to !== FulfillmentStatus.SHIPPED,
    );
    for (const part of chunks(unshipped)) {
      await em
        .createQueryBuilder()
        .delete()
        .from(OutboxMessageEntity)
        .where({ dedupeKey: In(part.map((r) => memberShippedKey(r.id))), status: 'PENDING' })
        .execute();
    }
  }

  await settleOrders(
    em,
    [...new Set(rows.map((r) => r.orderId))],
    new Set(rows.map((r) => r.id)),
    spec.to === FulfillmentStatus.CANCELLED,
    now,
  );
  const before = new Map(rows.map((r) => [r.id, r.status]));
  for (const row of rows) {
    Object.assign(row, patches.get(row.id), { status: spec.to, version: row.version + 1, updatedAt: now });
  }
  await enqueueWebhooks(em, rows, before, spec.channel ?? viewer.channel, now);
}

/**
 * One UPDATE for up to 2,000 rows. A column every row sets alike is one
 * value; columns that differ per row (each row its own tracking number)
 * come from a derived table of (id, values…) joined on id. A `CASE id WHEN …`
 * per column did the same but is evaluated row by row against every WHEN, so
 * its cost grew with the square of the chunk. Plain SQL: the query builder's
 * parameter bookkeeping costs more than the database does at this size.
 */
async function updateChunk(
  em: EntityManager,
  part: FulfillmentEntity[],
  patches: Map<number, FulfillmentPatch>,
  fixed: Partial<FulfillmentEntity>,
  expectVersion: number | null,
): Promise<number> {
  const driver = em.connection.driver;
  const metadata = em.connection.getMetadata(FulfillmentEntity);
  const column = (key: string) => metadata.findColumnWithPropertyName(key)!;
  // Columns every row sets alike: one value each.
  const same: { name: string; value: unknown }[] = [];
  const perRow: { name: string; values: unknown[] }[] = [];
  const keys = new Set(part.flatMap((row) => Object.keys(patches.get(row.id)!)));
  for (const key of keys as Set<keyof FulfillmentPatch>) {
    const meta = column(key);
    const values = part.map((row) => {
      const patch = patches.get(row.id)!;
      return driver.preparePersistentValue(key in patch ? patch[key] : row[key], meta);
    });
    const name = driver.escape(meta.databaseName);
    if (
      values.every(
        (v) =>
          v === values[0] ||
          (v instanceof Date && values[0] instanceof Date && v.getTime() === values[0].getTime()),
      )
    ) {
      same.push({ name, value: values[0] });
    } else {
      perRow.push({ name, values });
    }
  }
  for (const [key, value] of Object.entries(fixed))
    same.push({
      name: driver.escape(column(key).databaseName),
      value: driver.preparePersistentValue(value, column(key)),
    });
  if (!em.queryRunner) throw new Error('Bug: fulfillment changes must run inside a transaction');
  const sets = same.map((c) => `${c.name} = ?`);
  const setParams = same.map((c) => c.value);
  const versionCheck = expectVersion === null ? '' : ' AND fulfillment.version = ?';
  const versionParams = expectVersion === null ? [] : [expectVersion];
  let sql: string;
  let params: unknown[] | undefined;
  if (perRow.length === 0) {
    const inIds = inList(
      em,
      part.map((r) => r.id),
    );
    sql = `UPDATE fulfillment SET ${[...sets, 'version = version + 1'].join(', ')} WHERE id IN (${inIds.list})${versionCheck}`;
    params = [...setParams, ...inIds.params, ...versionParams];
  } else if (isMysql(em.connection)) {
    // Every value is written into the statement (see sqlLiteral), none bound: a tracking URL's `?` inside a literal
    // must never meet a formatter looking for placeholders. The first SELECT names the derived table's columns.
    const literal = (v: unknown) => sqlLiteral(v instanceof Date ? dbDateTime(v) : v);
    const selects = part.map((row, i) =>
      i === 0
        ? `SELECT ${idList([row.id])} AS id, ${perRow.map((c, j) => `${literal(c.values[i])} AS c${j}`).join(', ')}`
        : `SELECT ${idList([row.id])}, ${perRow.map((c) => literal(c.values[i])).join(', ')}`,
    );
    const assignments = [
      ...same.map((c) => `fulfillment.${c.name} = ${literal(c.value)}`),
      ...perRow.map((c, j) => `fulfillment.${c.name} = v.c${j}`),
      'fulfillment.version = fulfillment.version + 1',
    ];
    sql =
      `UPDATE fulfillment JOIN (${selects.join(' UNION ALL ')}) v ON v.id = fulfillment.id SET ${assignments.join(', ')}` +
      (expectVersion === null ? '' : ` WHERE fulfillment.version = ${idList([expectVersion])}`);
    params = undefined; // not even an empty list: mysql2 would still scan the statement for a placeholder
  } else {
    // SQLite names a VALUES table's columns column1, column2, …
    const tuple = `(${['?', ...perRow.map(() => '?')].join(', ')})`;
    sql =
      `UPDATE fulfillment SET ${[...sets, ...perRow.map((c, j) => `${c.name} = v.column${j + 2}`), 'version = fulfillment.version + 1'].join(', ')}` +
      ` FROM (VALUES ${Array(part.length).fill(tuple).join(', ')}) AS v WHERE v.column1 = fulfillment.id${versionCheck}`;
    params = [
      ...setParams,
      ...part.flatMap((row, i) => [row.id, ...perRow.map((c) => c.values[i])]),
      ...versionParams,
    ];
  }
  const result = await em.queryRunner.query(sql, params, true);
  return result.affected ?? part.length;
}

function diff(row: FulfillmentEntity, patch: FulfillmentPatch): Record<string, [unknown, unknown]> | null {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [key, value] of Object.entries(patch)) {
    const before = row[key as keyof FulfillmentEntity] ?? null;
    const after = value ?? null;
    // Most values are strings or null; only objects (extra packages, dates) need comparing by content.
    const same =
      before === after ||
      (typeof before === 'object' &&
        typeof after === 'object' &&
        JSON.stringify(before) === JSON.stringify(after));
    if (!same) changes[key] = [before, after];
  }
  return Object.keys(changes).length ? changes : null;
}

/** Re-derive order status (SPEC §2) after this transaction changed the lines `own`, and, after a cancellation, end subscriptions of orders with nothing left active. */
export async function settleOrders(
  em: EntityManager,
  orderIds: number[],
  own: ReadonlySet<number>,
  cancelSubscriptions: boolean,
  now = new Date(),
): Promise<void> {
  // Fewer orders than MariaDB's in_predicate_conversion_threshold (1,000) at a time: from there it joins the IN list
  // as a table, and on a table being rewritten it then scanned every line for each 2,000 orders, index forced or not
  // (6.2 million rows read to settle an import's 100,000: 27 ms a statement against 3 ms).
  for (const part of chunks(orderIds, 999)) {
    const byOrder = new Map<number, Status[]>(part.map((id) => [id, []]));
    for (const r of await lineStatuses(em, part, own)) byOrder.get(Number(r.order_id))?.push(r.status);

    const byStatus = new Map<string, number[]>();
    const noneActive: number[] = [];
    for (const [orderId, statuses] of byOrder) {
      const status = deriveOrderStatus(statuses);
      const same = byStatus.get(status) ?? [];
      same.push(orderId);
      byStatus.set(status, same);
      if (!statuses.some((s) => ACTIVE_FULFILLMENT_STATUSES.includes(s))) noneActive.push(orderId);
    }
    for (const [status, ids] of byStatus) {
      const inIds = inList(em, ids);
      await em.query(`UPDATE orders SET status = ? WHERE id IN (${inIds.list}) AND status <> ?`, [
        status,
        ...inIds.params,
        status,
      ]);
    }
    if (cancelSubscriptions && noneActive.length) {
      // By primary key, found by a plain read (an order's subscriptions are written with it): an UPDATE through the
      // order index locked the gap after the newest order, and creating an order with subscriptions waited.
      const orders = inList(em, noneActive);
      const ids: { id: number }[] = await em.query(
        `SELECT id FROM continuity_subscription WHERE order_id IN (${orders.list}) AND status = 'ACTIVE'`,
        orders.params,
      );
      for (const part of chunks(
        ids.map((r) => Number(r.id)),
        999,
      )) {
        const subscriptions = inList(em, part);
        await em.query(
          `UPDATE continuity_subscription SET status = 'CANCELLED', cancelled_at = ? WHERE id IN (${subscriptions.list}) AND status = 'ACTIVE'`,
          [dbDateTime(now), ...subscriptions.params],
        );
      }
    }
  }
}

/**
 * The status of every line of these orders (fewer than 1,000), as committed. The lines this transaction changed
 * (`own`, locked) it reads as it wrote them. Any other line of those orders is read again with a lock, by primary key,
 * which waits for a transaction changing it: a plain read saw the snapshot, so two lines of one order shipped at once
 * each saw the other still on hold, and the order stayed OPEN with every line shipped. (Two such transactions may now
 * deadlock; their callers retry.) Not a locking read of the order index: that also locked the gap after the newest
 * order, and creating an order waited for the whole import batch or bulk action. An order's lines are written with it
 * and never leave it, so the plain read of which lines they are is enough.
 */
async function lineStatuses(
  em: EntityManager,
  orderIds: number[],
  own: ReadonlySet<number>,
): Promise<{ order_id: number; status: Status }[]> {
  const mysql = isMysql(em.connection);
  const orders = inList(em, orderIds);
  // Plain SQL: an import settles 100,000 orders, and the query builder's parameter bookkeeping cost more than the query.
  const lines: { id: number; order_id: number; status: Status }[] = await em.query(
    `SELECT id, order_id, status FROM fulfillment${mysql ? ' FORCE INDEX (ix_fulfillment_order)' : ''} WHERE order_id IN (${orders.list})`,
    orders.params,
  );
  const others = lines.filter((l) => !own.has(Number(l.id)));
  if (!mysql || others.length === 0) return lines; // SQLite: one writer at a time, the read is current
  const rows = lines.filter((l) => own.has(Number(l.id)));
  for (const part of chunks(
    others.map((l) => Number(l.id)),
    999,
  )) {
    // The primary key is forced: on a small table MariaDB may prefer a scan, which would lock every line.
    const locked: { id: number; order_id: number; status: Status }[] = await em.query(
      `SELECT id, order_id, status FROM fulfillment FORCE INDEX (PRIMARY) WHERE id IN (${idList(part)}) LOCK IN SHARE MODE`,
    );
    for (const line of locked) rows.push(line); // not push(...locked): a spread passes each row as an argument
  }
  return rows;
}
