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
  if (!bytes)
    return new Readable({
      read() {
        this.destroy(
          new Error(`The database asked for a file this process did not offer: ${name.slice(0, 100)}`),
        );
      },
    });
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += PACKET_BYTES) pieces.push(bytes.subarray(at, at + PACKET_BYTES));
  return Readable.from(pieces);
}
