import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

/**
 * Rows handed to MySQL's `LOAD DATA LOCAL INFILE` from memory. The server
 * asks the client for the file the statement names; the pool's
 * `infileStreamFactory` (rowsFile) answers only with a buffer registered here
 * under that name, once: a server asking for any other file, or for rows it
 * was not sent the statement for (another data source in this process),
 * gets nothing.
 */
const registered = new Map<string, Buffer>();

/** A name for these bytes until they are read or `release`d, to put in the statement. */
export function registerRows(bytes: Buffer): { name: string; release: () => void } {
  const name = `ft-rows-${randomBytes(12).toString('hex')}`;
  registered.set(name, bytes);
  return { name, release: () => registered.delete(name) };
}

/** Each packet under any max_allowed_packet (the file as a whole has no such limit). */
const PACKET_BYTES = 1 << 20;

/** mysql2's `infileStreamFactory`. */
export function rowsFile(name: string): Readable {
  const bytes = registered.get(name);
  registered.delete(name);
  if (!bytes) return new Readable({ read() { this.destroy(new Error(`The database asked for a file this process did not offer: ${name.slice(0, 100)}`)); } });
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += PACKET_BYTES) pieces.push(bytes.subarray(at, at + PACKET_BYTES));
  return Readable.from(pieces);
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
