import type { FulfillmentStatus } from '@ft/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { FulfillmentEntity } from '../fulfillments/fulfillment.entity.js';
import { dbDateTime, placeholders } from './sql.js';
import type { CancelledBy, LineUpdate, Store } from './store.js';
import { cancelledByColumn, SqlStore, updateColumns } from './sql-store.js';
import { chunks } from './transaction.js';

/**
 * SQLite through better-sqlite3: one writer at a time (transaction.ts queues write transactions), so a
 * plain read inside one is current and there are no row locks. Values are always bound: the driver keeps
 * a prepared statement per distinct text, and statements with literals would each stay in memory.
 */

/** Bound values per statement: SQLite caps a statement's parameters at 32,766. */
const VALUES_PER_STATEMENT = 30_000;
/** Values per IN list, and rows per UPDATE. */
const IN_CHUNK = 2000;

/** Rows per apply transaction: big enough that the per-transaction work is small beside the rows'. */
const APPLY_BATCH_ROWS = 5000;

export class SqliteStore extends SqlStore implements Store {
  protected readonly inChunk = IN_CHUNK;
  protected readonly settleChunk = IN_CHUNK;
  /** The write transaction already excludes every other writer. */
  protected readonly lockClause = '';
  protected readonly outboxClaim = { hint: '', lock: '' };

  protected list(values: readonly (number | string)[]) {
    return { sql: placeholders(values), params: [...values] };
  }

  protected lookupHint(): string {
    return '';
  }

  /** One connection, one writer; a crash loses at most the batch in flight. */
  readonly concurrency = { applyLanes: 1, verdictWrites: 1, applyBatchRows: APPLY_BATCH_ROWS };
  readonly exportDates = { placed: "strftime('%Y-%m-%dT%H:%M:%fZ', f.placed_at)", shipped: 'f.shipped_on' };

  /** ON CONFLICT DO NOTHING skips duplicates and nothing else (OR IGNORE would also drop a row that breaks NOT NULL). */
  async insertRows(
    on: EntityManager | DataSource,
    table: string,
    columns: string[],
    rows: unknown[][],
    options: { ignoreDuplicates?: boolean } = {},
  ): Promise<void> {
    const per = Math.max(1, Math.floor(VALUES_PER_STATEMENT / columns.length));
    const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
    const tail = options.ignoreDuplicates ? ' ON CONFLICT DO NOTHING' : '';
    const tuple = `(${placeholders(columns)})`;
    for (let i = 0; i < rows.length; i += per) {
      const part = rows.slice(i, i + per);
      const params: unknown[] = [];
      for (const row of part) for (const value of row) params.push(value); // Array#flat took as long as binding
      await on.query(head + Array(part.length).fill(tuple).join(', ') + tail, params);
    }
  }

  async updateLines(em: EntityManager, update: LineUpdate): Promise<number> {
    if (!em.queryRunner) throw new Error('Bug: fulfillment changes must run inside a transaction');
    let affected = 0;
    for (const part of chunks(update.rows, IN_CHUNK)) {
      const { same, perRow } = updateColumns(em, FulfillmentEntity, update, part);
      const bind = (v: unknown) => (v instanceof Date ? dbDateTime(v) : v);
      const sets = same.map((c) => `${c.name} = ?`);
      const setParams = same.map((c) => bind(c.value));
      const versionCheck = update.expectVersion === null ? '' : ' AND fulfillment.version = ?';
      const versionParams = update.expectVersion === null ? [] : [update.expectVersion];
      let sql: string;
      let params: unknown[];
      if (perRow.length === 0) {
        sql = `UPDATE fulfillment SET ${[...sets, 'version = version + 1'].join(', ')} WHERE id IN (${placeholders(part)})${versionCheck}`;
        params = [...setParams, ...part.map((r) => r.id), ...versionParams];
      } else {
        // Values that differ per row come from a VALUES table joined on id; SQLite names its columns
        // column1, column2, …
        const tuple = `(${['?', ...perRow.map(() => '?')].join(', ')})`;
        sql =
          `UPDATE fulfillment SET ${[...sets, ...perRow.map((c, j) => `${c.name} = v.column${j + 2}`), 'version = fulfillment.version + 1'].join(', ')}` +
          ` FROM (VALUES ${Array(part.length).fill(tuple).join(', ')}) AS v WHERE v.column1 = fulfillment.id${versionCheck}`;
        params = [
          ...setParams,
          ...part.flatMap((row, i) => [row.id, ...perRow.map((c) => bind(c.values[i]))]),
          ...versionParams,
        ];
      }
      const result = await em.queryRunner.query(sql, params, true);
      affected += result.affected ?? part.length;
    }
    return affected;
  }

  async lineStatuses(
    em: EntityManager,
    orderIds: readonly number[],
  ): Promise<{ orderId: number; status: FulfillmentStatus }[]> {
    const out: { orderId: number; status: FulfillmentStatus }[] = [];
    for (const part of chunks(orderIds, IN_CHUNK)) {
      const lines: { order_id: number; status: FulfillmentStatus }[] = await em.query(
        `SELECT order_id, status FROM fulfillment WHERE order_id IN (${placeholders(part)})`,
        part,
      );
      for (const line of lines) out.push({ orderId: Number(line.order_id), status: line.status });
    }
    return out;
  }

  async lockPartnerRows(): Promise<void> {
    // One writer at a time: a claim's transaction already excludes the others.
  }

  async cancelActiveSubscriptions(
    em: EntityManager,
    orderIds: readonly number[],
    at: Date,
    by: CancelledBy,
  ): Promise<void> {
    for (const part of chunks(orderIds, IN_CHUNK)) {
      await em.query(
        `UPDATE continuity_subscription SET status = 'CANCELLED', cancelled_at = ?, cancelled_by_action_id = ?, cancelled_by_import_id = ? WHERE order_id IN (${placeholders(part)}) AND status = 'ACTIVE'`,
        [dbDateTime(at), by.bulkActionId, by.importId, ...part],
      );
    }
  }

  async reactivateSubscriptions(
    em: EntityManager,
    orderIds: readonly number[],
    by: CancelledBy,
  ): Promise<void> {
    const [column, id] = cancelledByColumn(by);
    for (const part of chunks(orderIds, IN_CHUNK)) {
      await em.query(
        `UPDATE continuity_subscription SET status = 'ACTIVE', cancelled_at = NULL, cancelled_by_action_id = NULL, cancelled_by_import_id = NULL WHERE order_id IN (${placeholders(part)}) AND status = 'CANCELLED' AND ${column} = ?`,
        [...part, id],
      );
    }
  }
}
