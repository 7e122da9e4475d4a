import type { FulfillmentStatus, OrderStatus } from '@ft/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { FulfillmentEntity } from '../fulfillments/fulfillment.entity.js';
import { dbDateTime, placeholders } from './sql.js';
import type { LineColumn, LineRead, LineUpdate, Store } from './store.js';
import { hydrateLines, lineColumnList, updateColumns } from './store-helpers.js';
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

export class SqliteStore implements Store {
  /** One connection, one writer. */
  readonly concurrency = { applyLanes: 1, verdictWrites: 1 };
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

  async readLines(
    em: EntityManager,
    read: LineRead,
    columns: readonly LineColumn[],
  ): Promise<FulfillmentEntity[]> {
    const out: FulfillmentEntity[] = [];
    const partners = read.partnerIds.map(() => ' AND f.partner_id = ?').join('');
    const head = `SELECT ${lineColumnList(em, FulfillmentEntity, columns)} FROM fulfillment f`;
    for (const part of chunks(read.values, IN_CHUNK)) {
      const raws: Record<string, unknown>[] = await em.query(
        `${head} WHERE f.${read.column} IN (${placeholders(part)})${partners}`,
        [...part, ...read.partnerIds],
      );
      for (const row of hydrateLines(em, FulfillmentEntity, columns, raws)) out.push(row);
    }
    return out;
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

  async pendingImportLines(
    on: EntityManager | DataSource,
    importId: number,
    lines: readonly number[],
  ): Promise<number[]> {
    const out: number[] = [];
    for (const part of chunks(lines, IN_CHUNK)) {
      const found: { line: number }[] = await on.query(
        `SELECT line FROM import_result WHERE import_id = ? AND line IN (${placeholders(part)}) AND outcome = 'CHANGE' AND applied = 0`,
        [importId, ...part],
      );
      for (const r of found) out.push(Number(r.line));
    }
    return out;
  }

  async markImportLinesApplied(
    em: EntityManager,
    importId: number,
    lines: readonly number[],
  ): Promise<number> {
    let marked = 0;
    for (const part of chunks(lines, IN_CHUNK)) {
      const result = await em.queryRunner!.query(
        `UPDATE import_result SET applied = 1 WHERE import_id = ? AND line IN (${placeholders(part)}) AND outcome = 'CHANGE' AND applied = 0`,
        [importId, ...part],
        true,
      );
      marked += result.affected ?? 0;
    }
    return marked;
  }

  async ordersOfLines(
    on: EntityManager | DataSource,
    lineIds: readonly number[],
  ): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    for (const part of chunks(lineIds, IN_CHUNK)) {
      const rows: { id: number; order_id: number }[] = await on.query(
        `SELECT id, order_id FROM fulfillment WHERE id IN (${placeholders(part)})`,
        part,
      );
      for (const r of rows) out.set(Number(r.id), Number(r.order_id));
    }
    return out;
  }

  async dueOutboxMessages(
    em: EntityManager,
    query: { kind: 'EMAIL' | 'WEBHOOK'; now: string; excludePartners: readonly number[]; limit: number },
  ): Promise<{ id: number; partnerId: number | null }[]> {
    // The claim's write transaction excludes every other writer.
    const rows: { id: number; partnerId: number | null }[] = await em.query(
      `SELECT id, partner_id AS partnerId FROM outbox_message WHERE kind = ? AND ((status = 'PENDING' AND next_attempt_at <= ?) OR (status = 'SENDING' AND locked_until < ?))${
        query.excludePartners.length
          ? ` AND (partner_id IS NULL OR partner_id NOT IN (${placeholders(query.excludePartners)}))`
          : ''
      } ORDER BY next_attempt_at, id LIMIT ?`,
      [query.kind, query.now, query.now, ...query.excludePartners, query.limit],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      partnerId: r.partnerId === null ? null : Number(r.partnerId),
    }));
  }

  async lockPartnerRows(): Promise<void> {
    // One writer at a time: a claim's transaction already excludes the others.
  }

  async setOrderStatus(em: EntityManager, orderIds: readonly number[], status: OrderStatus): Promise<void> {
    for (const part of chunks(orderIds, IN_CHUNK)) {
      await em.query(`UPDATE orders SET status = ? WHERE id IN (${placeholders(part)}) AND status <> ?`, [
        status,
        ...part,
        status,
      ]);
    }
  }

  async cancelActiveSubscriptions(em: EntityManager, orderIds: readonly number[], at: Date): Promise<void> {
    for (const part of chunks(orderIds, IN_CHUNK)) {
      await em.query(
        `UPDATE continuity_subscription SET status = 'CANCELLED', cancelled_at = ? WHERE order_id IN (${placeholders(part)}) AND status = 'ACTIVE'`,
        [dbDateTime(at), ...part],
      );
    }
  }
}
