import { Readable } from 'node:stream';

/**
 * Rows handed to MySQL's `LOAD DATA LOCAL INFILE` from memory. The server
 * asks the client for the file the statement names; the pool's
 * `infileStreamFactory` (rowsFile) answers only with a buffer registered here
 * under that name, so a server asking for any other file gets nothing.
 */
const registered = new Map<string, Buffer>();
let nextName = 0;

/** A name for these bytes until `release`, to put in the statement. */
export function registerRows(bytes: Buffer): { name: string; release: () => void } {
  const name = `ft-rows-${process.pid}-${++nextName}`;
  registered.set(name, bytes);
  return { name, release: () => registered.delete(name) };
}

/** mysql2's `infileStreamFactory`. */
export function rowsFile(name: string): Readable {
  const bytes = registered.get(name);
  if (!bytes) return new Readable({ read() { this.destroy(new Error(`The database asked for a file this process did not offer: ${name.slice(0, 100)}`)); } });
  return Readable.from([bytes]);
}

/**
 * One value as a LOAD DATA field (tab-separated, `\` escapes, `\N` for NULL),
 * for the values sqlLiteral accepts: the same column text an INSERT writes.
 */
export function loadField(value: unknown): string {
  if (value === null) return '\\N';
  if (typeof value === 'string') return /[\\\t\n\r\0]/.test(value) ? value.replace(/[\\\t\n\r\0]/g, escapeChar) : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  throw new Error(`Bug: ${value instanceof Date ? 'a Date (use dbDateTime)' : typeof value === 'number' ? String(value) : typeof value} passed as a column value`);
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\0': '\\0' };
const escapeChar = (c: string) => ESCAPES[c]!;

/** The statement's format clause, matching loadField. */
export const LOAD_FORMAT = "CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n'";
