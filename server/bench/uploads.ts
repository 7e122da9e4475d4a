import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN, Client, freshDatabase } from '../test/harness.js';
import { post } from './http.js';
import { startServerProcess } from './server-process.js';

/**
 * `pnpm bench:uploads`: three 45 MB tracking CSVs uploaded at once (each under
 * the 50 MB limit, and together within the upload limiter's total) to the
 * server as production runs it (runtime.json's heap), on SQLite and MariaDB.
 * Two shapes: many short rows, and few rows of 10,000-character cells. Prints
 * the server's peak RSS and whether it survived. Not a test: figures, not verdicts.
 */
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const FILE_MB = Number(arg('mb', '45'));
const UPLOADS = Number(arg('uploads', '3'));
const DBS = arg('db', 'mariadb,sqlite').split(',');
const SHAPES = arg('shape', 'rows,wide').split(',') as Shape[];
type Shape = 'rows' | 'wide';

/** A tracking file of about FILE_MB against orders that need not exist: the upload only stores rows. */
function trackingFile(shape: Shape, seed: number): { file: Buffer; rows: number } {
  const target = FILE_MB * 1024 * 1024;
  const lines = ['orderId,trackingNumber,carrier,shippedOn,method,note\r\n'];
  let bytes = lines[0]!.length;
  let rows = 0;
  // "rows": ~130 bytes a row keeps 45 MB under the 500,000-row limit; "wide": the largest cell allowed.
  const note =
    shape === 'rows' ? 'Left at the front door, signed by the neighbour (no. 12)' : 'x'.repeat(9_990);
  while (bytes < target - 11_000) {
    const line = `BENCH-${seed}-${String(rows).padStart(7, '0')},1Z5R8939${String(rows).padStart(10, '0')},UPS,11/0${1 + (rows % 9)}/2026,Ground,"${note} ${rows}"\r\n`;
    lines.push(line);
    bytes += line.length;
    rows++;
  }
  return { file: Buffer.from(lines.join('')), rows };
}

/** Resident memory now, MB. */
function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

async function run(kind: 'sqlite' | 'mariadb', shape: Shape) {
  const { db, drop } = await freshDatabase(kind);
  const server = await startServerProcess(db, ADMIN, { OUTBOX_WORKER: 'false' });
  try {
    const admin = new Client(server.url);
    await admin.gql(`mutation($i: LoginInput!) { login(input: $i) { userErrors { code } } }`, { i: ADMIN });
    const { createPartner } = await admin.gql(
      `mutation { createPartner(input: { name: "Bench Partner" }) { partner { id } } }`,
    );
    // One key per upload: the limiter lets a caller run two at once, and the server four.
    const secrets: string[] = [];
    for (let i = 0; i < UPLOADS; i++) {
      const { createApiKey } = await admin.gql(
        `mutation($p: ID!, $n: String!) { createApiKey(input: { partnerId: $p, name: $n }) { secret } }`,
        { p: createPartner.partner.id, n: `bench ${i}` },
      );
      secrets.push(createApiKey.secret);
    }
    const files = secrets.map((_, i) => trackingFile(shape, i));
    const idleMb = rssMb(server.pid);
    server.resetPeak();
    const t0 = performance.now();
    let peakSampled = 0;
    const sampler = setInterval(() => {
      try {
        peakSampled = Math.max(peakSampled, server.peakMb());
      } catch {
        // the server is gone; the uploads will say so
      }
    }, 100);
    const replies = await Promise.allSettled(
      files.map(({ file }, i) =>
        post(
          `${server.url}/imports?kind=tracking`,
          { authorization: `Bearer ${secrets[i]}`, 'content-type': 'text/csv' },
          file,
          false,
        ),
      ),
    );
    clearInterval(sampler);
    const seconds = (performance.now() - t0) / 1000;
    let survived = false;
    let peakMb = peakSampled;
    try {
      survived = (await fetch(`${server.url}/healthz`)).ok;
      peakMb = Math.max(peakMb, server.peakMb());
    } catch {
      survived = false;
    }
    const outcomes = replies.map((r, i) => {
      if (r.status === 'rejected') return `error: ${(r.reason as Error).message}`;
      if (r.value.status !== 201) return `${r.value.status}: ${r.value.body.slice(0, 200)}`;
      const rowCount = (JSON.parse(r.value.body) as { rowCount: number }).rowCount;
      return rowCount === files[i]!.rows ? 'ok' : `rowCount ${rowCount}, expected ${files[i]!.rows}`;
    });
    return {
      uploads: UPLOADS,
      fileMb: +(files[0]!.file.length / 1024 / 1024).toFixed(1),
      rowsPerFile: files[0]!.rows,
      seconds: +seconds.toFixed(1),
      idleRssMb: idleMb,
      serverPeakRssMb: peakMb,
      survived,
      outcomes,
    };
  } finally {
    await server.stop();
    await drop();
  }
}

const results: Record<string, unknown> = { at: new Date().toISOString(), node: process.version };
for (const db of DBS) {
  for (const shape of SHAPES) {
    process.stdout.write(`${db} ${shape} … `);
    results[`${db}.${shape}`] = await run(db as 'sqlite' | 'mariadb', shape);
    console.log(JSON.stringify(results[`${db}.${shape}`]));
  }
}

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.json');
const previous = fs.existsSync(out)
  ? (JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, unknown>)
  : {};
fs.writeFileSync(out, `${JSON.stringify({ ...previous, uploads: results }, null, 2)}\n`);
console.log(
  '\n| database | shape | uploads × MB | rows each | seconds | server peak RSS MB | survived | outcomes |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const db of DBS) {
  for (const shape of SHAPES) {
    const r = results[`${db}.${shape}`] as Record<string, unknown>;
    console.log(
      `| ${db} | ${shape} | ${r.uploads} × ${r.fileMb} | ${r.rowsPerFile} | ${r.seconds} | ${r.serverPeakRssMb} | ${r.survived} | ${(r.outcomes as string[]).join(', ')} |`,
    );
  }
}
