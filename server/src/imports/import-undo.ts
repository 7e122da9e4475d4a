import { ErrorCode, FulfillmentStatus, isRefusal, planMove } from '@ft/shared';
import { In, IsNull, MoreThan, Not } from 'typeorm';
import type { RequestContext } from '../auth/context.js';
import { ownedOrNull } from '../auth/scope.js';
import { inTransaction } from '../db/transaction.js';
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
 * later event), which is left as it is and listed. Members already emailed that a line shipped stay emailed, and
 * are counted; an email still waiting is withdrawn, as for a bulk action's undo.
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
        for (const { event, row } of restorable) {
          patches.set(
            row.id,
            Object.fromEntries(
              Object.entries(event.changes ?? {}).map(([field, [before]]) => [field, before]),
            ) as FulfillmentPatch,
          );
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
}

/** One chunk of an import's changes: the lines an undo restores, and those changed since (or gone). */
interface ChangeChunk {
  restorable: ImportChange[];
  changedSince: { event: FulfillmentEventEntity; row?: FulfillmentEntity }[];
}

/**
 * The lines an import changed, a chunk at a time in history order: those whose newest history event is still the
 * import's (an undo restores them) and those changed since (or gone), with the line where there is one.
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
    const newest: { fulfillmentId: number; id: number }[] = await events
      .createQueryBuilder('e')
      .select('e.fulfillment_id', 'fulfillmentId')
      .addSelect('MAX(e.id)', 'id')
      .where({ fulfillmentId: In(lineIds) })
      .groupBy('e.fulfillment_id')
      .getRawMany();
    const latest = new Map(newest.map((n) => [Number(n.fulfillmentId), Number(n.id)]));
    const chunk: ChangeChunk = { restorable: [], changedSince: [] };
    for (const event of written) {
      const row = rows.get(event.fulfillmentId);
      if (row && latest.get(row.id) === event.id && row.status === event.toStatus && event.fromStatus)
        chunk.restorable.push({ event, row });
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
