import 'reflect-metadata';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { createDataSource } from '../src/db/data-source.js';
import { seedBulk } from '../src/seed/bulk.js';
import { ADMIN, freshDatabase } from '../test/harness.js';
import { post } from './http.js';
import { startServerProcess } from './server-process.js';

/**
 * `pnpm bench:bulk`: one markFulfillmentsShipped by filter over every line of
 * 700,000 seeded orders (about a million lines) on MariaDB, then its
 * undoBulkAction: wall time, the server's peak RSS, and what InnoDB held for
 * the transaction (row locks, lock memory, undo records), sampled while it ran.
 */
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const ORDERS = Number(arg('orders', '700000'));
const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const { db, drop } = await freshDatabase('mariadb');
if (db.type !== 'mysql') throw new Error('mariadb only');
const server = await startServerProcess(db, ADMIN, { OUTBOX_WORKER: 'false' });
const ds = await createDataSource(db);
await ds.initialize();
const raw = await mysql.createConnection({ uri: db.url, timezone: 'Z' });
const results: Record<string, unknown> = { at: new Date().toISOString(), orders: ORDERS };

/** node:http on a connection of its own, without fetch's 300 s wait for response headers. */
let cookie = '';
async function gql(query: string, variables: Record<string, unknown> = {}) {
  const res = await post(
    `${server.url}/graphql`,
    { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    JSON.stringify({ query, variables }),
    new http.Agent({ keepAlive: false }),
  );
  const body = JSON.parse(res.body) as { data?: Record<string, any>; errors?: unknown[] };
  if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors).slice(0, 2000)}`);
  return { data: body.data!, bytes: Buffer.byteLength(res.body) };
}

/** The largest figures INNODB_TRX shows for any transaction while `work` runs. */
async function sampled<T>(work: () => Promise<T>) {
  const peak = { rowsLocked: 0, lockMemoryMb: 0, lockStructs: 0, undoRecords: 0 };
  let running = true;
  const sampler = (async () => {
    while (running) {
      const [rows] = (await raw.query(
        'SELECT trx_rows_locked, trx_lock_memory_bytes, trx_lock_structs, trx_rows_modified FROM information_schema.INNODB_TRX',
      )) as unknown as [Record<string, number>[]];
      for (const r of rows) {
        peak.rowsLocked = Math.max(peak.rowsLocked, Number(r.trx_rows_locked));
        peak.lockMemoryMb = Math.max(
          peak.lockMemoryMb,
          +(Number(r.trx_lock_memory_bytes) / 1048576).toFixed(1),
        );
        peak.lockStructs = Math.max(peak.lockStructs, Number(r.trx_lock_structs));
        peak.undoRecords = Math.max(peak.undoRecords, Number(r.trx_rows_modified));
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  server.resetPeak();
  const t0 = performance.now();
  try {
    const result = await work();
    return {
      result,
      seconds: +((performance.now() - t0) / 1000).toFixed(1),
      serverPeakRssMb: server.peakMb(),
      innodb: peak,
    };
  } finally {
    running = false;
    await sampler;
  }
}

const count = async (sql: string) =>
  Number(((await raw.query(sql)) as unknown as [{ n: number }[]])[0][0]!.n);

try {
  const [[settings]] = (await raw.query(
    'SELECT @@version AS version, @@innodb_buffer_pool_size DIV 1048576 AS bufferPoolMb',
  )) as unknown as [Record<string, unknown>[]];
  results.mariadb = settings;

  cookie = await signInCookie();

  const { data: created } = await gql(
    'mutation { createPartner(input: { name: "Bulk Bench Partner", notificationEmails: ["ops@bench.example"] }) { partner { id } } }',
  );
  const partnerId = Number(
    Buffer.from(created.createPartner.partner.id, 'base64url').toString().split(':')[1],
  );
  const t0 = performance.now();
  const seeded = await seedBulk(ds, { orders: ORDERS, partnerId, secondLineEvery: 2, prefix: 'BF' });
  await ds.query('ANALYZE TABLE orders, fulfillment');
  results.seed = { ...seeded, seconds: +((performance.now() - t0) / 1000).toFixed(1) };
  console.log('seeded', JSON.stringify(results.seed));

  const ship = await sampled(() =>
    gql(
      `mutation($i: MarkFulfillmentsShippedInput!) { markFulfillmentsShipped(input: $i) {
        actionId changedCount skippedCount skipped { id } changed { id } userErrors { code message } } }`,
      { i: { filter: { statuses: ['HOLD'] }, shippedOn: '2026-11-05' } },
    ),
  );
  const shipped = ship.result.data.markFulfillmentsShipped;
  if (shipped.userErrors.length) throw new Error(JSON.stringify(shipped.userErrors));
  results.ship = {
    changed: shipped.changedCount,
    skippedCount: shipped.skippedCount,
    responseBytes: ship.result.bytes,
    seconds: ship.seconds,
    linesPerSecond: Math.round(shipped.changedCount / ship.seconds),
    serverPeakRssMb: ship.serverPeakRssMb,
    innodb: ship.innodb,
    shippedInDatabase: await count(`SELECT COUNT(*) AS n FROM fulfillment WHERE status = 'SHIPPED'`),
    memberEmailsQueued: await count(
      `SELECT COUNT(*) AS n FROM outbox_message WHERE topic = 'member.shipped'`,
    ),
    digestsQueued: await count(`SELECT COUNT(*) AS n FROM outbox_message WHERE topic = 'partner.digest'`),
  };
  console.log('ship', JSON.stringify(results.ship));

  const undo = await sampled(() =>
    gql(
      `mutation($i: UndoBulkActionInput!) { undoBulkAction(input: $i) {
        restoredCount skippedCount userErrors { code message } } }`,
      { i: { actionId: shipped.actionId } },
    ),
  );
  const undone = undo.result.data.undoBulkAction;
  if (undone.userErrors.length) throw new Error(JSON.stringify(undone.userErrors));
  results.undo = {
    restored: undone.restoredCount,
    skippedCount: undone.skippedCount,
    seconds: undo.seconds,
    linesPerSecond: Math.round(undone.restoredCount / undo.seconds),
    serverPeakRssMb: undo.serverPeakRssMb,
    innodb: undo.innodb,
    holdInDatabase: await count(`SELECT COUNT(*) AS n FROM fulfillment WHERE status = 'HOLD'`),
    memberEmailsLeft: await count(`SELECT COUNT(*) AS n FROM outbox_message WHERE topic = 'member.shipped'`),
  };
  console.log('undo', JSON.stringify(results.undo));
} finally {
  await raw.end();
  await ds.destroy();
  await server.stop();
  await drop();
}

const out = path.join(serverDir, 'bench', 'bulk-filter-results.json');
fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwrote ${out}`);

async function signInCookie(): Promise<string> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({
      query: 'mutation($i: LoginInput!) { login(input: $i) { userErrors { code } } }',
      variables: { i: ADMIN },
    });
    const req = http.request(
      `${server.url}/graphql`,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const set = res.headers['set-cookie']?.find((c) => c.startsWith('ft_session='));
        res.resume();
        if (set) resolve(set.split(';')[0]!);
        else reject(new Error(`no session cookie (HTTP ${res.statusCode})`));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
