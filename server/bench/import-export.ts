import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataSource } from 'typeorm';
import { ADMIN, Client, freshDatabase } from '../test/harness.js';
import { createDataSource } from '../src/db/data-source.js';
import { post } from './http.js';
import { startServerProcess, type ServerProcess } from './server-process.js';
import { seedBulk } from '../src/seed/bulk.js';
import { makeTrackingNumber, seededRng } from '../src/seed/tracking-numbers.js';

/**
 * `pnpm bench`: 100,000-row tracking import (upload, preview, apply) and a
 * 1,000,000-row export, on SQLite and MariaDB, through the real HTTP app.
 * Prints a table and writes bench/results.json. Not a test: figures, not verdicts.
 */
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const IMPORT_ROWS = Number(arg('import-rows', '100000'));
const EXPORT_ROWS = Number(arg('export-rows', '1000000'));
const DBS = arg('db', 'mariadb,sqlite').split(',');
const ONLY = arg('only', 'all');

interface Bench {
  server: ServerProcess;
  ds: DataSource;
  adminCookie: string;
  partner: { secret: string; numericId: number; client: Client };
}

/** CPU seconds a process has used so far (user + system), from /proc; 0 where there is none. */
function cpuSeconds(pid: number | null): number {
  if (!pid) return 0;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
const mariadbPid = (() => {
  for (const name of ['mariadbd', 'mysqld']) {
    const r = spawnSync('pidof', [name], { encoding: 'utf8' });
    if (r.status === 0) return Number(r.stdout.trim().split(' ')[0]);
  }
  return null;
})();

/** Wall time, peak RSS, and where the CPU went: the server process and the (local) database server. */
async function timed<T>(
  bench: Bench,
  work: () => Promise<T>,
): Promise<{ value: T; seconds: number; peakMb: number; cpu: { server: number; mariadb: number } }> {
  bench.server.resetPeak();
  const cpu0 = { server: cpuSeconds(bench.server.pid), mariadb: cpuSeconds(mariadbPid) };
  const t0 = performance.now();
  const value = await work();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = {
    server: +(cpuSeconds(bench.server.pid) - cpu0.server).toFixed(2),
    mariadb: +(cpuSeconds(mariadbPid) - cpu0.mariadb).toFixed(2),
  };
  return { value, seconds, peakMb: bench.server.peakMb(), cpu };
}

async function setUp(kind: 'sqlite' | 'mariadb'): Promise<Bench & { drop: () => Promise<void> }> {
  const { db, drop } = await freshDatabase(kind);
  const server = await startServerProcess(
    db,
    ADMIN,
    process.env.BENCH_OUTBOX_WORKER === 'false' ? { OUTBOX_WORKER: 'false' } : {},
  );
  const ds = await createDataSource(db);
  await ds.initialize();
  const admin = new Client(server.url);
  await admin.gql(`mutation($i: LoginInput!) { login(input: $i) { userErrors { code } } }`, { i: ADMIN });
  const { createPartner } = await admin.gql(
    `mutation { createPartner(input: { name: "Bench Partner" }) { partner { id } } }`,
  );
  const { createApiKey } = await admin.gql(
    `mutation($p: ID!) { createApiKey(input: { partnerId: $p, name: "bench" }) { secret } }`,
    { p: createPartner.partner.id },
  );
  const numericId = Number(Buffer.from(createPartner.partner.id, 'base64url').toString().split(':')[1]);
  return {
    server,
    ds,
    adminCookie: admin.sessionCookie!,
    partner: { secret: createApiKey.secret, numericId, client: new Client(server.url, createApiKey.secret) },
    drop,
  };
}

async function benchImport(bench: Bench) {
  const { partner } = bench;
  await seedBulk(bench.ds, { orders: IMPORT_ROWS, partnerId: partner.numericId, prefix: 'IMP' });
  const rng = seededRng(7);
  const lines = ['orderId,trackingNumber,carrier,shippedOn,method'];
  for (let i = 0; i < IMPORT_ROWS; i++)
    lines.push(
      `IMP-${String(i).padStart(7, '0')},${makeTrackingNumber('ups', rng)},UPS,11/0${1 + (i % 9)}/2026,Ground`,
    );
  const file = Buffer.from(lines.join('\r\n'));

  const upload = await timed(bench, async () => {
    // A connection of its own: fetch would reuse one that sat idle while the bench seeded; past the server's 65 s
    // keep-alive the server has closed it, and the upload died with EPIPE (seen with 500,000 rows).
    const res = await post(
      `${bench.server.url}/imports?kind=tracking`,
      { authorization: `Bearer ${partner.secret}`, 'content-type': 'text/csv' },
      file,
      false,
    );
    if (res.status !== 201) throw new Error(`upload: ${res.status} ${res.body}`);
    return JSON.parse(res.body) as { importId: string };
  });
  const preview = await timed(bench, () =>
    partner.client.gql(
      `mutation($i: PreviewImportInput!) { previewImport(input: $i) { importJob { changeCount errorCount } userErrors { message } } }`,
      // 11/01/2026 reads two ways: the file's dates are month first.
      { i: { importId: upload.value.importId, dateFormat: 'MM/DD/YYYY' } },
    ),
  );
  const apply = await timed(bench, () =>
    partner.client.gql(
      `mutation($i: ApplyImportInput!) { applyImport(input: $i) { importJob { status appliedCount } userErrors { message } } }`,
      { i: { importId: upload.value.importId } },
    ),
  );
  const [{ n }] = await bench.ds.query(
    `SELECT COUNT(*) AS n FROM fulfillment WHERE order_reference LIKE 'IMP-%' AND status = 'SHIPPED'`,
  );
  if (Number(n) !== IMPORT_ROWS)
    throw new Error(`expected ${IMPORT_ROWS} shipped, found ${n}: ${JSON.stringify(apply.value)}`);
  return {
    rows: IMPORT_ROWS,
    fileMb: +(file.length / 1024 / 1024).toFixed(1),
    uploadS: +upload.seconds.toFixed(2),
    previewS: +preview.seconds.toFixed(2),
    applyS: +apply.seconds.toFixed(2),
    previewPlusApplyS: +(preview.seconds + apply.seconds).toFixed(2),
    serverPeakRssMb: Math.max(upload.peakMb, preview.peakMb, apply.peakMb),
    peakRssMbByPhase: { upload: upload.peakMb, preview: preview.peakMb, apply: apply.peakMb },
    cpuSecondsByPhase: { upload: upload.cpu, preview: preview.cpu, apply: apply.cpu },
  };
}

async function benchExport(bench: Bench) {
  const { partner } = bench;
  await seedBulk(bench.ds, { orders: EXPORT_ROWS, partnerId: partner.numericId, prefix: 'EXP' });
  if (bench.ds.options.type === 'better-sqlite3') await bench.ds.query('PRAGMA wal_checkpoint(TRUNCATE)'); // as a long-running database would be
  const result = await timed(bench, async () => {
    // As the grid's Export CSV button does it: an admin's session, every partner.
    const res = await fetch(`${bench.server.url}/exports/fulfillments.csv`, {
      headers: { cookie: bench.adminCookie },
    });
    let bytes = 0;
    let newlines = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      // memchr, not a loop over 140 MB of bytes: the counting shares the two cores with the server it measures.
      const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      for (let at = buf.indexOf(10); at !== -1; at = buf.indexOf(10, at + 1)) newlines++;
    }
    return { bytes, rows: newlines - 1 };
  });
  if (result.value.rows !== EXPORT_ROWS)
    throw new Error(`exported ${result.value.rows} rows, expected ${EXPORT_ROWS}`);
  return {
    rows: result.value.rows,
    mb: +(result.value.bytes / 1024 / 1024).toFixed(1),
    seconds: +result.seconds.toFixed(2),
    rowsPerSecond: Math.round(result.value.rows / result.seconds),
    serverPeakRssMb: result.peakMb,
    cpuSeconds: result.cpu,
  };
}

const results: Record<string, unknown> = { at: new Date().toISOString(), node: process.version };
for (const db of DBS) {
  for (const [name, run] of (
    [
      ['import', benchImport],
      ['export', benchExport],
    ] as const
  ).filter(([n]) => ONLY === 'all' || ONLY === n)) {
    const bench = await setUp(db as 'sqlite' | 'mariadb');
    try {
      process.stdout.write(`${db} ${name} … `);
      results[`${db}.${name}`] = await run(bench);
      console.log(JSON.stringify(results[`${db}.${name}`]));
    } finally {
      await bench.server.stop();
      await bench.ds.destroy();
      await bench.drop();
    }
  }
}

const dir = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(dir, 'results.json');
const previous = fs.existsSync(out)
  ? (JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, unknown>)
  : {};
fs.writeFileSync(out, `${JSON.stringify({ ...previous, importExport: results }, null, 2)}\n`);
console.log(
  '\n| database | import rows | upload s | preview s | apply s | preview+apply s | server peak RSS MB | export rows | rows/s | export server peak RSS MB |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const db of DBS) {
  const i = (results[`${db}.import`] ?? {}) as Record<string, number>;
  const e = (results[`${db}.export`] ?? {}) as Record<string, number>;
  console.log(
    `| ${db} | ${i.rows} | ${i.uploadS} | ${i.previewS} | ${i.applyS} | ${i.previewPlusApplyS} | ${i.serverPeakRssMb} | ${e.rows} | ${e.rowsPerSecond} | ${e.serverPeakRssMb} |`,
  );
}
