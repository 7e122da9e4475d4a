import type { FulfillmentStatus } from '@ft/shared';
import { escape } from 'mysql2';
import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { FulfillmentEntity } from '../fulfillments/fulfillment.entity.js';
import { registerRows } from './load-data.js';
import { dbDateTime } from './sql.js';
import type { CancelledBy, LineKey, LineUpdate, Store } from './store.js';
import { cancelledByColumn, SqlStore, updateColumns } from './sql-store.js';
import { chunks } from './transaction.js';

/**
 * MySQL 8 and MariaDB 10.6+ through mysql2. Hot statements carry their values as literals escaped by
 * mysql2's own `escape` (sqlLiteral), not as `?` parameters: mysql2 formats a parameterised statement by
 * scanning it for `?` and concatenating pieces, which on statements of thousands of values cost more
 * than the database's work (docs/performance.md). Big batches inside a transaction go as LOAD DATA LOCAL
 * files. Nothing outside this file writes a literal.
 */

/** Values in one INSERT statement: well inside max_allowed_packet for the rows the app writes. */
const VALUES_PER_STATEMENT = 60_000;
/** Lines per UPDATE: the derived table of per-row values is joined on id. */
const UPDATE_CHUNK = 2000;
/**
 * Orders settled per statement: fewer than MariaDB's in_predicate_conversion_threshold (1,000), from
 * which it joins an IN list as a table and, on a table being rewritten, scanned every line per batch.
 */
const SETTLE_CHUNK = 999;
/** Rows per apply transaction: big enough that the per-transaction work is small beside the rows'. */
const APPLY_BATCH_ROWS = 5000;
/**
 * Rows per apply transaction on Galera. A transaction is certified against every write the cluster committed
 * while it ran, so a batch of thousands of orders loses to the small changes other servers make to any of
 * them meanwhile, every time it is retried; a hundred rows commit between them.
 */
const GALERA_APPLY_BATCH_ROWS = 100;
/** Values per IN list elsewhere. */
const IN_CHUNK = 2000;
/**
 * Index hints per lookup column: MariaDB turns a long IN list into a joined table and then sometimes
 * scanned every line of the partner instead of the named index.
 */
const LOOKUP_INDEX = {
  id: 'PRIMARY',
  order_reference: 'ix_fulfillment_reference',
  client_fulfillment_id: 'ix_fulfillment_client_id',
} as const;

export class MysqlStore extends SqlStore implements Store {
  protected readonly inChunk = IN_CHUNK;
  protected readonly settleChunk = SETTLE_CHUNK;
  protected readonly lockClause = ' FOR UPDATE';
  /**
   * The claim's scan stays inside its lane (the index is forced): SKIP LOCKED passes over every row
   * another claim has examined, so a scan through the other lane's rows would hide them from its claim.
   */
  protected readonly outboxClaim = { hint: ' FORCE INDEX (ix_outbox_lane)', lock: ' FOR UPDATE SKIP LOCKED' };

  protected list(values: readonly (number | string)[]) {
    return { sql: values.map(sqlLiteral).join(', '), params: [] };
  }

  protected lookupHint(column: LineKey): string {
    return ` USE INDEX (${LOOKUP_INDEX[column]})`;
  }

  /**
   * The database is an import's bottleneck and one connection keeps one of its cores busy: two lanes
   * use two. Verdict inserts: one chunk's insert took longer than classifying the next.
   */
  readonly concurrency: Store['concurrency'] = {
    applyLanes: 2,
    verdictWrites: 2,
    applyBatchRows: APPLY_BATCH_ROWS,
  };
  readonly exportDates = {
    placed: "DATE_FORMAT(f.placed_at, '%Y-%m-%dT%H:%i:%s.000Z')",
    shipped: "DATE_FORMAT(f.shipped_on, '%Y-%m-%d')",
  };

  async insertRows(
    on: EntityManager | DataSource,
    table: string,
    columns: string[],
    rows: unknown[][],
    options: { ignoreDuplicates?: boolean } = {},
  ): Promise<void> {
    if (!('manager' in on)) return insertMysql(on, table, columns, rows, options);
    // A skip of duplicates reads its warnings back, on the connection that raised them.
    const runner = on.createQueryRunner();
    try {
      return await insertMysql(runner.manager, table, columns, rows, options);
    } finally {
      await runner.release();
    }
  }

  async updateLines(em: EntityManager, update: LineUpdate): Promise<number> {
    if (!em.queryRunner) throw new Error('Bug: fulfillment changes must run inside a transaction');
    let affected = 0;
    // One statement at a time, each after the previous succeeded: a deadlock rolls the transaction back at
    // once, and statements already queued behind it on the connection would then commit on their own.
    for (const part of chunks(update.rows, UPDATE_CHUNK)) {
      const { same, perRow } = updateColumns(em, FulfillmentEntity, update, part);
      const version =
        update.expectVersion === null ? '' : ` AND fulfillment.version = ${idList([update.expectVersion])}`;
      const literal = (v: unknown) => sqlLiteral(v instanceof Date ? dbDateTime(v) : v);
      const assignments = [
        ...same.map((c) => `fulfillment.${c.name} = ${literal(c.value)}`),
        ...perRow.map((c, j) => `fulfillment.${c.name} = v.c${j}`),
        'fulfillment.version = fulfillment.version + 1',
      ];
      let sql: string;
      if (perRow.length === 0) {
        sql = `UPDATE fulfillment SET ${assignments.join(', ')} WHERE fulfillment.id IN (${idList(part.map((r) => r.id))})${version}`;
      } else {
        // Values that differ per row come from a derived table of (id, values…) joined on id; a
        // `CASE id WHEN …` per column is evaluated against every WHEN, so its cost grows with the square.
        // The first SELECT names the derived table's columns.
        const selects = part.map((row, i) =>
          i === 0
            ? `SELECT ${idList([row.id])} AS id, ${perRow.map((c, j) => `${literal(c.values[i])} AS c${j}`).join(', ')}`
            : `SELECT ${idList([row.id])}, ${perRow.map((c) => literal(c.values[i])).join(', ')}`,
        );
        sql = `UPDATE fulfillment JOIN (${selects.join(' UNION ALL ')}) v ON v.id = fulfillment.id SET ${assignments.join(', ')}${version ? ` WHERE ${version.slice(5)}` : ''}`;
      }
      // No parameters, not even an empty list: mysql2 would still scan the statement for a placeholder,
      // and a tracking URL's `?` inside a literal must never meet one.
      const result = await em.queryRunner.query(sql, undefined, true);
      affected += result.affected ?? part.length;
    }
    return affected;
  }

  async lineStatuses(
    em: EntityManager,
    orderIds: readonly number[],
    own: ReadonlySet<number>,
  ): Promise<{ orderId: number; status: FulfillmentStatus }[]> {
    const out: { orderId: number; status: FulfillmentStatus }[] = [];
    for (const part of chunks(orderIds, SETTLE_CHUNK)) {
      const lines: { id: number; order_id: number; status: FulfillmentStatus }[] = await em.query(
        `SELECT id, order_id, status FROM fulfillment FORCE INDEX (ix_fulfillment_order) WHERE order_id IN (${idList(part)})`,
      );
      // Lines this transaction changed it reads as it wrote them. Any other line is read again with a
      // shared lock, by primary key, which waits for a transaction changing it: the plain read saw the
      // snapshot, so two lines of one order shipped at once would each see the other still on hold.
      // Not a locking read of the order index: that also locks the gap after the newest order, and
      // creating an order would wait for a whole import batch.
      const others: number[] = [];
      for (const line of lines) {
        if (own.has(Number(line.id))) out.push({ orderId: Number(line.order_id), status: line.status });
        else others.push(Number(line.id));
      }
      for (const ids of chunks(others, SETTLE_CHUNK)) {
        // The primary key is forced: on a small table MariaDB may prefer a scan, which would lock every line.
        const locked: { order_id: number; status: FulfillmentStatus }[] = await em.query(
          `SELECT order_id, status FROM fulfillment FORCE INDEX (PRIMARY) WHERE id IN (${idList(ids)}) LOCK IN SHARE MODE`,
        );
        for (const line of locked) out.push({ orderId: Number(line.order_id), status: line.status });
      }
    }
    return out;
  }

  async lockPartnerRows(em: EntityManager, partnerIds: readonly number[]): Promise<void> {
    if (partnerIds.length === 0) return;
    await em.query(
      `SELECT id FROM partner WHERE id IN (${idList([...partnerIds].sort((a, b) => a - b))}) ORDER BY id FOR UPDATE`,
    );
  }

  async cancelActiveSubscriptions(
    em: EntityManager,
    orderIds: readonly number[],
    at: Date,
    by: CancelledBy,
  ): Promise<void> {
    const set = `status = 'CANCELLED', cancelled_at = ${sqlLiteral(dbDateTime(at))}, cancelled_by_action_id = ${sqlLiteral(by.bulkActionId)}, cancelled_by_import_id = ${sqlLiteral(by.importId)}`;
    await updateSubscriptions(em, orderIds, `status = 'ACTIVE'`, set);
  }

  async reactivateSubscriptions(
    em: EntityManager,
    orderIds: readonly number[],
    by: CancelledBy,
  ): Promise<void> {
    const [column, id] = cancelledByColumn(by);
    await updateSubscriptions(
      em,
      orderIds,
      `status = 'CANCELLED' AND ${column} = ${idList([id])}`,
      `status = 'ACTIVE', cancelled_at = NULL, cancelled_by_action_id = NULL, cancelled_by_import_id = NULL`,
    );
  }
}

/**
 * Sets `set` on the subscriptions of these orders that match `where`: by primary key, since an UPDATE through
 * the order index locked the gap after the newest order, and creating one waited. The ids come from a plain
 * read, which may see an older snapshot (an undo may have reactivated a subscription since); an order's
 * subscriptions never change hands, so the read names them all, and `where` is checked on the current rows
 * by the UPDATE alone.
 */
async function updateSubscriptions(
  em: EntityManager,
  orderIds: readonly number[],
  where: string,
  set: string,
) {
  for (const part of chunks(orderIds, SETTLE_CHUNK)) {
    const found: { id: number }[] = await em.query(
      `SELECT id FROM continuity_subscription WHERE order_id IN (${idList(part)})`,
    );
    for (const ids of chunks(
      found.map((r) => Number(r.id)),
      SETTLE_CHUNK,
    ))
      await em.query(`UPDATE continuity_subscription SET ${set} WHERE id IN (${idList(ids)}) AND ${where}`);
  }
}

/** Ids written into the statement; only whole numbers get in. */
function idList(ids: readonly number[]): string {
  for (const id of ids) if (!Number.isSafeInteger(id)) throw new Error(`Bug: ${String(id)} is not an id`);
  return ids.join(', ');
}

/**
 * A MySQL literal, escaped exactly as mysql2 escapes a `?` parameter. Hot
 * paths write their values into the statement themselves: mysql2 formats a
 * parameterised statement by scanning it for `?` and concatenating, and the
 * resulting string of some 10,000 pieces then had to be flattened to measure
 * its length before sending (an import's 100,000 rows: half a CPU-second).
 */
export function sqlLiteral(value: unknown): string {
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  )
    return escape(value);
  throw notAColumnValue(value);
}

/**
 * The same values as a LOAD DATA field (tab-separated, `\` escapes, `\N` for
 * NULL): the column text an INSERT with sqlLiteral writes.
 */
function loadField(value: unknown): string {
  if (value === null) return '\\N';
  if (typeof value === 'string')
    return /[\\\t\n\r\0]/.test(value) ? value.replace(/[\\\t\n\r\0]/g, (c) => LOAD_ESCAPES[c]!) : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  throw notAColumnValue(value);
}

const LOAD_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
  '\0': '\\0',
};
/** The LOAD DATA statement's format clause, matching loadField. */
const LOAD_FORMAT =
  "CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n'";

const notAColumnValue = (value: unknown) =>
  new Error(
    `Bug: ${value instanceof Date ? 'a Date (use dbDateTime)' : typeof value === 'number' ? String(value) : typeof value} passed as a column value`,
  );

async function insertMysql(
  em: EntityManager,
  table: string,
  columns: string[],
  rows: unknown[][],
  options: { ignoreDuplicates?: boolean },
): Promise<void> {
  const per = Math.max(1, Math.floor(VALUES_PER_STATEMENT / columns.length));
  const head = `INSERT${options.ignoreDuplicates ? ' IGNORE' : ''} INTO ${table} (${columns.join(', ')}) VALUES `;
  for (let i = 0; i < rows.length; i += per) {
    const part = rows.slice(i, i + per);
    const inTransaction = em.queryRunner?.isTransactionActive ?? false;
    if (
      part.length >= LOAD_MIN_ROWS &&
      inTransaction &&
      (await loadRows(em, table, columns, part, options))
    ) {
      continue;
    }
    const sql = head + part.map((row) => `(${row.map(sqlLiteral).join(', ')})`).join(', ');
    const result: WriteResult = await em.query(sql);
    if (options.ignoreDuplicates) await assertNothingRefused(em, sql, table, part.length, result, true);
  }
}

interface WriteResult {
  affectedRows?: number;
  warningStatus?: number;
}

/** MySQL's ER_DUP_ENTRY: the only warning a skip of duplicates means to cause. */
const DUPLICATE_ENTRY = 1062;

/**
 * LOAD DATA LOCAL and INSERT IGNORE turn every row error into a warning and write what they can (a value
 * too long is cut, a NULL becomes ''), so a batch whose warnings are more than the duplicates it skipped
 * is refused whole; the caller's transaction rolls back what was written. Notes are what a plain INSERT
 * passes too (trailing spaces cut to fit). A warning list the server cut short may hide worse: refused.
 */
async function assertNothingRefused(
  em: EntityManager,
  sql: string,
  table: string,
  rowCount: number,
  result: WriteResult,
  ignoreDuplicates: boolean,
): Promise<void> {
  const affected = result.affectedRows ?? 0;
  const warningCount = result.warningStatus ?? 0;
  const skipped = rowCount - affected;
  if (warningCount === 0 && (ignoreDuplicates || skipped === 0)) return;
  // Each skipped duplicate raises exactly one warning.
  if (ignoreDuplicates && warningCount === skipped) return;
  const warnings: { Level: string; Code: number; Message: string }[] = warningCount
    ? await em.query('SHOW WARNINGS')
    : [];
  const refusals = warnings.filter(
    (w) => w.Level !== 'Note' && !(ignoreDuplicates && Number(w.Code) === DUPLICATE_ENTRY),
  );
  const duplicates = warnings.filter((w) => Number(w.Code) === DUPLICATE_ENTRY).length;
  const accounted =
    warnings.length === warningCount && (ignoreDuplicates ? duplicates === skipped : skipped === 0);
  if (refusals.length === 0 && accounted) return;
  const reasons =
    refusals
      .slice(0, 3)
      .map((w) => w.Message)
      .join('; ') || `${affected} rows written, ${warningCount} warnings`;
  throw new QueryFailedError(
    sql,
    [],
    Object.assign(new Error(`${table} refused part of a ${rowCount}-row batch: ${reasons}`), {
      code: 'ER_LOAD_DATA_REFUSED',
    }),
  );
}

/** Below this many rows the file's extra round trip costs more than the parsing it saves. */
const LOAD_MIN_ROWS = 50;
/** Servers that refused LOAD DATA LOCAL (local_infile off, as MySQL 8 ships): their inserts stay INSERTs. */
const loadRefused = new WeakSet<DataSource>();
/** MariaDB's ER_LOAD_INFILE_CAPABILITY_DISABLED, MySQL's ER_NOT_ALLOWED_COMMAND and ER_CLIENT_LOCAL_FILES_DISABLED. */
const LOAD_REFUSED_ERRNOS = new Set([4166, 1148, 3948]);

/**
 * Rows through `LOAD DATA LOCAL INFILE`: MariaDB reads tab-separated fields
 * without parsing a literal per value, and the server writes no SQL text
 * (docs/performance.md). LOCAL makes every row error a warning (the server cannot stop the
 * client mid-file), so a warning where an INSERT would have failed throws,
 * and the caller's transaction (required) rolls the rows back. False when
 * the server refuses the statement: the caller inserts instead.
 */
async function loadRows(
  em: EntityManager,
  table: string,
  columns: string[],
  rows: unknown[][],
  options: { ignoreDuplicates?: boolean },
): Promise<boolean> {
  if (loadRefused.has(em.connection)) return false;
  const lines: string[] = [];
  for (const row of rows) {
    if (row.length !== columns.length)
      throw new Error(`Bug: a row of ${row.length} values for ${columns.length} columns of ${table}`);
    lines.push(row.map(loadField).join('\t'));
  }
  // Every line ends with its terminator: MariaDB reads an empty last field of an unterminated last line as missing.
  const file = registerRows(Buffer.from(lines.join('\n') + '\n'));
  try {
    const sql = `LOAD DATA LOCAL INFILE '${file.name}' ${options.ignoreDuplicates ? 'IGNORE ' : ''}INTO TABLE ${table} ${LOAD_FORMAT} (${columns.join(', ')})`;
    const result: WriteResult = await em.query(sql);
    await assertNothingRefused(em, sql, table, rows.length, result, options.ignoreDuplicates ?? false);
    return true;
  } catch (error) {
    if (!LOAD_REFUSED_ERRNOS.has(Number((error as { driverError?: { errno?: unknown } }).driverError?.errno)))
      throw error;
    loadRefused.add(em.connection);
    return false;
  } finally {
    file.release();
  }
}

/**
 * How many due messages a claim on a Galera node considers for each one it takes. SKIP LOCKED sees only
 * this node's locks, so workers on different nodes reading the head of a lane would all take the same rows
 * and all but one lose at commit; each takes a random share of a wider head instead, and a claim that
 * still collides takes nothing that round. So on Galera messages due at about the same time may go out
 * in a different order (within four claims' worth), where elsewhere the oldest due goes first.
 */
const CLAIM_SPREAD = 4;

/**
 * A MariaDB Galera cluster node: MySQL's SQL, but every transaction is certified against the other nodes
 * at commit, where locks taken on this node mean nothing.
 */
export class GaleraStore extends MysqlStore {
  protected override readonly settleEvery = true;

  /** A lock here is this node's only: the rows are written, so a claim on another node deciding from them conflicts. */
  override async lockPartnerRows(em: EntityManager, partnerIds: readonly number[]): Promise<void> {
    if (partnerIds.length === 0) return;
    await em.query(
      `UPDATE partner SET revision = revision + 1 WHERE id IN (${idList([...partnerIds].sort((a, b) => a - b))})`,
    );
  }
  /** One apply lane: batches this small are written faster one after the other than split in two. */
  override readonly concurrency: Store['concurrency'] = {
    applyLanes: 1,
    verdictWrites: 2,
    applyBatchRows: GALERA_APPLY_BATCH_ROWS,
  };

  override async dueOutboxMessages(
    em: EntityManager,
    query: { kind: 'EMAIL' | 'WEBHOOK'; now: string; excludePartners: readonly number[]; limit: number },
  ): Promise<{ id: number; partnerId: number | null }[]> {
    const head = await super.dueOutboxMessages(em, { ...query, limit: query.limit * CLAIM_SPREAD });
    if (head.length <= query.limit) return head;
    const chosen = new Set<number>();
    while (chosen.size < query.limit) chosen.add(Math.floor(Math.random() * head.length));
    return head.filter((_, i) => chosen.has(i));
  }
}
