import {
  isShippedOnInFuture,
  ErrorCode,
  FulfillmentStatus,
  type Intent,
  isRefusal,
  isValidDateOnly,
  LIMITS,
  planChange,
  planMove,
} from '@ft/shared';
import { In, MoreThan } from 'typeorm';
import type { RequestContext } from '../auth/context.js';
import { fulfillmentsQuery, ownedOrNull, scopedPartnerId } from '../auth/scope.js';
import { insertRows } from '../db/sql.js';
import { chunks, inTransaction, lockForUpdate } from '../db/transaction.js';
import { applyFulfillmentFilter, validateFilter } from '../graphql/filter.js';
import type { FulfillmentFilter } from '../graphql/filter.inputs.js';
import { userError, UserErrorsException, type UserError } from '../graphql/user-error.js';
import { BulkActionEntity, BulkActionItemEntity } from './bulk-action.entity.js';
import {
  applyChange,
  applyMoves,
  CHANGE_COLUMNS,
  readChangeRows,
  type FulfillmentPatch,
} from './fulfillment-change.js';
import { digestDraft, enqueue, memberShippedKey } from '../notifications/outbox.js';
import { OutboxMessageEntity } from '../notifications/outbox.entity.js';
import type { FulfillmentEntity } from './fulfillment.entity.js';
import { today } from './fulfillment.service.js';

export interface Selection {
  /** Fulfillment ids; 0 names no fulfillment (a string the resolver could not read as one). */
  ids?: readonly number[] | null;
  filter?: FulfillmentFilter | null;
}

export interface BulkSkipResult {
  fulfillmentId: number;
  code: string;
  message: string;
  /** The line's order and SKU, to name it to a person; null when there is no such line. */
  orderReference: string | null;
  sku: string | null;
  /** For TRANSITION_NOT_ALLOWED, the status the action could not move the line from; null for other codes. */
  status: FulfillmentStatus | null;
}

/** One reason skips were made for, and how many: over every skip, not only the listed ones. */
export interface BulkSkipReasonCount {
  code: string;
  status: FulfillmentStatus | null;
  /** The first such skip's message. */
  message: string;
  count: number;
}

export interface BulkResult {
  actionId: number | null;
  changedCountTotal: number;
  /** The first rows that changed, for the UI to update in place. */
  changed: FulfillmentEntity[];
  /** The first skips; `skippedCount` counts them all. */
  skipped: BulkSkipResult[];
  skippedCount: number;
  skippedByReason: BulkSkipReasonCount[];
}

/**
 * Lines read, locked, changed and recorded at a time, for a selection of any size: a bulk action holds one chunk in
 * memory, and one transaction keeps the whole of it all-or-nothing and undoable as one.
 */
const CHUNK = 2000;
/**
 * The span of ids one chunk's read may cover. Unbounded (`id > after` alone), MariaDB read a filter's equality index
 * (status = HOLD, partner) from its start for every chunk, past every line already done (and, for the status being
 * changed, past each one's superseded entry too): quadratic in the selection. Bounded, it range-scans (status, id) or
 * the primary key from where the last chunk stopped.
 */
const ID_WINDOW = CHUNK * 8;
/** Skips listed in a response; beyond these they are only counted. */
export const SKIPS_LISTED = LIMITS.pageSizeMax;

/** The first SKIPS_LISTED skips, the count of all of them and the count of each reason. */
export class Skips {
  readonly listed: BulkSkipResult[] = [];
  count = 0;
  private readonly reasons = new Map<string, BulkSkipReasonCount>();
  add(skip: BulkSkipResult) {
    this.count++;
    if (this.listed.length < SKIPS_LISTED) this.listed.push(skip);
    const key = `${skip.code} ${skip.status ?? ''}`;
    const reason = this.reasons.get(key);
    if (reason) reason.count++;
    else this.reasons.set(key, { code: skip.code, status: skip.status, message: skip.message, count: 1 });
  }
  /** Most frequent first; ties in the order they first occurred. */
  byReason(): BulkSkipReasonCount[] {
    return [...this.reasons.values()].sort((a, b) => b.count - a.count);
  }
  result() {
    return { skipped: this.listed, skippedCount: this.count, skippedByReason: this.byReason() };
  }
}

/** A line the planner refused, as a skip that names it. */
const refusedSkip = (row: FulfillmentEntity, refusal: { code: string; message: string }): BulkSkipResult => ({
  fulfillmentId: row.id,
  code: refusal.code,
  message: refusal.message,
  orderReference: row.orderReference,
  sku: row.sku,
  status: refusal.code === ErrorCode.TRANSITION_NOT_ALLOWED ? row.status : null,
});

interface BulkKind {
  kind: 'MARK_SHIPPED' | 'MARK_NOT_SHIPPING' | 'CANCEL';
  intent: Intent;
  patch: FulfillmentPatch;
  notifyCustomer?: boolean;
}

function selectionErrors(selection: Selection): UserError[] {
  const hasIds = selection.ids != null;
  const hasFilter = selection.filter != null;
  if (hasIds === hasFilter) {
    return [userError(ErrorCode.REQUIRED, ['input'], 'selectionEitherOr')];
  }
  if (hasIds && selection.ids!.length === 0)
    return [userError(ErrorCode.REQUIRED, ['input', 'ids'], 'selectionEmpty')];
  if (hasIds && selection.ids!.length > LIMITS.bulkIdsMax) {
    return [
      userError(ErrorCode.LIMIT_EXCEEDED, ['input', 'ids'], 'selectionTooManyIds', {
        max: LIMITS.bulkIdsMax,
      }),
    ];
  }
  return validateFilter(selection.filter, ['input', 'filter']);
}

/**
 * The selected lines, read and locked CHUNK at a time: ids in slices of the list, a filter by keyset on id (the next
 * CHUNK matching lines after the last one read, within ID_WINDOW), so each line comes once however the action changes
 * it.
 */
async function* selectionChunks(
  tx: RequestContext,
  selection: Selection,
  skips: Skips,
): AsyncGenerator<FulfillmentEntity[]> {
  const notFound = (fulfillmentId: number) =>
    skips.add({
      fulfillmentId,
      code: ErrorCode.NOT_FOUND,
      message: 'No such fulfillment',
      orderReference: null,
      sku: null,
      status: null,
    });
  if (selection.ids) {
    const wanted: number[] = [];
    for (const id of new Set(selection.ids)) {
      // 0 names no row: not found without being read, and reported first, ahead of every chunk.
      if (id === 0) notFound(id);
      else wanted.push(id);
    }
    for (const part of chunks(wanted, CHUNK)) {
      const rows = await readChangeRows(tx, { column: 'id', values: part, lock: true });
      const found = new Set(rows.map((r) => r.id));
      for (const id of part) if (!found.has(id)) notFound(id);
      yield rows;
    }
    return;
  }
  // The lines there are when the action starts; any added while it runs are not part of it.
  const [{ last }]: { last: number | null }[] = await tx.em.query('SELECT MAX(id) AS last FROM fulfillment');
  for (let after = 0; after < Number(last ?? 0);) {
    const until = Math.min(after + ID_WINDOW, Number(last));
    const qb = fulfillmentsQuery(tx).select([...CHANGE_COLUMNS]);
    applyFulfillmentFilter(qb, selection.filter, 'f', 'index', scopedPartnerId(tx));
    qb.andWhere('f.id > :bulkAfter AND f.id <= :bulkUntil', { bulkAfter: after, bulkUntil: until })
      .orderBy('f.id', 'ASC')
      .limit(CHUNK);
    const rows = await lockForUpdate(tx.ds, qb).getMany();
    if (rows.length) yield rows;
    after = rows.length === CHUNK ? rows[rows.length - 1]!.id : until;
  }
}

async function runBulk(ctx: RequestContext, selection: Selection, spec: BulkKind): Promise<BulkResult> {
  const errors = selectionErrors(selection);
  if (errors.length) throw new UserErrorsException(errors);

  return inTransaction(ctx, async (tx) => {
    const { em } = tx;
    const skips = new Skips();
    let matched = 0;
    let changedCount = 0;
    let action: BulkActionEntity | null = null;
    const partnerIds = new Set<number>();
    const firstChanged: number[] = [];
    for await (const rows of selectionChunks(tx, selection, skips)) {
      matched += rows.length;
      const plan = planChange(rows, spec.intent);
      for (const { row, refusal } of plan.refusals) skips.add(refusedSkip(row, refusal));
      const eligible = plan.moves.map((m) => m.row);
      if (eligible.length === 0) continue;
      // Made with the first line it changes: an action that changes nothing leaves no trace.
      action ??= await em.getRepository(BulkActionEntity).save(
        em.getRepository(BulkActionEntity).create({
          kind: spec.kind,
          partnerId: scopedPartnerId(tx),
          actor: tx.viewer!.actor,
          createdAt: new Date(),
          changedCount: 0,
          undoneAt: null,
        }),
      );
      // Plain multi-row SQL: the query builder's insert spent more CPU on 100,000 items than everything else in the action.
      await insertRows(
        em,
        'bulk_action_item',
        [
          'bulk_action_id',
          'fulfillment_id',
          'prev_status',
          'prev_shipped_on',
          'prev_not_shipping_reason',
          'new_version',
        ],
        eligible.map((row) => [
          action!.id,
          row.id,
          row.status,
          row.shippedOn,
          row.notShippingReason,
          row.version + 1,
        ]),
      );
      await applyMoves(tx, plan.moves, {
        patch: spec.patch,
        bulkActionId: action.id,
        notifyCustomer: spec.notifyCustomer,
      });
      changedCount += eligible.length;
      for (const row of eligible) {
        partnerIds.add(row.partnerId);
        if (firstChanged.length < LIMITS.pageSizeMax) firstChanged.push(row.id);
      }
    }
    if (selection.filter && matched === 0) {
      throw new UserErrorsException([
        userError(ErrorCode.NOT_FOUND, ['input', 'filter'], 'filterMatchesNothing'),
      ]);
    }
    const skipped = skips.result();
    if (!action) return { actionId: null, changedCountTotal: 0, changed: [], ...skipped };

    await em.getRepository(BulkActionEntity).update({ id: action.id }, { changedCount });
    if (spec.intent.kind === 'SHIP') {
      await enqueue(
        em,
        [...partnerIds].map((partnerId) => digestDraft(partnerId, { bulkActionId: action!.id })),
      );
    }
    const changed = await fulfillmentsQuery(tx)
      .andWhere('f.id IN (:...ids)', { ids: firstChanged })
      .getMany();
    return { actionId: action.id, changedCountTotal: changedCount, changed, ...skipped };
  });
}

export async function markShipped(
  ctx: RequestContext,
  input: Selection & { shippedOn?: string | null; notifyCustomer?: boolean | null },
) {
  if (input.shippedOn != null && !isValidDateOnly(input.shippedOn)) {
    throw new UserErrorsException([
      userError(ErrorCode.INVALID_DATE, ['input', 'shippedOn'], 'shippedOnNotADate', {
        date: input.shippedOn,
      }),
    ]);
  }
  if (input.shippedOn != null && isShippedOnInFuture(input.shippedOn)) {
    throw new UserErrorsException([
      userError(ErrorCode.INVALID_DATE, ['input', 'shippedOn'], 'shippedInFutureOn', {
        date: input.shippedOn,
      }),
    ]);
  }
  return runBulk(ctx, input, {
    kind: 'MARK_SHIPPED',
    intent: { kind: 'SHIP' },
    patch: { shippedOn: input.shippedOn ?? today() },
    notifyCustomer: input.notifyCustomer !== false,
  });
}

export async function markNotShipping(ctx: RequestContext, input: Selection & { reason?: string | null }) {
  const reason = input.reason?.trim() || null;
  if (reason && reason.length > LIMITS.reasonMax) {
    throw new UserErrorsException([
      userError(ErrorCode.TOO_LONG, ['input', 'reason'], 'reasonTooLong', { max: LIMITS.reasonMax }),
    ]);
  }
  return runBulk(ctx, input, {
    kind: 'MARK_NOT_SHIPPING',
    intent: { kind: 'NOT_SHIPPING' },
    patch: { notShippingReason: reason },
  });
}

export async function cancelFulfillments(ctx: RequestContext, input: Selection & { reason?: string | null }) {
  const reason = input.reason?.trim() || null;
  if (reason && reason.length > LIMITS.reasonMax) {
    throw new UserErrorsException([
      userError(ErrorCode.TOO_LONG, ['input', 'reason'], 'reasonTooLong', { max: LIMITS.reasonMax }),
    ]);
  }
  return runBulk(ctx, input, {
    kind: 'CANCEL',
    intent: { kind: 'CANCEL' },
    patch: reason ? { notShippingReason: reason } : {},
  });
}

/**
 * Restores exactly what the action changed, row by row, where nothing changed it since: its items CHUNK at a time in
 * fulfillment id order, in one transaction.
 */
export async function undoBulkAction(
  ctx: RequestContext,
  actionId: number,
): Promise<{
  restoredCount: number;
  alreadyNotifiedCount: number;
  skipped: BulkSkipResult[];
  skippedCount: number;
  skippedByReason: BulkSkipReasonCount[];
}> {
  return inTransaction(ctx, async (tx) => {
    const { em } = tx;
    const action = ownedOrNull(tx, await em.getRepository(BulkActionEntity).findOneBy({ id: actionId }));
    if (!action)
      throw new UserErrorsException([
        userError(ErrorCode.NOT_FOUND, ['input', 'actionId'], 'noSuchBulkAction'),
      ]);
    if (action.undoneAt)
      throw new UserErrorsException([
        userError(ErrorCode.CONFLICT, ['input', 'actionId'], 'actionUndoneAlready'),
      ]);

    const skips = new Skips();
    let restoredCount = 0;
    let alreadyNotifiedCount = 0;
    for (let after = 0; ;) {
      const items = await em.getRepository(BulkActionItemEntity).find({
        where: { bulkActionId: action.id, fulfillmentId: MoreThan(after) },
        order: { fulfillmentId: 'ASC' },
        take: CHUNK,
      });
      if (items.length === 0) break;
      after = items[items.length - 1]!.fulfillmentId;
      const rows = new Map<number, FulfillmentEntity>();
      for (const row of await readChangeRows(tx, {
        column: 'id',
        values: items.map((i) => i.fulfillmentId),
        lock: true,
      }))
        rows.set(row.id, row);
      const groups = new Map<string, { item: BulkActionItemEntity; rows: FulfillmentEntity[] }>();
      for (const item of items) {
        const row = rows.get(item.fulfillmentId);
        if (!row || row.version !== item.newVersion) {
          skips.add({
            fulfillmentId: item.fulfillmentId,
            code: ErrorCode.CONFLICT,
            message: 'Changed again after this action; left as it is',
            orderReference: row?.orderReference ?? null,
            sku: row?.sku ?? null,
            status: null,
          });
          continue;
        }
        const key = JSON.stringify([item.prevStatus, item.prevShippedOn, item.prevNotShippingReason]);
        const group = groups.get(key) ?? { item, rows: [] };
        group.rows.push(row);
        groups.set(key, group);
      }
      for (const { item, rows: groupRows } of groups.values()) {
        const move = planMove(groupRows[0]!.status, { kind: 'RESTORE', to: item.prevStatus });
        if (isRefusal(move)) throw new Error(`Bug: the planner refused an undo: ${move.message}`);
        // Counted before the change withdraws the emails still waiting: these reached (or are reaching) the member.
        alreadyNotifiedCount += await notifiedCount(
          tx,
          groupRows.filter((r) => r.status === FulfillmentStatus.SHIPPED).map((r) => r.id),
        );
        await applyChange(tx, groupRows, {
          ...move,
          patch: { shippedOn: item.prevShippedOn, notShippingReason: item.prevNotShippingReason },
          bulkActionId: action.id,
        });
        restoredCount += groupRows.length;
      }
      if (items.length < CHUNK) break;
    }
    await em.getRepository(BulkActionEntity).update({ id: action.id }, { undoneAt: new Date() });
    return { restoredCount, alreadyNotifiedCount, ...skips.result() };
  });
}

/**
 * Of these lines, how many had their member's "shipped" email sent or picked up for sending: an undo cannot take
 * those back (one still waiting in the outbox is withdrawn instead).
 */
export async function notifiedCount(ctx: RequestContext, fulfillmentIds: readonly number[]): Promise<number> {
  let count = 0;
  for (const part of chunks(fulfillmentIds, CHUNK)) {
    count += await ctx.em.getRepository(OutboxMessageEntity).countBy({
      dedupeKey: In(part.map(memberShippedKey)),
      status: In(['SENDING', 'SENT']),
    });
  }
  return count;
}

/**
 * For the confirmation before an undo: how many members of the lines it would restore (those still as the
 * action left them, and shipped) were already emailed. 0 for an action that shipped nothing or is undone.
 */
export async function alreadyNotifiedBy(ctx: RequestContext, action: BulkActionEntity): Promise<number> {
  if (action.undoneAt || action.kind !== 'MARK_SHIPPED') return 0;
  let count = 0;
  for (let after = 0; ;) {
    const rows: { id: number }[] = await ctx.em
      .getRepository(BulkActionItemEntity)
      .createQueryBuilder('i')
      .innerJoin('fulfillment', 'f', 'f.id = i.fulfillment_id AND f.version = i.new_version')
      .select('i.fulfillment_id', 'id')
      .where('i.bulk_action_id = :id AND i.fulfillment_id > :after', { id: action.id, after })
      .andWhere('f.status = :shipped', { shipped: FulfillmentStatus.SHIPPED })
      .orderBy('i.fulfillment_id', 'ASC')
      .limit(CHUNK)
      .getRawMany();
    if (rows.length === 0) return count;
    count += await notifiedCount(
      ctx,
      rows.map((r) => Number(r.id)),
    );
    if (rows.length < CHUNK) return count;
    after = Number(rows[rows.length - 1]!.id);
  }
}
