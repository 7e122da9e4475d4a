import {
  ACTIVE_FULFILLMENT_STATUSES,
  canTransition,
  deriveOrderStatus,
  effectsOf,
  type Channel,
  FulfillmentStatus,
  type Move,
  type OrderStatus,
  type PlannedLine,
} from '@ft/shared';
import { In } from 'typeorm';
import type { RequestContext } from '../auth/context.js';
import { scopedPartnerId } from '../auth/scope.js';
import { dbDateTime, insertRows } from '../db/sql.js';
import { type LineColumn, type LineKey, storeOf } from '../db/store.js';
import { chunks } from '../db/transaction.js';
import { refreshOrderSearch } from '../orders/order-search.js';
import { OutboxMessageEntity } from '../notifications/outbox.entity.js';
import { enqueue, memberShippedKey, windowDigestDraft } from '../notifications/outbox.js';
import { enqueueWebhooks } from '../notifications/webhooks.js';
import { type FulfillmentEntity } from './fulfillment.entity.js';

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
    | 'lastMileCarrierCode'
    | 'lastMileNumber'
    | 'lastMileUrl'
    | 'notShippingReason'
    | 'rmaNumber'
  >
>;

/** A change of lines: the move the planner chose (status and history event) and what it writes. */
export interface ChangeSpec extends Move {
  /** One patch for every row, or one per row (an import: each row its own tracking). */
  patch: FulfillmentPatch | ((row: FulfillmentEntity) => FulfillmentPatch);
  channel?: Channel;
  bulkActionId?: number | null;
  importId?: number | null;
  /** Optimistic concurrency for a single-row change: refuse if the row moved on. */
  expectVersion?: number | null;
  /** false: no member email for this change. */
  notifyCustomer?: boolean;
}

export class StaleVersionError extends Error {}

/** What a caller must read (and lock) for applyChange: enough to diff, record history and tell webhooks. */
export const CHANGE_COLUMNS: readonly `f.${LineColumn}`[] = [
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
  'f.lastMileCarrierCode',
  'f.lastMileNumber',
  'f.lastMileUrl',
];

/**
 * The CHANGE_COLUMNS of the lines whose `column` is one of `values`, in the caller's scope (a partner sees
 * only its own; `partnerId` narrows further), locked for this transaction when asked.
 */
export async function readChangeRows(
  ctx: RequestContext,
  where: { column: LineKey; values: readonly (number | string)[]; partnerId?: number | null; lock?: boolean },
): Promise<FulfillmentEntity[]> {
  if (where.values.length === 0) return [];
  const partnerIds = [...new Set([scopedPartnerId(ctx), where.partnerId ?? null])].filter(
    (id): id is number => id !== null,
  );
  return storeOf(ctx.em).readLines(
    ctx.em,
    { column: where.column, values: where.values, partnerIds, lock: where.lock ?? false },
    LINE_COLUMNS,
  );
}

const LINE_COLUMNS = CHANGE_COLUMNS.map((c) => c.slice(2) as LineColumn);

/**
 * Every status a fulfillment ever gets is assigned here, for one row or ten
 * thousand, in set-based SQL inside the caller's transaction (`tx`, from
 * `inTransaction`): the update, the history events, the member emails, order
 * statuses and subscriptions. Callers pass rows they read (and locked) in the
 * same transaction and have already checked with `canTransition`; this
 * re-checks so no path can skip it.
 */
export async function applyChange(
  tx: RequestContext,
  rows: FulfillmentEntity[],
  spec: ChangeSpec,
): Promise<void> {
  if (rows.length === 0) return;
  const { em } = tx;
  const restore = spec.eventType === 'UNDONE';
  for (const row of rows) {
    // Same status is an edit (tracking, carrier status), not a move in the state table.
    if (!restore && row.status !== spec.to && !canTransition(row.status, spec.to)) {
      throw new Error(`Bug: ${row.status} → ${spec.to} reached applyChange`);
    }
  }
  const now = new Date();
  const viewer = tx.viewer!;
  const channel = spec.channel ?? viewer.channel;
  const patchOf = typeof spec.patch === 'function' ? spec.patch : () => spec.patch as FulfillmentPatch;
  const patches = new Map(rows.map((row) => [row.id, patchOf(row)]));
  const store = storeOf(em);
  const written = await store.updateLines(em, {
    rows,
    patches,
    fixed: { status: spec.to, updatedAt: now },
    expectVersion: spec.expectVersion ?? null,
  });
  if (written !== rows.length) throw new StaleVersionError('The fulfillment changed since it was read');
  const retracked = rows.filter((row) => {
    const patch = patches.get(row.id)!;
    return 'trackingNumber' in patch && (patch.trackingNumber ?? null) !== (row.trackingNumber ?? null);
  });
  if (retracked.length) await refreshOrderSearch(em, [...new Set(retracked.map((r) => r.orderId))]);

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
        channel,
        viewer.actor,
        row.status,
        spec.to,
        changes ? JSON.stringify(changes) : null,
        spec.bulkActionId ?? null,
        spec.importId ?? null,
      ];
    }),
  );

  const emailed: FulfillmentEntity[] = [];
  const withdrawn: FulfillmentEntity[] = [];
  const digestPartners = new Set<number>();
  for (const row of rows) {
    const effects = effectsOf(row.status, spec, { notifyCustomer: spec.notifyCustomer });
    if (effects.memberEmail) emailed.push(row);
    if (effects.withdrawMemberEmail) withdrawn.push(row);
    if (effects.digest) digestPartners.add(row.partnerId);
  }
  if (emailed.length) {
    await enqueue(
      em,
      emailed.map((row) => ({
        kind: 'EMAIL' as const,
        topic: 'member.shipped',
        dedupeKey: memberShippedKey(row.id),
        payload: { fulfillmentId: row.id, orderId: row.orderId },
        partnerId: row.partnerId,
      })),
    );
  }
  // Bulk actions and imports queue one digest for the whole batch themselves.
  if (digestPartners.size && spec.bulkActionId == null && spec.importId == null) {
    const windowMinutes = tx.config.digestWindowMinutes;
    await enqueue(
      em,
      [...digestPartners].map((partnerId) => windowDigestDraft(partnerId, now, windowMinutes)),
    );
  }
  for (const part of chunks(withdrawn)) {
    await em
      .createQueryBuilder()
      .delete()
      .from(OutboxMessageEntity)
      .where({ dedupeKey: In(part.map((r) => memberShippedKey(r.id))), status: 'PENDING' })
      .execute();
  }

  await settleOrders(tx, rows, spec, now);
  const before = new Map(rows.map((r) => [r.id, r.status]));
  for (const row of rows) {
    Object.assign(row, patches.get(row.id), { status: spec.to, version: row.version + 1, updatedAt: now });
  }
  await enqueueWebhooks(em, rows, before, channel, now);
}

/** Writes a plan's moves: one applyChange for each distinct move (status and history event) among them. */
export async function applyMoves(
  tx: RequestContext,
  moves: readonly PlannedLine<FulfillmentEntity>[],
  spec: Omit<ChangeSpec, keyof Move>,
): Promise<void> {
  const groups = new Map<string, { move: Move; rows: FulfillmentEntity[] }>();
  for (const { row, move } of moves) {
    const key = `${move.to} ${move.eventType}`;
    const group = groups.get(key) ?? { move, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  for (const { move, rows } of groups.values()) await applyChange(tx, rows, { ...spec, ...move });
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

/**
 * Re-derives the status of the orders of `rows` (as read, before this change) after `spec` changed them. A
 * cancellation ends the subscriptions of orders with no line left active; the undo of a bulk action or an
 * import that cancelled lines brings back the subscriptions it ended, on orders with an active line again.
 */
async function settleOrders(
  tx: RequestContext,
  rows: readonly FulfillmentEntity[],
  spec: ChangeSpec,
  now: Date,
): Promise<void> {
  const { em } = tx;
  const orderIds = [...new Set(rows.map((r) => r.orderId))];
  const own = new Set(rows.map((r) => r.id));
  const store = storeOf(em);
  const byOrder = new Map<number, FulfillmentStatus[]>(orderIds.map((id) => [id, []]));
  for (const line of await store.lineStatuses(em, orderIds, own))
    byOrder.get(line.orderId)?.push(line.status);
  const byStatus = new Map<OrderStatus, number[]>();
  const noneActive: number[] = [];
  const someActive: number[] = [];
  for (const [orderId, statuses] of byOrder) {
    const status = deriveOrderStatus(statuses);
    const same = byStatus.get(status);
    if (same) same.push(orderId);
    else byStatus.set(status, [orderId]);
    if (statuses.some((s) => ACTIVE_FULFILLMENT_STATUSES.includes(s))) someActive.push(orderId);
    else noneActive.push(orderId);
  }
  for (const [status, ids] of byStatus) await store.settleOrderRows(em, ids, status);
  const by = { bulkActionId: spec.bulkActionId ?? null, importId: spec.importId ?? null };
  if (spec.to === FulfillmentStatus.CANCELLED && noneActive.length)
    await store.cancelActiveSubscriptions(em, noneActive, now, by);
  const undone = spec.eventType === 'UNDONE' && (by.bulkActionId != null || by.importId != null);
  const uncancelled = new Set(
    undone ? rows.filter((r) => r.status === FulfillmentStatus.CANCELLED).map((r) => r.orderId) : [],
  );
  const reactivate = someActive.filter((id) => uncancelled.has(id));
  if (reactivate.length) await store.reactivateSubscriptions(em, reactivate, by);
}
