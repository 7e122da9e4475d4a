import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { HEAD_BYTES, Utf8Check, type CsvInput } from './csv-reader.js';

export class UploadTooLarge extends Error {}
export class UploadAborted extends Error {}

/** An upload on disk, readable as often as needed; `dispose` deletes it. */
export interface SpooledUpload extends CsvInput {
  dispose(): Promise<void>;
}

/**
 * Writes an upload's body to a temp file as it arrives, so memory holds a
 * few chunks whatever its size, and sniffs on the way what the reader needs
 * from all of it (its head and whether it is all UTF-8). Past `maxBytes` the
 * rest of the body is read and dropped, so the caller can still answer. On
 * any failure the file is deleted before the promise rejects.
 */
export function spoolUpload(body: Readable, dir: string, maxBytes: number): Promise<SpooledUpload> {
  return new Promise((resolve, reject) => {
    const file = path.join(dir, `ft-upload-${randomBytes(12).toString('hex')}.csv`);
    const out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
    const utf8 = new Utf8Check();
    const head: Buffer[] = [];
    let headBytes = 0;
    let size = 0;
    let settled = false;

    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      body.off('data', onData);
      if (error instanceof UploadTooLarge) body.resume();
      // Deleted once closed: a file still being opened would otherwise appear after its deletion.
      const remove = () =>
        fs.promises.rm(file, { force: true }).then(
          () => reject(error),
          () => reject(error),
        );
      if (out.closed) void remove();
      else out.once('close', remove).destroy();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return fail(new UploadTooLarge());
      utf8.write(chunk);
      if (headBytes < HEAD_BYTES) {
        head.push(chunk.subarray(0, HEAD_BYTES - headBytes));
        headBytes += head.at(-1)!.length;
      }
      if (!out.write(chunk)) {
        body.pause();
        out.once('drain', () => body.resume());
      }
    };

    body.on('data', onData);
    body.on('end', () => out.end());
    // The body fails only when the client goes away or sends a broken form: its fault, not the server's.
    body.on('error', (error) => fail(new UploadAborted(error.message)));
    body.on('close', () => {
      if (!body.readableEnded) fail(new UploadAborted('The client closed the connection before the end'));
    });
    // A client gone while the caller was still checking who it is: its 'close' came before these listeners.
    if (body.destroyed) fail(new UploadAborted('The client closed the connection before the end'));
    out.on('error', fail);
    out.on('finish', () => {
      if (settled) return;
      settled = true;
      resolve({
        size,
        head: Buffer.concat(head),
        utf8: utf8.end(),
        read: (start) => fs.createReadStream(file, { start }),
        dispose: () => fs.promises.rm(file, { force: true }),
      });
    });
  });
}
