import type { DataSource, EntityManager } from 'typeorm';
import { isMysql } from './data-source.js';

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

export async function insertRows(em: EntityManager | DataSource, table: string, columns: string[], rows: unknown[][], options: { ignoreDuplicates?: boolean } = {}): Promise<void> {
  const ds = 'manager' in em ? em : em.connection;
  const mysql = isMysql(ds);
  const per = Math.max(1, Math.floor((mysql ? 60_000 : 30_000) / columns.length));
  const verb = options.ignoreDuplicates ? (mysql ? 'INSERT IGNORE' : 'INSERT OR IGNORE') : 'INSERT';
  const tuple = `(${placeholders(columns)})`;
  for (let i = 0; i < rows.length; i += per) {
    const part = rows.slice(i, i + per);
    const params: unknown[] = [];
    for (const row of part) for (const value of row) params.push(value); // Array#flat took as long as the escaping
    await em.query(`${verb} INTO ${table} (${columns.join(', ')}) VALUES ${Array(part.length).fill(tuple).join(', ')}`, params);
  }
}
