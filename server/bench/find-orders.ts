import 'reflect-metadata';
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { createDataSource } from '../src/db/data-source.js';
import { encodeCursor } from '../src/graphql/connection.js';
import { toGlobalId } from '../src/graphql/ids.js';
import { seedBulk } from '../src/seed/bulk.js';
import { ADMIN, Client, freshDatabase } from '../test/harness.js';
import { post } from './http.js';
import { startServerProcess } from './server-process.js';

/**
 * `pnpm bench:orders`: Find Orders and bulk actions on MariaDB at a million
 * orders, each beside the same work in plain SQL through mysql2; a 30 s
 * autocannon load test; and a scale-out run (two servers, two workers).
 */
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const ORDERS = Number(arg('orders', '1000000'));
const RUNS = Number(arg('runs', '200'));
const LOAD_SECONDS = Number(arg('load-seconds', '30'));
const WARMUP = Number(arg('warmup', '300'));
const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { medianMs: +at(0.5).toFixed(2), p99Ms: +at(0.99).toFixed(2) };
};
async function time(runs: number, work: () => Promise<unknown>) {
  // Steady state: the server's JIT takes a few hundred requests to settle; with 5 the first series measured warm-up.
  for (let i = 0; i < WARMUP; i++) await work();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    ms.push(performance.now() - t0);
  }
  return stats(ms);
}

const PAGE = `query($filter: OrderFilter, $after: String) { orders(filter: $filter, first: 50, after: $after) {
  pageInfo { hasNextPage endCursor } edges { cursor node { id reference status placedAt customer { name email } partner { name }
  fulfillments { id sku status shippedOn tracking { number url carrier { code name } } } } } } }`;

/** POST a GraphQL query on one kept-alive connection; rejects on GraphQL errors. */
function keptAlivePost(serverUrl: string, cookie: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return async (query: string, variables: Record<string, unknown>) => {
    const res = await post(
      `${serverUrl}/graphql`,
      { 'content-type': 'application/json', cookie },
      JSON.stringify({ query, variables }),
      agent,
    );
    const result = JSON.parse(res.body) as { data?: unknown; errors?: unknown[] };
    if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data;
  };
}

const { db, drop } = await freshDatabase('mariadb');
if (db.type !== 'mysql') throw new Error('mariadb only');
const results: Record<string, unknown> = { at: new Date().toISOString(), orders: ORDERS };
const server = await startServerProcess(db, ADMIN, { OUTBOX_WORKER: 'false' });
const ds = await createDataSource(db);
await ds.initialize();
const raw = await mysql.createConnection({ uri: db.url, timezone: 'Z' });
const extra: ChildProcess[] = [];
try {
  const admin = new Client(server.url);
  await admin.gql(`mutation($i: LoginInput!) { login(input: $i) { userErrors { code } } }`, { i: ADMIN });
  const { createPartner } = await admin.gql(
    `mutation { createPartner(input: { name: "Bench Partner", notificationEmails: ["ops@bench.example"] }) { partner { id } } }`,
  );
  const partnerId = Number(Buffer.from(createPartner.partner.id, 'base64url').toString().split(':')[1]);

  let t0 = performance.now();
  const seeded = await seedBulk(ds, { orders: ORDERS, partnerId, secondLineEvery: 2, prefix: 'BO' });
  // Half the lines shipped, spread over three carriers, so filters have something to find.
  await ds.query(`UPDATE fulfillment SET status = 'SHIPPED', carrier_code = ELT(1 + id % 3, 'ups', 'usps', 'fedex'), tracking_number = CONCAT('1Z', LPAD(id, 16, '0')),
    shipped_on = DATE(DATE_ADD(placed_at, INTERVAL 1 DAY)) WHERE id % 2 = 0`);
  await ds.query(
    `UPDATE orders o SET status = 'CLOSED' WHERE NOT EXISTS (SELECT 1 FROM fulfillment f WHERE f.order_id = o.id AND f.status = 'HOLD')`,
  );
  await ds.query('ANALYZE TABLE orders, fulfillment');
  results.seed = { ...seeded, seconds: +((performance.now() - t0) / 1000).toFixed(1) };
  console.log('seeded', JSON.stringify(results.seed));

  // The deep page: the cursor of the row half-way down the default sort.
  const [[mid]] = (await raw.query(
    'SELECT id, placed_at FROM orders ORDER BY placed_at DESC, id DESC LIMIT 1 OFFSET ?',
    [Math.floor(ORDERS / 2)],
  )) as unknown as [{ id: number; placed_at: Date }[]];
  const deepCursor = encodeCursor({
    sort: 'PLACED_AT:DESC',
    value: mid!.placed_at.toISOString(),
    id: mid!.id,
  });
  const filter = {
    statuses: ['OPEN'],
    fulfillmentStatuses: ['HOLD'],
    placed: { from: '2025-03-01', to: '2025-09-30' },
  };
  const filterShipped = { carrierCodes: ['ups'], placed: { from: '2025-03-01', to: '2025-09-30' } };

  // Plain SQL doing the same work as one GraphQL page: the page, its lines, the carriers (partner by primary key).
  const baseline = async (where: string, params: unknown[], keyset?: [Date, number]) => {
    const ks = keyset ? ' AND (o.placed_at < ? OR (o.placed_at = ? AND o.id < ?))' : '';
    const [orders] = (await raw.query(
      `SELECT o.* FROM orders o WHERE ${where}${ks} ORDER BY o.placed_at DESC, o.id DESC LIMIT 51`,
      keyset ? [...params, keyset[0], keyset[0], keyset[1]] : params,
    )) as unknown as [{ id: number; partner_id: number }[]];
    const ids = orders.slice(0, 50).map((o) => o.id);
    if (ids.length) {
      await raw.query('SELECT * FROM fulfillment WHERE order_id IN (?) ORDER BY id', [ids]);
      await raw.query('SELECT * FROM partner WHERE id IN (?)', [
        [...new Set(orders.map((o) => o.partner_id))],
      ]);
      await raw.query('SELECT * FROM carrier');
    }
  };
  // Timed through node:http on one kept-alive connection, as mysql2 keeps one for the baseline: fetch (undici) spent
  // 1.4 ms of the bench's own CPU per page against 0.8 here, on the same two cores the server and MariaDB share.
  const post = keptAlivePost(server.url, admin.sessionCookie!);
  const gql = (variables: Record<string, unknown>) => post(PAGE, variables);
  const page = {
    // What any request costs before it reads anything (HTTP, session, Apollo): the API's floor, beside one round trip.
    requestFloor: {
      api: await time(RUNS, () => post('{ __typename }', {})),
      sql: await time(RUNS, () => raw.query('SELECT 1')),
    },
    first: { api: await time(RUNS, () => gql({})), sql: await time(RUNS, () => baseline('1 = 1', [])) },
    deep: {
      api: await time(RUNS, () => gql({ after: deepCursor })),
      sql: await time(RUNS, () => baseline('1 = 1', [], [mid!.placed_at, mid!.id])),
    },
    filtered: {
      api: await time(RUNS, () => gql({ filter })),
      sql: await time(RUNS, () =>
        baseline(
          `o.status IN ('OPEN') AND o.placed_at >= ? AND o.placed_at < ? AND (SELECT 1 FROM fulfillment ff WHERE ff.order_id = o.id AND ff.status IN ('HOLD') LIMIT 1) IS NOT NULL`,
          [new Date('2025-03-01T00:00:00Z'), new Date('2025-10-01T00:00:00Z')],
        ),
      ),
    },
    filteredByCarrier: {
      api: await time(RUNS, () => gql({ filter: filterShipped })),
      sql: await time(RUNS, () =>
        baseline(
          `o.placed_at >= ? AND o.placed_at < ? AND (SELECT 1 FROM fulfillment ff WHERE ff.order_id = o.id AND ff.carrier_code IN ('ups') LIMIT 1) IS NOT NULL`,
          [new Date('2025-03-01T00:00:00Z'), new Date('2025-10-01T00:00:00Z')],
        ),
      ),
    },
    totalCountAllOrders: {
      api: await time(20, () => post('{ orders { totalCount } }', {})),
      sql: await time(20, () => raw.query('SELECT COUNT(*) FROM orders')),
    },
  };
  results.findOrders = page;
  console.log('find orders', JSON.stringify(page));

  // Bulk: 10,000 by ids, 100,000 by filter (HOLD lines placed in a window). A small database (--orders 5000) gets a
  // quarter of its HOLD lines by ids and half the rest by filter, so every step has lines left to ship.
  const holdCount = async () =>
    Number(
      (
        (await raw.query(`SELECT COUNT(*) AS holds FROM fulfillment WHERE status = 'HOLD'`)) as unknown as [
          { holds: number }[],
        ]
      )[0][0]!.holds,
    );
  const [idRows] = (await raw.query(
    `SELECT id FROM fulfillment WHERE status = 'HOLD' ORDER BY id DESC LIMIT ?`,
    [Math.min(10_000, Math.floor((await holdCount()) / 4))],
  )) as unknown as [{ id: number }[]];
  server.resetPeak();
  t0 = performance.now();
  const byIds = await admin.gql(
    `mutation($i: MarkFulfillmentsShippedInput!) { markFulfillmentsShipped(input: $i) { changedCount skipped { id } } }`,
    { i: { ids: idRows.map((r) => toGlobalId('Fulfillment', r.id)), notifyCustomer: true } },
  );
  const bulkIdsS = (performance.now() - t0) / 1000;
  const bulkIdsPeakMb = server.peakMb();
  const [[{ d }]] = (await raw.query(
    `SELECT DATE(placed_at) AS d FROM fulfillment WHERE status = 'HOLD' ORDER BY placed_at LIMIT 1 OFFSET ?`,
    [Math.max(0, Math.min(100_000, Math.floor((await holdCount()) / 2)) - 1)],
  )) as unknown as [{ d: Date }[]];
  server.resetPeak();
  t0 = performance.now();
  const byFilter = await admin.gql(
    `mutation($i: MarkFulfillmentsShippedInput!) { markFulfillmentsShipped(input: $i) { changedCount } }`,
    { i: { filter: { statuses: ['HOLD'], placed: { to: d.toISOString().slice(0, 10) } } } },
  );
  const bulkFilterS = (performance.now() - t0) / 1000;
  const bulkFilterPeakMb = server.peakMb();
  results.bulk = {
    byIds: {
      changed: byIds.markFulfillmentsShipped.changedCount,
      seconds: +bulkIdsS.toFixed(2),
      serverPeakRssMb: bulkIdsPeakMb,
    },
    byFilter: {
      changed: byFilter.markFulfillmentsShipped.changedCount,
      seconds: +bulkFilterS.toFixed(2),
      serverPeakRssMb: bulkFilterPeakMb,
    },
  };
  console.log('bulk', JSON.stringify(results.bulk));

  // Load: 50 connections for LOAD_SECONDS on the first page, staff session (staff have no rate bucket).
  const cookie = admin.sessionCookie!;
  const load = (url: string, connections: number) =>
    autocannon({
      url: `${url}/graphql`,
      method: 'POST',
      connections,
      duration: LOAD_SECONDS,
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query: PAGE, variables: {} }),
    });
  server.resetPeak();
  const one = await load(server.url, 50);
  results.load = {
    requestsPerSecond: Math.round(one.requests.average),
    p99Ms: one.latency.p99,
    errors: one.errors,
    non2xx: one.non2xx,
    timeouts: one.timeouts,
    serverPeakRssMb: server.peakMb(),
  };
  console.log('load', JSON.stringify(results.load));

  // Scale-out: a second server and two workers on the same database; load spread over both servers while orders ship.
  const second = await startServerProcess(db, ADMIN, { OUTBOX_WORKER: 'false' });
  for (let i = 0; i < 2; i++) {
    extra.push(
      spawn(process.execPath, ['dist/notifications/worker-main.js'], {
        cwd: serverDir,
        env: { ...process.env, DATABASE_URL: db.url },
        stdio: 'ignore',
      }),
    );
  }
  const [shipMe] = (await raw.query(
    `SELECT id FROM fulfillment WHERE status = 'HOLD' ORDER BY id LIMIT 2000`,
  )) as unknown as [{ id: number }[]];
  const shipping = (async () => {
    for (let i = 0; i < shipMe.length; i += 100) {
      await admin.gql(
        `mutation($i: MarkFulfillmentsShippedInput!) { markFulfillmentsShipped(input: $i) { changedCount } }`,
        { i: { ids: shipMe.slice(i, i + 100).map((r) => toGlobalId('Fulfillment', r.id)) } },
      );
    }
  })();
  const [a, b] = await Promise.all([load(server.url, 25), load(second.url, 25), shipping]);
  // Let the workers drain what the run queued.
  for (let i = 0; i < 120; i++) {
    const [[{ n }]] = (await raw.query(
      `SELECT COUNT(*) AS n FROM outbox_message WHERE status IN ('PENDING', 'SENDING') AND next_attempt_at <= UTC_TIMESTAMP()`,
    )) as unknown as [{ n: number }[]];
    if (Number(n) === 0) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  // One statement, one snapshot: the workers may still be draining a big queue.
  const [[mail]] =
    (await raw.query(`SELECT (SELECT COUNT(*) FROM mail_message) AS mails, (SELECT COUNT(DISTINCT outbox_id) FROM mail_message) AS distinctMessages,
    (SELECT COUNT(*) FROM outbox_message WHERE kind = 'EMAIL' AND status = 'SENT') AS sent`)) as unknown as [
      { mails: number; distinctMessages: number; sent: number }[],
    ];
  results.scaleOut = {
    requestsPerSecond: Math.round(a.requests.average + b.requests.average),
    p99Ms: Math.max(a.latency.p99, b.latency.p99),
    errors: a.errors + b.errors + a.non2xx + b.non2xx,
    emailsRendered: Number(mail!.mails),
    distinctOutboxMessages: Number(mail!.distinctMessages),
    emailOutboxSent: Number(mail!.sent),
  };
  console.log('scale-out', JSON.stringify(results.scaleOut));
  await second.stop();
} finally {
  for (const p of extra) p.kill('SIGTERM');
  await raw.end();
  await ds.destroy();
  await server.stop();
  await drop();
}

// One results file for the whole `pnpm bench`: merge beside what the import/export run wrote.
const out = path.join(serverDir, 'bench', 'results.json');
const previous = fs.existsSync(out)
  ? (JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, unknown>)
  : {};
fs.writeFileSync(out, `${JSON.stringify({ ...previous, findOrders: results }, null, 2)}\n`);
const f = results.findOrders as Record<
  string,
  { api: { medianMs: number; p99Ms: number }; sql: { medianMs: number; p99Ms: number } }
>;
console.log(
  '\n| Find Orders (50 orders + lines) | API median ms | API p99 ms | plain SQL median ms | plain SQL p99 ms | ratio (median) |',
);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const [name, r] of Object.entries(f))
  console.log(
    `| ${name} | ${r.api.medianMs} | ${r.api.p99Ms} | ${r.sql.medianMs} | ${r.sql.p99Ms} | ${(r.api.medianMs / r.sql.medianMs).toFixed(1)}× |`,
  );
console.log(
  `\nbulk: ${JSON.stringify(results.bulk)}\nload: ${JSON.stringify(results.load)}\nscale-out: ${JSON.stringify(results.scaleOut)}`,
);
