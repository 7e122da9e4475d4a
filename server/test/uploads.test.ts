import fc from 'fast-check';
import fs from 'node:fs';
import { isUtf8 } from 'node:buffer';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/config.js';
import { readCsv, Utf8Check } from '../src/imports/csv-reader.js';
import { createPartner, signIn, startTestApp, type TestApp } from './harness.js';

/**
 * The upload path through real HTTP: bodies arrive in pieces, are spooled to
 * a temp file (in a directory of this test's own, so it can be watched), and
 * concurrent uploads are refused, not queued, once the limiter is full.
 */
const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ft-uploads-test-'));
let app: TestApp;
const keys: string[] = [];

beforeAll(async () => {
  app = await startTestApp({ uploadTempDir: tempDir });
  const admin = await signIn(app);
  for (let i = 0; i < 3; i++) keys.push((await createPartner(admin, app)).secret);
});
afterAll(async () => {
  await app.stop();
  fs.rmSync(tempDir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
}

/** An upload through node:http whose body the test writes piece by piece (chunked, no Content-Length). */
function streamedUpload(secret: string, kind = 'tracking', contentType = 'text/csv') {
  const req = http.request(`${app.url}/imports?kind=${kind}`, {
    method: 'POST',
    agent: false,
    headers: { authorization: `Bearer ${secret}`, 'content-type': contentType },
  });
  const reply = new Promise<Reply>((resolve, reject) => {
    req.on('response', (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : null });
      });
      res.on('error', reject);
    });
    // A refused body is cut off by the server: writing the rest of it may fail after the reply came.
    req.on('error', reject);
  });
  reply.catch(() => undefined);
  /** Writes a piece, waiting while the socket is full (or until the server has closed it). */
  const write = (piece: Buffer | string) =>
    new Promise<void>((resolve) => {
      if (req.destroyed || req.write(piece)) return resolve();
      const done = () => {
        req.off('drain', done);
        req.off('close', done);
        resolve();
      };
      req.on('drain', done);
      req.on('close', done);
    });
  return { req, reply, write };
}

async function upload(body: Buffer | string, secret = keys[0]!): Promise<Reply> {
  const res = await fetch(`${app.url}/imports?kind=tracking`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'text/csv' },
    body: body as unknown as BodyInit,
  });
  return { status: res.status, headers: Object.fromEntries(res.headers), body: await res.json() };
}

const spooled = () => fs.readdirSync(tempDir);
/** Waits until the server holds this many upload bodies on disk: the sign that their slots are taken. */
const serverHolds = (n: number) =>
  vi.waitFor(() => expect(spooled().length).toBe(n), { timeout: 20_000, interval: 20 });
const count = async (table: string) =>
  Number((await app.ds.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
const importId = (globalId: string) => Number(Buffer.from(globalId, 'base64url').toString().split(':')[1]);
async function storedRows(globalId: string): Promise<{ line: number; cells: string[] }[]> {
  const rows: { line: number; cells: string }[] = await app.ds.query(
    'SELECT line, cells FROM import_row WHERE import_id = ? ORDER BY line',
    [importId(globalId)],
  );
  return rows.map((r) => ({ line: Number(r.line), cells: JSON.parse(String(r.cells)) as string[] }));
}

/** A started upload held open: its head is sent, the rest waits for `finish`. */
async function holdUpload(secret: string) {
  const upload = streamedUpload(secret);
  await upload.write('orderId,trackingNumber\r\nFX-1,1Z5R8939');
  return {
    ...upload,
    finish: () => new Promise<void>((resolve) => upload.req.end('0357567001\r\n', resolve)),
  };
}

describe('concurrent uploads are limited per caller and in total, refused at once', () => {
  it('a caller with 2 running gets 429, a server with 4 running gets 503 with Retry-After; both work again after', async () => {
    const jobsBefore = await count('import_job');
    const held = [await holdUpload(keys[0]!), await holdUpload(keys[0]!)];
    await serverHolds(2);

    // A refused body is read and dropped, not cut off, so even a large one gets its answer.
    const third = await upload(
      `orderId,trackingNumber\r\n${'FX-2,1Z5R89390357567001\r\n'.repeat(200_000)}`,
      keys[0],
    );
    expect(third.status).toBe(429);
    expect(third.body.error).toBe(
      'You already have 2 uploads running; wait for one to finish, then send this file again',
    );
    expect(third.body.code).toBe('LIMIT_EXCEEDED');
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);

    held.push(await holdUpload(keys[1]!), await holdUpload(keys[1]!));
    await serverHolds(4);
    const busy = await upload('orderId,trackingNumber\r\nFX-2,1Z\r\n', keys[2]);
    expect(busy.status).toBe(503);
    expect(busy.body.error).toMatch(/^The server is busy with other uploads; send this file again in \d+ s/);
    expect(Number(busy.headers['retry-after'])).toBe(busy.body.retryAfterSeconds);
    // Refusals wrote nothing and kept no body.
    expect(await count('import_job')).toBe(jobsBefore);
    expect(spooled().length).toBe(4);

    await Promise.all(held.map((h) => h.finish()));
    const replies = await Promise.all(held.map((h) => h.reply));
    expect(replies.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(replies.map((r) => r.body.rowCount)).toEqual([1, 1, 1, 1]);
    expect(spooled()).toEqual([]);

    const after = await Promise.all([keys[0], keys[0], keys[2]].map((k) => upload('a,b\r\n1,2\r\n', k)));
    expect(after.map((r) => r.status)).toEqual([201, 201, 201]);
  });

  it('an upload the client abandons halfway (raw or a form) gives its slot back and leaves nothing behind', async () => {
    const jobsBefore = await count('import_job');
    const form = streamedUpload(keys[0]!, 'tracking', 'multipart/form-data; boundary=XyZ');
    await form.write(
      '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="t.csv"\r\nContent-Type: text/csv\r\n\r\norderId,trackingNumber\r\nFX-1,1Z',
    );
    const held = [await holdUpload(keys[0]!), form];
    await serverHolds(2);
    for (const h of held) h.req.destroy();
    await serverHolds(0);
    expect(await count('import_job')).toBe(jobsBefore);
    const again = await Promise.all([upload('a,b\r\n1,2\r\n'), upload('a,b\r\n3,4\r\n')]);
    expect(again.map((r) => r.status)).toEqual([201, 201]);
  });
});

/** Cells that exercise the decoder: 2-, 3- and 4-byte UTF-8 characters, quotes, delimiters and line breaks. */
function cellFor(i: number): string {
  const pieces = ['Jürgen', '€', '日本語', '😀', 'a,b', 'say "hi"', 'two\nlines', 'Åsa Öberg'];
  let cell = `c${i}-`;
  for (let k = 0; k < 1 + (i % 23); k++) cell += pieces[(i + k) % pieces.length];
  return cell;
}
const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

describe('a body streamed in pieces', () => {
  it('imports every row intact: rows and multibyte characters split across pieces, line numbers kept', async () => {
    const rows: string[][] = [];
    const lines = ['orderId,trackingNumber,note\r\n'];
    for (let i = 0, bytes = 0; bytes < 5 * 1024 * 1024; i++) {
      const cells = [`FX-${i}`, `1Z${String(i).padStart(16, '0')}`, cellFor(i)];
      rows.push(cells);
      lines.push(`${cells.map(quote).join(',')}\r\n`);
      bytes += Buffer.byteLength(lines.at(-1)!);
    }
    const file = Buffer.from(lines.join(''), 'utf8');
    expect(file.length).toBeGreaterThan(4 * 1024 * 1024);

    // Pieces of a prime number of bytes: boundaries fall inside rows, quoted fields and characters.
    const up = streamedUpload(keys[1]!);
    for (let at = 0; at < file.length; at += 9973) await up.write(file.subarray(at, at + 9973));
    up.req.end();
    const res = await up.reply;
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.headers).toEqual(['orderId', 'trackingNumber', 'note']);
    expect(res.body.rowCount).toBe(rows.length);

    const stored = await storedRows(res.body.importId);
    expect(stored.length).toBe(rows.length);
    // A row's line is the file line it starts on; each cell with a line break adds one.
    let line = 2;
    const expected = rows.map((cells) => {
      const row = { line, cells };
      line += 1 + (cells[2]!.match(/\n/g)?.length ?? 0);
      return row;
    });
    expect(stored).toEqual(expected);
    expect(spooled()).toEqual([]);
  });

  it('a file whose only non-UTF-8 byte comes megabytes in is read as Windows-1252 throughout', async () => {
    const filler = Array.from({ length: 30_000 }, (_, i) => `FX-${i};${'m'.repeat(100)}\n`).join('');
    const text = `orderId;customer\n${filler}FX-LAST;Jürgen Müller\n`;
    const up = streamedUpload(keys[1]!);
    const file = iconv.encode(text, 'win1252');
    for (let at = 0; at < file.length; at += 65_536) await up.write(file.subarray(at, at + 65_536));
    up.req.end();
    const res = await up.reply;
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.rowCount).toBe(30_001);
    const stored = await storedRows(res.body.importId);
    expect(stored.at(-1)).toEqual({ line: 30_002, cells: ['FX-LAST', 'Jürgen Müller'] });
  });

  it.each([
    [
      'UTF-16LE with BOM',
      (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(t, 'utf16le')]),
    ],
    [
      'UTF-16BE with BOM',
      (t: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(t, 'utf16be')]),
    ],
    ['Windows-1252', (t: string) => iconv.encode(t, 'win1252')],
    ['UTF-8 with BOM', (t: string) => Buffer.from(`\uFEFF${t}`, 'utf8')],
  ])('%s decodes, tab-delimited, sent 1 byte at a time at the start', async (_label, encode) => {
    const file = encode('orderId\tcustomer\r\nFX-1\tJürgen Müller\r\nFX-2\tÅsa Öberg €\r\n');
    const up = streamedUpload(keys[1]!);
    for (let at = 0; at < 8; at++) await up.write(file.subarray(at, at + 1));
    up.req.end(file.subarray(8));
    const res = await up.reply;
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.headers).toEqual(['orderId', 'customer']);
    expect(await storedRows(res.body.importId)).toEqual([
      { line: 2, cells: ['FX-1', 'Jürgen Müller'] },
      { line: 3, cells: ['FX-2', 'Åsa Öberg €'] },
    ]);
  });
});

describe('multipart forms', () => {
  const formUpload = async (body: string) => {
    const res = await fetch(`${app.url}/imports?kind=tracking`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys[1]}`, 'content-type': 'multipart/form-data; boundary=XyZ' },
      body,
    });
    return { status: res.status, body: await res.json() };
  };
  const part = (headers: string, content: string) => `--XyZ\r\n${headers}\r\n\r\n${content}\r\n`;

  it('a form without a file is a 422, a form cut off inside its file a 400; neither leaves a file or holds a slot', async () => {
    const jobsBefore = await count('import_job');
    for (let i = 0; i < 3; i++) {
      const none = await formUpload(
        `${part('Content-Disposition: form-data; name="note"', 'hello')}--XyZ--\r\n`,
      );
      expect(none).toEqual({
        status: 422,
        body: { error: 'The form has no file', line: null, column: null },
      });
      const cut = await formUpload(
        part(
          'Content-Disposition: form-data; name="file"; filename="t.csv"',
          'orderId,trackingNumber\r\nFX-1,1Z',
        ),
      );
      expect(cut).toEqual({
        status: 400,
        body: { error: 'The upload ended before the whole file arrived; send it again' },
      });
      expect(spooled()).toEqual([]);
    }
    expect(await count('import_job')).toBe(jobsBefore);
    const ok = await formUpload(
      `${part('Content-Disposition: form-data; name="file"; filename="t.csv"', 'a,b\r\n1,2')}--XyZ--\r\n`,
    );
    expect(ok.status).toBe(201);
  });
});

describe('a body over 50 MB', () => {
  it('sent without Content-Length is refused with 413 once past the limit, leaving no import and no temp file', async () => {
    const jobsBefore = await count('import_job');
    const rowsBefore = await count('import_row');
    const up = streamedUpload(keys[2]!);
    const piece = Buffer.from('FX-1,1Z5R89390357567001\r\n'.repeat(40_000));
    let sent = 0;
    await up.write('orderId,trackingNumber\r\n');
    // Just past the limit, then the body stops (not ended): the server must answer on its own.
    while (sent <= 50 * 1024 * 1024) {
      await up.write(piece);
      sent += piece.length;
    }
    const res = await up.reply;
    expect(res.status).toBe(413);
    expect(res.headers.connection).toBe('close');
    expect(res.body.error).toBe('The file is larger than 50 MB');
    expect(spooled()).toEqual([]);
    expect(await count('import_job')).toBe(jobsBefore);
    expect(await count('import_row')).toBe(rowsBefore);
    expect((await upload('a,b\r\n1,2\r\n', keys[2])).status).toBe(201);
  });
});

describe('Utf8Check: UTF-8 validity of a stream, piece by piece', () => {
  it('agrees with isUtf8 on the whole, wherever the pieces are cut', () => {
    const bytes = fc.oneof(
      fc.string({ unit: 'grapheme' }).map((s) => Buffer.from(s, 'utf8')),
      fc.uint8Array({ maxLength: 12 }).map((a) => Buffer.from(a)),
    );
    fc.assert(
      fc.property(fc.array(bytes, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 6 }), (parts, cuts) => {
        const whole = Buffer.concat(parts);
        const at = [...new Set(cuts.map((c) => c % (whole.length + 1)))].sort((a, b) => a - b);
        const check = new Utf8Check();
        let from = 0;
        for (const cut of [...at, whole.length]) {
          check.write(whole.subarray(from, cut));
          from = cut;
        }
        expect(check.end()).toBe(isUtf8(whole));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('rows are handed to the database in batches bounded by size as well as count', () => {
  it('rows of 10,000-character cells come in batches of at most about 1 MB of cells', async () => {
    const row = (i: number) => `FX-${i},${String(i % 10).repeat(10_000)}\r\n`;
    const file = Buffer.from(`orderId,note\r\n${Array.from({ length: 1000 }, (_, i) => row(i)).join('')}`);
    const batches: number[] = [];
    let rows = 0;
    await readCsv(file, async (_headers, records) => {
      batches.push(records.reduce((n, r) => n + r.cells.reduce((m, c) => m + c.length, 0), 0));
      rows += records.length;
    });
    expect(rows).toBe(1000);
    expect(batches.length).toBeGreaterThanOrEqual(9);
    expect(Math.max(...batches)).toBeLessThanOrEqual(1024 * 1024 + 10_010);
  });
});

describe('line numbers are lines of the file, whatever line breaks the cells hold', () => {
  it('a CRLF inside a quoted cell counts as one line, as a lone CR or LF does', async () => {
    const file = Buffer.from(
      'orderId,note\r\nFX-1,"two\r\nlines"\r\nFX-2,plain\r\nFX-3,"a\nb\rc"\r\n"FX-\r\n4",x\r\n\r\nFX-5,y\r\n',
    );
    const records: { line: number; cells: string[] }[] = [];
    await readCsv(file, async (_headers, batch) => void records.push(...batch));
    expect(records.map((r) => [r.line, r.cells[0]])).toEqual([
      [2, 'FX-1'],
      [4, 'FX-2'],
      [5, 'FX-3'],
      [8, 'FX-\r\n4'],
      [11, 'FX-5'],
    ]);
    const bad = Buffer.concat([file, Buffer.from(`FX-6,${'x,'.repeat(250)}x\r\n`)]);
    await expect(readCsv(bad, async () => undefined)).rejects.toThrow('Line 12 has 252 columns; at most 200');
  });
});

describe('upload settings', () => {
  it('default to 2 per caller and 4 in total, and refuse what is not a count', () => {
    expect(loadConfig({})).toMatchObject({
      uploadsPerCaller: 2,
      uploadsInTotal: 4,
      uploadTempDir: os.tmpdir(),
    });
    expect(
      loadConfig({ UPLOADS_PER_CALLER: '1', UPLOADS_IN_TOTAL: '8', UPLOAD_TMPDIR: '/srv/spool' }),
    ).toMatchObject({ uploadsPerCaller: 1, uploadsInTotal: 8, uploadTempDir: '/srv/spool' });
    expect(() => loadConfig({ UPLOADS_IN_TOTAL: '0' })).toThrow(
      'UPLOADS_IN_TOTAL must be a whole number of at least 1, got "0"',
    );
    expect(() => loadConfig({ UPLOADS_PER_CALLER: 'two' })).toThrow(
      'UPLOADS_PER_CALLER must be a whole number',
    );
  });
});
