import type { OrderStatus } from '@ft/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { FulfillmentEntity } from '../fulfillments/fulfillment.entity.js';
import type { CancelledBy, LineColumn, LineKey, LineRead, LineUpdate } from './store.js';
import { chunks } from './transaction.js';

/** The column that names what cancelled a subscription, and its value, for an undo of that action or import. */
export function cancelledByColumn(by: CancelledBy): [column: string, id: number] {
  if (by.bulkActionId != null) return ['cancelled_by_action_id', by.bulkActionId];
  if (by.importId != null) return ['cancelled_by_import_id', by.importId];
  throw new Error('Bug: only an undo of a bulk action or an import brings subscriptions back');
}

/**
 * The statements both engines write alike, each with its values as the engine's `list` writes them
 * (literals on MySQL, bound parameters on SQLite) and the engine's hints and locks; mysql-store.ts and
 * sqlite-store.ts add what each writes its own way.
 */
export abstract class SqlStore {
  /** An IN (...) list of these values as SQL, and the parameters it binds. */
  protected abstract list(values: readonly (number | string)[]): { sql: string; params: unknown[] };
  /** Values per IN list. */
  protected abstract readonly inChunk: number;
  /** Orders per settling statement. */
  protected abstract readonly settleChunk: number;
  /**
   * Settling writes every order it derived, changed or not, where only written rows are seen by concurrent
   * transactions on other nodes (Galera); elsewhere the locking read of the lines serialises them already.
   */
  protected readonly settleEvery: boolean = false;
  /** What follows `FROM fulfillment f` in a lookup by `column` (an index hint, or nothing). */
  protected abstract lookupHint(column: LineKey): string;
  /** What ends a locking read of lines (`FOR UPDATE`, or nothing where the transaction excludes writers). */
  protected abstract readonly lockClause: string;
  /** What follows `FROM outbox_message` in a claim, and what ends it. */
  protected abstract readonly outboxClaim: { hint: string; lock: string };

  private async run<R>(on: EntityManager | DataSource, sql: string, params: unknown[]): Promise<R> {
    // No parameter list at all where there are none: mysql2 would still scan the statement for one.
    return on.query(sql, params.length ? params : undefined) as Promise<R>;
  }

  async readLines(
    em: EntityManager,
    read: LineRead,
    columns: readonly LineColumn[],
  ): Promise<FulfillmentEntity[]> {
    const out: FulfillmentEntity[] = [];
    const partners = read.partnerIds.map((id) => this.list([id]));
    const head = `SELECT ${lineColumnList(em, FulfillmentEntity, columns)} FROM fulfillment f${this.lookupHint(read.column)}`;
    for (const part of chunks(read.values, this.inChunk)) {
      const values = this.list(part);
      const raws = await this.run<Record<string, unknown>[]>(
        em,
        `${head} WHERE f.${read.column} IN (${values.sql})${partners.map((p) => ` AND f.partner_id = ${p.sql}`).join('')}${read.lock ? this.lockClause : ''}`,
        [...values.params, ...partners.flatMap((p) => p.params)],
      );
      for (const row of hydrateLines(em, FulfillmentEntity, columns, raws)) out.push(row);
    }
    return out;
  }

  async pendingImportLines(
    on: EntityManager | DataSource,
    importId: number,
    lines: readonly number[],
  ): Promise<number[]> {
    const out: number[] = [];
    const job = this.list([importId]);
    for (const part of chunks(lines, this.inChunk)) {
      const values = this.list(part);
      const found = await this.run<{ line: number }[]>(
        on,
        `SELECT line FROM import_result WHERE import_id = ${job.sql} AND line IN (${values.sql}) AND outcome = 'CHANGE' AND applied = 0`,
        [...job.params, ...values.params],
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
    const job = this.list([importId]);
    for (const part of chunks(lines, this.inChunk)) {
      const values = this.list(part);
      const params = [...job.params, ...values.params];
      const result = await em.queryRunner!.query(
        `UPDATE import_result SET applied = 1 WHERE import_id = ${job.sql} AND line IN (${values.sql}) AND outcome = 'CHANGE' AND applied = 0`,
        params.length ? params : undefined,
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
    for (const part of chunks(lineIds, this.inChunk)) {
      const values = this.list(part);
      const rows = await this.run<{ id: number; order_id: number }[]>(
        on,
        `SELECT id, order_id FROM fulfillment WHERE id IN (${values.sql})`,
        values.params,
      );
      for (const r of rows) out.set(Number(r.id), Number(r.order_id));
    }
    return out;
  }

  async settleOrderRows(em: EntityManager, orderIds: readonly number[], status: OrderStatus): Promise<void> {
    const to = this.list([status]);
    const changed = this.settleEvery
      ? { sql: '', params: [] }
      : { sql: ` AND status <> ${to.sql}`, params: to.params };
    for (const part of chunks(orderIds, this.settleChunk)) {
      const values = this.list(part);
      await this.run(
        em,
        `UPDATE orders SET status = ${to.sql}, revision = revision + 1 WHERE id IN (${values.sql})${changed.sql}`,
        [...to.params, ...values.params, ...changed.params],
      );
    }
  }

  async dueOutboxMessages(
    em: EntityManager,
    query: { kind: 'EMAIL' | 'WEBHOOK'; now: string; excludePartners: readonly number[]; limit: number },
  ): Promise<{ id: number; partnerId: number | null }[]> {
    const excluded = this.list(query.excludePartners);
    const notExcluded = query.excludePartners.length
      ? ` AND (partner_id IS NULL OR partner_id NOT IN (${excluded.sql}))`
      : '';
    // Two reads, each an ordered range of the lane index that stops after `limit` rows: one condition with
    // an OR across statuses would sort every due message of the queue for each claim.
    const due = async (condition: string, params: unknown[]) =>
      this.run<{ id: number; partnerId: number | null; dueAt: unknown }[]>(
        em,
        `SELECT id, partner_id AS partnerId, next_attempt_at AS dueAt FROM outbox_message${this.outboxClaim.hint}
         WHERE kind = ? AND ${condition}${notExcluded} ORDER BY next_attempt_at, id LIMIT ?${this.outboxClaim.lock}`,
        [query.kind, ...params, ...excluded.params, query.limit],
      );
    const pending = await due("status = 'PENDING' AND next_attempt_at <= ?", [query.now]);
    const expired = await due("status = 'SENDING' AND locked_until < ?", [query.now]);
    const time = (v: unknown) => (v instanceof Date ? v.getTime() : new Date(String(v)).getTime());
    return [...pending, ...expired]
      .sort((a, b) => time(a.dueAt) - time(b.dueAt) || Number(a.id) - Number(b.id))
      .slice(0, query.limit)
      .map((r) => ({ id: Number(r.id), partnerId: r.partnerId === null ? null : Number(r.partnerId) }));
  }
}

/** Raw rows as entities, column by column as TypeORM hydrates them (its entity transformer costs more). */
function hydrateLines(
  em: EntityManager,
  entity: typeof FulfillmentEntity,
  columns: readonly LineColumn[],
  raws: readonly Record<string, unknown>[],
): FulfillmentEntity[] {
  const metadata = em.connection.getMetadata(entity);
  const driver = em.connection.driver;
  const meta = columns.map((c) => metadata.findColumnWithPropertyName(c)!);
  return raws.map((raw) => {
    const row = Object.create(entity.prototype) as Record<string, unknown>;
    for (const c of meta) row[c.propertyName] = driver.prepareHydratedValue(raw[c.databaseName], c);
    return row as unknown as FulfillmentEntity;
  });
}

/** The database names of `columns`, for a SELECT list on alias `f`. */
function lineColumnList(em: EntityManager, entity: typeof FulfillmentEntity, columns: readonly LineColumn[]) {
  const metadata = em.connection.getMetadata(entity);
  return columns.map((c) => `f.${metadata.findColumnWithPropertyName(c)!.databaseName}`).join(', ');
}

/**
 * The columns of an update, split into those every row sets alike (one value) and those that differ per
 * row (one value each, in row order), as the database stores them.
 */
export function updateColumns(
  em: EntityManager,
  entity: typeof FulfillmentEntity,
  update: LineUpdate,
  part: readonly FulfillmentEntity[],
) {
  const metadata = em.connection.getMetadata(entity);
  const driver = em.connection.driver;
  const column = (key: string) => metadata.findColumnWithPropertyName(key)!;
  const same: { name: string; value: unknown }[] = [];
  const perRow: { name: string; values: unknown[] }[] = [];
  const keys = new Set<string>();
  for (const row of part) for (const key of Object.keys(update.patches.get(row.id)!)) keys.add(key);
  for (const key of keys) {
    const meta = column(key);
    const values = part.map((row) => {
      const patch = update.patches.get(row.id)! as Record<string, unknown>;
      return driver.preparePersistentValue(key in patch ? patch[key] : row[key as LineColumn], meta);
    });
    const name = driver.escape(meta.databaseName);
    const first = values[0];
    const alike = values.every(
      (v) => v === first || (v instanceof Date && first instanceof Date && v.getTime() === first.getTime()),
    );
    if (alike) same.push({ name, value: first });
    else perRow.push({ name, values });
  }
  for (const [key, value] of Object.entries(update.fixed)) {
    same.push({
      name: driver.escape(column(key).databaseName),
      value: driver.preparePersistentValue(value, column(key)),
    });
  }
  return { same, perRow };
}
