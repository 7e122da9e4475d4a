import { ErrorCode } from '@ft/shared';
import type { RequestContext } from '../auth/context.js';
import { ownedOrNull, scopedPartnerId } from '../auth/scope.js';
import { dbDateTime } from '../db/sql.js';
import { BulkActionEntity } from '../fulfillments/bulk-action.entity.js';
import { badInput } from '../graphql/errors.js';
import { decodeCursor, encodeCursor, pageSize } from '../graphql/connection.js';
import { userError, type UserError } from '../graphql/user-error.js';
import { ImportJobEntity } from '../imports/import-job.entity.js';

/**
 * One line of the action log: a bulk action or an applied import. Both kinds share one order, newest first
 * (time, then source, then id), so a page reads at most `first + 1` of each and merges them.
 */
export type ActionLogItem =
  | { source: 'BULK'; at: Date; action: BulkActionEntity }
  | { source: 'IMPORT'; at: Date; job: ImportJobEntity };

const SORT = 'actionLog';
/** Sources in the order they come at one time: BULK before IMPORT. */
const SOURCE_RANK = { BULK: 1, IMPORT: 0 } as const;

interface LogCursor {
  at: Date;
  source: ActionLogItem['source'];
  id: number;
}

const idOfItem = (item: ActionLogItem) => (item.source === 'BULK' ? item.action.id : item.job.id);

function cursorOf(item: ActionLogItem): string {
  return encodeCursor({ sort: SORT, value: `${item.source} ${item.at.toISOString()}`, id: idOfItem(item) });
}

function readCursor(raw: string): LogCursor {
  const { value, id } = decodeCursor(raw, SORT);
  const [source, iso] = (value ?? '').split(' ');
  const at = new Date(iso ?? '');
  if ((source !== 'BULK' && source !== 'IMPORT') || Number.isNaN(at.getTime()))
    throw badInput('`after` is not a cursor this API gave out');
  return { at, source, id };
}

/** Newer first: positive when `a` comes before `b`. */
function compare(a: LogCursor, b: LogCursor): number {
  return a.at.getTime() - b.at.getTime() || SOURCE_RANK[a.source] - SOURCE_RANK[b.source] || a.id - b.id;
}

/**
 * Rows of one source strictly after the cursor in log order: older, or as old and then lower in (source, id).
 */
function afterCursor(source: ActionLogItem['source'], timeColumn: string, cursor: LogCursor | null) {
  if (!cursor) return null;
  const at = dbDateTime(cursor.at);
  const rank = SOURCE_RANK[source] - SOURCE_RANK[cursor.source];
  // Same time: this source's rows all come after the cursor (rank < 0), none do (rank > 0), or those below its id.
  if (rank < 0) return { sql: `${timeColumn} <= :at`, params: { at } };
  if (rank > 0) return { sql: `${timeColumn} < :at`, params: { at } };
  return {
    sql: `(${timeColumn} < :at OR (${timeColumn} = :at AND x.id < :id))`,
    params: { at, id: cursor.id },
  };
}

export interface ActionLogPage {
  items: ActionLogItem[];
  cursors: string[];
  hasNextPage: boolean;
}

/** Recent bulk actions and applied imports, newest first: staff see everyone's, a partner's key its own. */
export async function listActionLog(
  ctx: RequestContext,
  args: { first?: number | null; after?: string | null },
): Promise<ActionLogPage> {
  const size = pageSize(args.first);
  const cursor = args.after ? readCursor(args.after) : null;
  const partnerId = scopedPartnerId(ctx);

  const bulk = ctx.em.getRepository(BulkActionEntity).createQueryBuilder('x').where('1 = 1');
  const imports = ctx.em
    .getRepository(ImportJobEntity)
    .createQueryBuilder('x')
    .where('x.applied_at IS NOT NULL');
  if (partnerId !== null) {
    bulk.andWhere('x.partner_id = :partnerId', { partnerId });
    imports.andWhere('x.partner_id = :partnerId', { partnerId });
  }
  const bulkAfter = afterCursor('BULK', 'x.created_at', cursor);
  if (bulkAfter) bulk.andWhere(bulkAfter.sql, bulkAfter.params);
  const importAfter = afterCursor('IMPORT', 'x.applied_at', cursor);
  if (importAfter) imports.andWhere(importAfter.sql, importAfter.params);

  const [actions, jobs] = await Promise.all([
    bulk
      .orderBy('x.created_at', 'DESC')
      .addOrderBy('x.id', 'DESC')
      .limit(size + 1)
      .getMany(),
    imports
      .orderBy('x.applied_at', 'DESC')
      .addOrderBy('x.id', 'DESC')
      .limit(size + 1)
      .getMany(),
  ]);
  const merged: ActionLogItem[] = [
    ...actions.map((action) => ({ source: 'BULK' as const, at: action.createdAt, action })),
    ...jobs.map((job) => ({ source: 'IMPORT' as const, at: job.appliedAt!, job })),
  ].sort((a, b) => compare({ ...b, id: idOfItem(b) }, { ...a, id: idOfItem(a) }));
  const items = merged.slice(0, size);
  return { items, cursors: items.map(cursorOf), hasNextPage: merged.length > size };
}

/** One entry by its bulk action or import id, as the caller may see it: another partner's is null. */
export async function getActionLogItem(
  ctx: RequestContext,
  ref: { actionId: number } | { importId: number },
): Promise<ActionLogItem | null> {
  if ('actionId' in ref) {
    const action = ownedOrNull(
      ctx,
      await ctx.em.getRepository(BulkActionEntity).findOneBy({ id: ref.actionId }),
    );
    return action && { source: 'BULK', at: action.createdAt, action };
  }
  const job = ownedOrNull(ctx, await ctx.em.getRepository(ImportJobEntity).findOneBy({ id: ref.importId }));
  return job?.appliedAt ? { source: 'IMPORT', at: job.appliedAt, job } : null;
}

/** Why this entry cannot be undone, or null when it can. */
export function cannotUndo(item: ActionLogItem): UserError | null {
  const undoneAt = item.source === 'IMPORT' ? item.job.undoneAt : item.action.undoneAt;
  if (undoneAt)
    return userError(ErrorCode.ALREADY_UNDONE, null, 'actionUndoneAlready', {
      undoneAt: undoneAt.toISOString(),
    });
  return null;
}
