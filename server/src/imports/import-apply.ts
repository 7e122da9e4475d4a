import {
  Channel,
  ErrorCode,
  FulfillmentStatus,
  type FulfillmentStatus as Status,
  type Intent,
  isRefusal,
  type Move,
  type PlannedLine,
  planMove,
  SHIPMENT_EVENT_TYPES,
} from '@ft/shared';
import type { DataSource } from 'typeorm';
import type { RequestContext } from '../auth/context.js';
import { isRetryable, PartlySaved, retryMessage, retryReason } from '../db/errors.js';
import { readAhead } from '../db/read-ahead.js';
import { placeholders } from '../db/sql.js';
import { storeOf } from '../db/store.js';
import { chunks, inTransaction } from '../db/transaction.js';
import { applyMoves, readChangeRows, type FulfillmentPatch } from '../fulfillments/fulfillment-change.js';
import type { FulfillmentEntity } from '../fulfillments/fulfillment.entity.js';
import { catalogued, userError, UserErrorsException, type MessageParams } from '../graphql/user-error.js';
import { digestDraft, enqueue } from '../notifications/outbox.js';
import { ImportJobEntity, ImportResultEntity } from './import-job.entity.js';
import { claimJob, ImportJobStatus } from './import-job-states.js';
import { linePatch, type RowPatch } from './import-rows.js';
import { requireImportJob } from './import-read.js';

/**
 * Where the engine runs transactions side by side (store.concurrency.applyLanes), a batch is split into
 * lanes that each own whole orders; below this many rows a lane one transaction is cheaper.
 */
const MIN_LANE_ROWS = 500;

/** Another server resuming the same crash-left job wrote some rows of this batch first. */
class RowsTaken extends Error {}

/** Jobs each app instance (its database pool) is applying now. */
const applyingBy = new WeakMap<DataSource, Set<number>>();

/**
 * Writes every CHANGE row in batches; each batch is one transaction that also
 * marks its rows applied, so a crash loses at most the batch in flight and
 * running apply again finishes the job. Rows whose fulfillment changed since
 * the preview are re-checked and become errors instead of overwriting.
 */
export async function applyImport(
  ctx: RequestContext,
  input: { importId: number },
): Promise<ImportJobEntity> {
  const job = await requireImportJob(ctx, input.importId);
  if (job.status === ImportJobStatus.APPLIED) return job;
  if (job.status === ImportJobStatus.UPLOADED || job.status === ImportJobStatus.PREVIEWING) {
    throw new UserErrorsException([
      userError(ErrorCode.TRANSITION_NOT_ALLOWED, ['input', 'importId'], 'previewFirst'),
    ]);
  }
  const jobs = ctx.ds.getRepository(ImportJobEntity);
  // Two applies of one job at once would both take the same pending rows (a tracking row may re-ship a shipped line),
  // so the job is claimed: PREVIEWED or FAILED moves to APPLYING once. An APPLYING job no apply in this process is
  // running was left by a crash, and may be resumed.
  const claimed = await claimJob(ctx.ds, job.id, ImportJobStatus.APPLYING, { lastError: null });
  const applying = applyingBy.get(ctx.ds) ?? new Set<number>();
  applyingBy.set(ctx.ds, applying);
  if (!claimed && (job.status !== ImportJobStatus.APPLYING || applying.has(job.id))) {
    const now = await jobs.findOneBy({ id: job.id });
    if (now?.status === ImportJobStatus.APPLIED) return now;
    throw new UserErrorsException([
      userError(ErrorCode.TRANSITION_NOT_ALLOWED, ['input', 'importId'], 'importApplying'),
    ]);
  }
  applying.add(job.id);
  try {
    const { applyLanes: lanes, applyBatchRows } = storeOf(ctx.ds).concurrency;
    type Batch = { batch: PendingChange[]; parts: PendingChange[][] | null };
    const batchAfter = async (after: number): Promise<Batch | null> => {
      const batch = await pendingChanges(ctx, job.id, after, applyBatchRows * lanes);
      if (batch.length === 0) return null;
      return {
        batch,
        parts:
          lanes > 1 && batch.length >= lanes * MIN_LANE_ROWS ? await splitByOrder(ctx, batch, lanes) : null,
      };
    };
    // Batches go in line order, so the next one is read (a plain read, no locks) while this one is written. Not
    // `blocking`: the writes await the database, and each batch's transaction queues straight behind the last.
    const batches = readAhead((previous?: Batch) => batchAfter(previous ? previous.batch.at(-1)!.line : 0));
    for await (const { batch, parts } of batches) {
      const write = async (part: PendingChange[]) => {
        for (let rows = part; rows.length > 0;) {
          try {
            return await inTransaction(ctx, (tx) => applyBatch(tx, job, rows));
          } catch (error) {
            if (!(error instanceof RowsTaken)) throw error;
            // A second server resuming this job wrote some of the rows (and committed: the marks waited for it). Write the rest.
            const open = await stillPending(ctx, job.id, rows);
            if (open.length === rows.length)
              throw new Error('Bug: apply marks fell short but no row was taken', { cause: error });
            rows = open;
          }
        }
      };
      if (parts) {
        // Every lane finishes (commits or rolls back) before the job is marked failed, so nothing commits after FAILED.
        const failed = (await Promise.allSettled(parts.map(write))).find(
          (o): o is PromiseRejectedResult => o.status === 'rejected',
        );
        if (failed) throw failed.reason;
      } else {
        for (const part of chunks(batch, applyBatchRows)) await write(part);
      }
    }
    const counts = await ctx.ds
      .getRepository(ImportResultEntity)
      .createQueryBuilder('r')
      .select('r.outcome', 'outcome')
      .addSelect('COUNT(*)', 'n')
      .where('r.import_id = :id', { id: job.id })
      .groupBy('r.outcome')
      .getRawMany<{ outcome: string; n: string }>();
    const n = (o: string) => Number(counts.find((c) => c.outcome === o)?.n ?? 0);
    await inTransaction(ctx, async (tx) => {
      // One partner digest per import, listing every order it shipped. A partner's import touches only its own
      // lines, so one shipped event is enough to know; an admin's may span partners (the join read 100,000 events).
      const shipped = `e.import_id = ? AND e.type IN (${placeholders(SHIPMENT_EVENT_TYPES)})`;
      const params = [job.id, ...SHIPMENT_EVENT_TYPES];
      const partners: { partner_id: number }[] =
        job.partnerId !== null
          ? (await tx.em.query(`SELECT 1 FROM fulfillment_event e WHERE ${shipped} LIMIT 1`, params)).map(
              () => ({
                partner_id: job.partnerId!,
              }),
            )
          : await tx.em.query(
              `SELECT DISTINCT f.partner_id FROM fulfillment_event e JOIN fulfillment f ON f.id = e.fulfillment_id WHERE ${shipped}`,
              params,
            );
      await enqueue(
        tx.em,
        partners.map((p) => digestDraft(Number(p.partner_id), { importId: job.id })),
      );
      await claimJob(tx.em, job.id, ImportJobStatus.APPLIED, {
        appliedAt: new Date(),
        changeCount: n('CHANGE'),
        unchangedCount: n('UNCHANGED'),
        errorCount: n('ERROR'),
      });
    });
  } catch (error) {
    // Earlier batches committed: the caller must hear how many rows stay written, not "nothing was saved".
    const committed = (await jobs.findOneBy({ id: job.id }).catch(() => null))?.appliedCount;
    const partly = new PartlySaved(
      `${committed === undefined ? 'the rows written before it failed' : `${committed} of ${job.changeCount} rows`} are written and stay written; the batch it was writing was rolled back. Apply again to finish.`,
      error,
    );
    await claimJob(ctx.ds, job.id, ImportJobStatus.FAILED, { lastError: applyFailure(ctx, partly) });
    throw isRetryable(error) ? partly : error;
  } finally {
    applying.delete(job.id);
  }
  return (await jobs.findOneBy({ id: job.id }))!;
}

/** What the job tells its owner: the database's own words only outside production (the server's log has them there). */
function applyFailure(ctx: RequestContext, failure: PartlySaved): string {
  const reason = retryReason(failure);
  if (reason) return retryMessage(reason, failure.saved);
  if (ctx.config.production)
    return 'The apply stopped on an internal error; the batch being written was rolled back. Apply again to finish, or ask support.';
  return String((failure.cause as Error).message).slice(0, 1000);
}

interface PendingChange {
  line: number;
  targets: number[];
  toStatus: Status;
  patch: RowPatch;
}

/**
 * The next CHANGE rows after line `after` not yet written, read raw: hydrating
 * entities cost more than the query. Rows a crashed run wrote are passed over
 * by their mark, so a resumed apply starts again from the first line.
 */
async function pendingChanges(
  ctx: RequestContext,
  importId: number,
  after: number,
  limit: number,
): Promise<PendingChange[]> {
  const rows: { line: number; targets: string | null; to_status: string; patch: string | null }[] =
    await ctx.ds.query(
      `SELECT line, targets, to_status, patch FROM import_result WHERE import_id = ? AND outcome = 'CHANGE' AND line > ? AND applied = 0 ORDER BY line LIMIT ${Number(limit)}`,
      [importId, after],
    );
  return rows.map((r) => ({
    line: Number(r.line),
    targets: r.targets ? (JSON.parse(r.targets) as number[]) : [],
    toStatus: r.to_status as Status,
    patch: r.patch ? (JSON.parse(r.patch) as RowPatch) : {},
  }));
}

async function stillPending(
  ctx: RequestContext,
  importId: number,
  rows: PendingChange[],
): Promise<PendingChange[]> {
  const open = new Set(
    await storeOf(ctx.ds).pendingImportLines(
      ctx.ds,
      importId,
      rows.map((r) => r.line),
    ),
  );
  return rows.filter((r) => open.has(r.line));
}

const targetIds = (batch: PendingChange[]) => [...new Set(batch.flatMap((r) => r.targets))];

/**
 * Lanes that share no order: an order's status is derived from all its
 * fulfillments, so two transactions writing lines of one order could each
 * read the other's lines as they were. A row whose targets span orders in
 * different lanes (an admin file naming a reference two partners use) sends
 * the batch down the one-lane path (null).
 */
async function splitByOrder(
  ctx: RequestContext,
  batch: PendingChange[],
  lanes: number,
): Promise<PendingChange[][] | null> {
  // A fulfillment never moves to another order, so this needs no lock.
  const orderOf = await storeOf(ctx.ds).ordersOfLines(ctx.ds, targetIds(batch));
  const parts: PendingChange[][] = Array.from({ length: lanes }, () => []);
  // Hashed, not order id % lanes: ids from a cluster that steps auto-increment by 2 would all land in one lane.
  const laneOfOrder = (orderId: number) => (Math.imul(orderId, 0x9e3779b1) >>> 0) % lanes;
  for (const row of batch) {
    // A fulfillment that is gone has no order; applyBatch reports the row as changed since the preview.
    const laneOf = new Set(
      row.targets.filter((id) => orderOf.has(id)).map((id) => laneOfOrder(orderOf.get(id)!)),
    );
    if (laneOf.size > 1) return null;
    parts[laneOf.values().next().value ?? 0]!.push(row);
  }
  return parts.filter((p) => p.length > 0);
}

/** One batch: mark the rows applied, lock the targets, re-check each is still where the preview found it, write. */
async function applyBatch(tx: RequestContext, job: ImportJobEntity, batch: PendingChange[]): Promise<void> {
  // The marks go first: they lock the rows, so a second server resuming the same crash-left job waits here, then
  // finds them marked and leaves them, instead of writing every change twice.
  const marked = await storeOf(tx.em).markImportLinesApplied(
    tx.em,
    job.id,
    batch.map((r) => r.line),
  );
  if (marked !== batch.length) throw new RowsTaken('Another server applied some of these rows');
  const ids = targetIds(batch);
  const current = new Map<number, FulfillmentEntity>();
  for (const part of chunks(ids)) {
    for (const row of await readChangeRows(tx, { column: 'id', values: part, lock: true }))
      current.set(row.id, row);
  }
  const moves: PlannedLine<FulfillmentEntity>[] = [];
  const patches = new Map<number, FulfillmentPatch>();
  const applied: number[] = [];
  const stale: { line: number; message: string; params: MessageParams }[] = [];
  for (const row of batch) {
    const intent: Intent =
      job.kind === 'tracking'
        ? { kind: 'TRACKING' }
        : { kind: row.toStatus === FulfillmentStatus.RETURNED ? 'RETURN' : 'CANCEL' };
    const targets = row.targets.map((id) => current.get(id));
    const planned = targets.map((t) => (t ? planMove(t.status, intent) : null));
    const refused = planned.findIndex((m) => m === null || isRefusal(m));
    if (refused >= 0 || targets.length === 0) {
      const status = targets[refused]?.status;
      stale.push({
        line: row.line,
        ...(status ? catalogued('changedSincePreview', { status }) : catalogued('goneSincePreview')),
      });
      continue;
    }
    applied.push(row.line);
    targets.forEach((target, i) => {
      moves.push({ row: target!, move: planned[i] as Move });
      patches.set(target!.id, linePatch(row.patch, target!.id));
    });
  }
  await applyMoves(tx, moves, {
    patch: (r) => patches.get(r.id)!,
    channel: Channel.CSV_IMPORT,
    importId: job.id,
  });
  for (const { line, message, params } of stale) {
    await tx.em
      .getRepository(ImportResultEntity)
      .update(
        { importId: job.id, line },
        { outcome: 'ERROR', code: ErrorCode.TRANSITION_NOT_ALLOWED, message, params, applied: 0 },
      );
  }
  await tx.em
    .createQueryBuilder()
    .update(ImportJobEntity)
    .set({ appliedCount: () => `applied_count + ${applied.length}` })
    .where({ id: job.id })
    .execute();
}
