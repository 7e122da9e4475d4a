import { escape } from 'mysql2';
import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { isMysql } from './data-source.js';
import { registerRows } from './load-data.js';

/**
 * Plain multi-row SQL for the hot paths (imports, bulk seeding), where the
 * query builder's per-parameter bookkeeping costs more than the database.
 * Values must already be what the column stores (JSON text, not objects).
 */
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A DATETIME parameter as UTC text: better-sqlite3 binds no Date and this is
 * the text TypeORM itself stores there; on MySQL it is what mysql2 would write
 * for a Date with `timezone: 'Z'`, without formatting one per row.
 */
export function dbDateTime(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new Error('Bug: an invalid date reached the database'); // mysql2 wrote NULL for one
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
}

/**
 * Ids written into the statement: the hot paths pass thousands, and mysql2's
 * formatting scanned the statement for each `?`. Only whole numbers get in.
 */
export function idList(ids: readonly number[]): string {
  for (const id of ids) if (!Number.isSafeInteger(id)) throw new Error(`Bug: ${String(id)} is not an id`);
  return ids.join(', ');
}

/**
 * An IN (...) list and the parameters it needs: written into the statement on
 * MySQL (sqlLiteral); bound on SQLite, whose driver keeps a prepared statement
 * per distinct text, and thousands of distinct lists would stay in memory
 * (docs/performance.md).
 */
export function inList(
  on: EntityManager | DataSource,
  values: readonly (number | string)[],
): { list: string; params: (number | string)[] } {
  return isMysql('manager' in on ? on : on.connection)
    ? { list: values.map(sqlLiteral).join(', '), params: [] }
    : { list: placeholders(values), params: [...values] };
}

/** `?, ?, ?` for an IN (...) list of these values. */
export function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
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

export async function insertRows(
  on: EntityManager | DataSource,
  table: string,
  columns: string[],
  rows: unknown[][],
  options: { ignoreDuplicates?: boolean } = {},
): Promise<void> {
  const ds = 'manager' in on ? on : on.connection;
  if (!isMysql(ds)) return insertSqlite(on, table, columns, rows, options);
  if (!('manager' in on)) return insertMysql(on, table, columns, rows, options);
  // A skip of duplicates reads its warnings back, on the connection that raised them.
  const runner = ds.createQueryRunner();
  try {
    return await insertMysql(runner.manager, table, columns, rows, options);
  } finally {
    await runner.release();
  }
}

/** A statement of at most this many values; both databases cap a statement's size. */
const VALUES_PER_STATEMENT = { mysql: 60_000, sqlite: 30_000 };

async function insertMysql(
  em: EntityManager,
  table: string,
  columns: string[],
  rows: unknown[][],
  options: { ignoreDuplicates?: boolean },
): Promise<void> {
  const per = Math.max(1, Math.floor(VALUES_PER_STATEMENT.mysql / columns.length));
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

/** SQLite binds parameters itself; ON CONFLICT DO NOTHING skips duplicates and nothing else (OR IGNORE would also drop a row that breaks NOT NULL). */
async function insertSqlite(
  on: EntityManager | DataSource,
  table: string,
  columns: string[],
  rows: unknown[][],
  options: { ignoreDuplicates?: boolean },
): Promise<void> {
  const per = Math.max(1, Math.floor(VALUES_PER_STATEMENT.sqlite / columns.length));
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
  const file = registerRows(Buffer.from(lines.join('\n')));
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
