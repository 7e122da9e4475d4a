import type { DataSource, EntityManager } from 'typeorm';
import { storeOf } from './store.js';

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

/** `?, ?, ?` for an IN (...) list of these values. */
export function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}

/** Many rows into `table`, as the engine's store writes them fastest (see Store.insertRows). */
export function insertRows(
  on: EntityManager | DataSource,
  table: string,
  columns: string[],
  rows: unknown[][],
  options: { ignoreDuplicates?: boolean } = {},
): Promise<void> {
  return storeOf(on).insertRows(on, table, columns, rows, options);
}
