import { ErrorCode, FulfillmentStatus, isRefusal, isStatusKeepingScan, planMove } from '@ft/shared';
import { In, IsNull, MoreThan, Not } from 'typeorm';
import type { RequestContext } from '../auth/context.js';
import { ownedOrNull } from '../auth/scope.js';
import { chunks, inTransaction } from '../db/transaction.js';
import {
  notifiedCount,
  Skips,
  type BulkSkipReasonCount,
  type BulkSkipResult,
} from '../fulfillments/bulk-action.service.js';
import { applyChange, readChangeRows, type FulfillmentPatch } from '../fulfillments/fulfillment-change.js';
import { FulfillmentEventEntity } from '../fulfillments/fulfillment-event.entity.js';
import type { FulfillmentEntity } from '../fulfillments/fulfillment.entity.js';
import { userError, UserErrorsException } from '../graphql/user-error.js';
import { ImportJobEntity } from './import-job.entity.js';

/** History events of the import read, and their lines locked and restored, at a time. */
const CHUNK = 2000;

export interface ImportUndoResult {
  restoredCount: number;
  alreadyNotifiedCount: number;
  skipped: BulkSkipResult[];
  skippedCount: number;
  skippedByReason: BulkSkipReasonCount[];
}

/**
 * Takes back what an applied import wrote, in one transaction: each line it changed gets back the status and the
 * values its history event recorded before the import, unless something changed the line after the import (a
 * later event other than a carrier scan that kept its status), which is left as it is and listed. Members already
 * emailed that a line shipped stay emailed, and are counted; an email still waiting is withdrawn, as for a bulk
 * action's undo.
 */
export async function undoImport(ctx: RequestContext, importId: number): Promise<ImportUndoResult> {
  // Read committed: a line is locked before its history is read, so a change committed while the undo waited
  // for the line is seen in its history too (a snapshot from before the wait would still show the import's event
  // as the newest, and the undo would write over that change).
  return inTransaction(
    ctx,
    async (tx) => {
      const { em } = tx;
      const jobs = em.getRepository(ImportJobEntity);
      const job = ownedOrNull(tx, await jobs.findOneBy({ id: importId }));
      if (!job || !job.appliedAt)
        throw new UserErrorsException([
          userError(ErrorCode.NOT_FOUND, ['input', 'importId'], 'noSuchImport'),
        ]);
      // The claim first: of two undos at once one finds the import undone and changes nothing.
      const claimed = await jobs.update({ id: job.id, undoneAt: IsNull() }, { undoneAt: new Date() });
      if (!claimed.affected)
        throw new UserErrorsException([
          userError(ErrorCode.CONFLICT, ['input', 'importId'], 'actionUndoneAlready'),
        ]);

      const skips = new Skips();
      let restoredCount = 0;
      let alreadyNotifiedCount = 0;
      for await (const { restorable, changedSince } of importChanges(tx, job.id, true)) {
        for (const { event, row } of changedSince)
          skips.add({
            fulfillmentId: event.fulfillmentId,
            code: ErrorCode.CONFLICT,
            message: 'Changed again after this import; left as it is',
            orderReference: row?.orderReference ?? null,
            sku: row?.sku ?? null,
            status: null,
          });
        // By the status each line goes back to; the values it gets back are each line's own.
        const groups = new Map<FulfillmentStatus, FulfillmentEntity[]>();
        const patches = new Map<number, FulfillmentPatch>();
        for (const { event, row, scans } of restorable) {
          const patch = beforeValues(event);
          // The scans since were of the import's number: where the undo takes that number away, what they set
          // goes back to how it was before the import as well (their checkpoints stay with that number).
          if ('trackingNumber' in patch) {
            for (const scan of scans)
              for (const [field, before] of Object.entries(beforeValues(scan)))
                if (!(field in patch)) Object.assign(patch, { [field]: before });
          }
          patches.set(row.id, patch);
          const group = groups.get(event.fromStatus!);
          if (group) group.push(row);
          else groups.set(event.fromStatus!, [row]);
        }
        for (const [to, groupRows] of groups) {
          const move = planMove(groupRows[0]!.status, { kind: 'RESTORE', to });
          if (isRefusal(move)) throw new Error(`Bug: the planner refused an undo: ${move.message}`);
          // Counted before the change withdraws the emails still waiting: these reached (or are reaching) the member.
          alreadyNotifiedCount += await notifiedCount(tx, unshipping(groupRows, to));
          await applyChange(tx, groupRows, { ...move, patch: (r) => patches.get(r.id)!, importId: job.id });
          restoredCount += groupRows.length;
        }
      }
      return { restoredCount, alreadyNotifiedCount, ...skips.result() };
    },
    { readCommitted: true },
  );
}

/** The lines of `rows` an undo to `to` takes out of SHIPPED: their members may have been told they shipped. */
const unshipping = (rows: readonly FulfillmentEntity[], to: FulfillmentStatus) =>
  to === FulfillmentStatus.SHIPPED
    ? []
    : rows.filter((r) => r.status === FulfillmentStatus.SHIPPED).map((r) => r.id);

interface ImportChange {
  event: FulfillmentEventEntity;
  row: FulfillmentEntity;
  /** The carrier scans of the line since the import's event, oldest first: none changed its status. */
  scans: FulfillmentEventEntity[];
}

/** The values an event's change found on the line, field by field. */
const beforeValues = (event: FulfillmentEventEntity): FulfillmentPatch =>
  Object.fromEntries(
    Object.entries(event.changes ?? {}).map(([field, [before]]) => [field, before]),
  ) as FulfillmentPatch;

/** One chunk of an import's changes: the lines an undo restores, and those changed since (or gone). */
interface ChangeChunk {
  restorable: ImportChange[];
  changedSince: { event: FulfillmentEventEntity; row?: FulfillmentEntity }[];
}

/**
 * The lines an import changed, a chunk at a time in history order: those whose history since the import's event
 * holds nothing but carrier scans that kept their status (an undo restores them) and those changed since (or
 * gone), with the line where there is one.
 */
async function* importChanges(
  tx: RequestContext,
  importId: number,
  lock: boolean,
): AsyncGenerator<ChangeChunk> {
  const events = tx.em.getRepository(FulfillmentEventEntity);
  for (let after = 0; ;) {
    const written = await events.find({
      where: { importId, id: MoreThan(after), type: Not('UNDONE') },
      order: { id: 'ASC' },
      take: CHUNK,
    });
    if (written.length === 0) return;
    after = written[written.length - 1]!.id;
    const lineIds = [...new Set(written.map((e) => e.fulfillmentId))];
    const rows = new Map<number, FulfillmentEntity>();
    for (const row of await readChangeRows(tx, { column: 'id', values: lineIds, lock }))
      rows.set(row.id, row);
    const since = new Map<number, FulfillmentEventEntity[]>();
    for (const part of chunks(lineIds))
      for (const later of await events.find({
        select: {
          id: true,
          fulfillmentId: true,
          type: true,
          fromStatus: true,
          toStatus: true,
          changes: true,
          at: true,
        },
        where: { fulfillmentId: In(part), id: MoreThan(written[0]!.id) },
        order: { id: 'ASC' },
      })) {
        const line = since.get(later.fulfillmentId);
        if (line) line.push(later);
        else since.set(later.fulfillmentId, [later]);
      }
    const chunk: ChangeChunk = { restorable: [], changedSince: [] };
    for (const event of written) {
      const row = rows.get(event.fulfillmentId);
      const later = (since.get(event.fulfillmentId) ?? []).filter((e) => e.id > event.id);
      if (row && row.status === event.toStatus && event.fromStatus && later.every(isStatusKeepingScan))
        chunk.restorable.push({ event, row, scans: later });
      else chunk.changedSince.push({ event, row });
    }
    yield chunk;
    if (written.length < CHUNK) return;
  }
}

/**
 * For the confirmation before an undo: how many members of the lines it would take out of SHIPPED were already
 * emailed. 0 for an import that is undone.
 */
export async function alreadyNotifiedByImport(ctx: RequestContext, job: ImportJobEntity): Promise<number> {
  if (job.undoneAt || !job.appliedAt) return 0;
  let count = 0;
  for await (const { restorable } of importChanges(ctx, job.id, false))
    for (const to of new Set(restorable.map((c) => c.event.fromStatus!)))
      count += await notifiedCount(
        ctx,
        unshipping(
          restorable.filter((c) => c.event.fromStatus === to).map((c) => c.row),
          to,
        ),
      );
  return count;
}
