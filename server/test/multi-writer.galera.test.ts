import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDataSource } from '../src/db/data-source.js';
import { fromGlobalId } from '../src/graphql/ids.js';
import { OutboxWorker } from '../src/notifications/worker.js';
import { seedBulk } from '../src/seed/bulk.js';
import { NODES, nodeUrl, startClusterApps, type ClusterApps } from './cluster.js';
import {
  Client,
  createOrder,
  createPartner,
  previewChangeCount,
  serve,
  signIn,
  uploadTrackingCsv,
  upsNumber,
} from './harness.js';
import { SmtpReceiver } from './smtp-receiver.js';

/**
 * Two servers on two nodes of a 3-node Galera cluster, writing at the same moment: what a multi-writer
 * deployment must keep true. Figures are printed for docs/performance.md.
 */
let cluster: ClusterApps;
let partner: { id: string; client: Client; secret: string };
let partnerOnB: Client;

beforeAll(async () => {
  cluster = await startClusterApps();
  const admin = await signIn(cluster.a);
  partner = await createPartner(admin, cluster.a);
  partnerOnB = new Client(cluster.b.url, partner.secret);
});
afterAll(async () => {
  await cluster?.stop();
  // A node the last test killed rejoins, for the next run.
  execFileSync('bash', [path.resolve(import.meta.dirname, '../../scripts/galera-cluster.sh'), 'start'], {
    stdio: 'inherit',
  });
}, 180_000);

const SHIP_ALL = `mutation($i: MarkFulfillmentsShippedInput!) { markFulfillmentsShipped(input: $i) {
  changedCount userErrors { code message } } }`;

const SHIP = `mutation($i: UpdateFulfillmentTrackingInput!) { updateFulfillmentTracking(input: $i) {
  fulfillment { id status } userErrors { code message } } }`;

/** `orders` orders of the test partner, written straight to the database, each with one line (or `lines`). */
async function seedOrders(prefix: string, orders: number, lines: 1 | 2 = 1) {
  const partnerId = fromGlobalId('Partner', partner.id)!;
  await seedBulk(cluster.a.ds, { orders, partnerId, prefix, ...(lines === 2 ? { secondLineEvery: 1 } : {}) });
}

async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

describe('two servers on two Galera nodes', () => {
  it('closes every order whose two lines were shipped through different servers at the same moment', async () => {
    const ORDERS = 300;
    const orders: { reference: string; fulfillments: { id: string }[] }[] = [];
    await inParallel(
      Array.from({ length: ORDERS }, (_, i) => i),
      8,
      async () => {
        orders.push(
          await createOrder(partner.client, {
            fulfillments: [
              { sku: 'A-1', productName: 'Left', quantity: 1 },
              { sku: 'B-1', productName: 'Right', quantity: 1 },
            ],
          }),
        );
      },
    );
    const failures: string[] = [];
    await inParallel(orders, 6, async (order) => {
      const [first, second] = order.fulfillments;
      const results = await Promise.all([
        partner.client.raw(SHIP, { i: { fulfillmentId: first.id, trackingNumber: upsNumber(1) } }),
        partnerOnB.raw(SHIP, { i: { fulfillmentId: second.id, trackingNumber: upsNumber(2) } }),
      ]);
      for (const r of results)
        if (r.status !== 200 || r.errors || r.data.updateFulfillmentTracking.userErrors.length)
          failures.push(JSON.stringify({ status: r.status, errors: r.errors, data: r.data }));
    });
    const refs = orders.map((o) => o.reference);
    const [row] = await cluster.a.ds.query(
      `SELECT COUNT(*) AS wrong FROM orders o WHERE o.status <> 'CLOSED'
         AND NOT EXISTS (SELECT 1 FROM fulfillment f WHERE f.order_id = o.id AND f.status <> 'SHIPPED')`,
    );
    const [shipped] = await cluster.a.ds.query(
      `SELECT (SELECT COUNT(*) FROM fulfillment WHERE status = 'SHIPPED' AND order_reference IN (${refs.map(() => '?').join(',')})) AS shipped_lines,
        (SELECT COUNT(*) FROM orders WHERE status = 'CLOSED' AND reference IN (${refs.map(() => '?').join(',')})) AS closed`,
      [...refs, ...refs],
    );
    expect([Number(shipped.shipped_lines), Number(shipped.closed)]).toEqual([2 * ORDERS, ORDERS]);
    console.log(
      `[multi-writer] write skew: ${Number(row.wrong)} wrong of ${ORDERS} orders, ${failures.length} failed requests`,
    );
    expect(failures).toEqual([]);
    expect(Number(row.wrong)).toBe(0);
  });

  it('one API key through both servers at once: no request fails', async () => {
    const REQUESTS = 600;
    const statuses = new Map<number, number>();
    const other: string[] = [];
    await inParallel(
      Array.from({ length: REQUESTS }, (_, i) => i),
      12,
      async (i) => {
        const client = i % 2 ? partnerOnB : partner.client;
        const r = await client.raw(`{ orders(first: 5) { totalCount edges { node { id reference } } } }`);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        if (r.errors) other.push(JSON.stringify(r.errors).slice(0, 300));
      },
    );
    console.log(
      `[multi-writer] one key, two servers: ${JSON.stringify(Object.fromEntries(statuses))} of ${REQUESTS}`,
    );
    expect(other).toEqual([]);
    expect(statuses.get(200)).toBe(REQUESTS);
  });

  it('the same createOrder sent to both servers at once gives one order, answered to both', async () => {
    const PAIRS = 200;
    const problems: string[] = [];
    await inParallel(
      Array.from({ length: PAIRS }, (_, i) => i),
      6,
      async (i) => {
        const input = {
          reference: `TWIN-${i}`,
          customer: { name: 'Ada Lovelace', email: 'ada@example.com', locale: 'en' },
          fulfillments: [{ sku: 'SHOE-42', productName: 'Trail Running Shoe', quantity: 1 }],
        };
        const CREATE = `mutation($i: CreateOrderInput!) { createOrder(input: $i) { order { id } userErrors { code message } } }`;
        const [x, y] = await Promise.all([
          partner.client.raw(CREATE, { i: input }),
          partnerOnB.raw(CREATE, { i: input }),
        ]);
        const ids = [x, y].map((r) => r.data?.createOrder?.order?.id);
        if (x.errors || y.errors || !ids[0] || ids[0] !== ids[1])
          problems.push(JSON.stringify({ x: x.errors ?? x.data, y: y.errors ?? y.data }));
      },
    );
    const [row] = await cluster.a.ds.query(`SELECT COUNT(*) AS n FROM orders WHERE reference LIKE 'TWIN-%'`);
    console.log(
      `[multi-writer] createOrder twins: ${problems.length} problems of ${PAIRS}, ${Number(row.n)} orders`,
    );
    expect(problems).toEqual([]);
    expect(Number(row.n)).toBe(PAIRS);
  });

  it("endpoints created through both servers at once stop at the partner's cap of 10", async () => {
    const CREATE = `mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { endpoint { id } userErrors { code } } }`;
    const create = (client: Client, n: number) =>
      client.gql(CREATE, { i: { url: `http://127.0.0.1:9/hook-${n}` } });
    for (let n = 0; n < 7; n++) await create(partner.client, n);
    // Six at once, three through each server, for the last three places.
    const results = await Promise.all(
      [7, 8, 9, 10, 11, 12].map((n) => create(n % 2 ? partnerOnB : partner.client, n)),
    );
    const codes = results.map((r) => r.createWebhookEndpoint.userErrors[0]?.code ?? 'CREATED').sort();
    const [row] = await cluster.a.ds.query(
      `SELECT COUNT(*) AS n FROM webhook_endpoint WHERE partner_id = ? AND disabled_at IS NULL`,
      [fromGlobalId('Partner', partner.id)],
    );
    console.log(
      `[multi-writer] endpoint cap: ${Number(row.n)} active after 6 creations at once for 3 places`,
    );
    expect(codes).toEqual([
      'CREATED',
      'CREATED',
      'CREATED',
      'LIMIT_EXCEEDED',
      'LIMIT_EXCEEDED',
      'LIMIT_EXCEEDED',
    ]);
    expect(Number(row.n)).toBe(10);
  });

  it('a row one server wrote is read at once by the other (causal reads)', async () => {
    const TRIES = 500;
    await cluster.a.ds.query('CREATE TABLE causal_probe (id INT PRIMARY KEY AUTO_INCREMENT, v INT NOT NULL)');
    let stale = 0;
    try {
      // Eight at a time, so the reads go out on several of B's pooled connections, each set up as it opened.
      await inParallel(
        Array.from({ length: TRIES }, (_, i) => i),
        8,
        async (i) => {
          const written = await cluster.a.ds.query('INSERT INTO causal_probe (v) VALUES (?)', [i]);
          const read = await cluster.b.ds.query('SELECT v FROM causal_probe WHERE id = ?', [
            written.insertId,
          ]);
          if (read.length === 0) stale++;
        },
      );
      const sessions = await Promise.all(
        Array.from({ length: 8 }, () =>
          cluster.b.ds.query('SELECT @@SESSION.wsrep_sync_wait AS w, SLEEP(0.05)'),
        ),
      );
      expect(sessions.map(([r]) => Number(r.w))).toEqual(Array(8).fill(1));
    } finally {
      await cluster.a.ds.query('DROP TABLE causal_probe');
    }
    console.log(`[multi-writer] causal reads: ${stale} stale of ${TRIES}`);
    expect(stale).toBe(0);
  });

  it('an import uploaded through one server is previewed at once through the other, under write load', async () => {
    const TRIES = 40;
    let stop = false;
    // Other writers keep node B's appliers busy, as a busy shop does.
    let batch = 0;
    const load = Promise.all([
      ...[partner.client, partnerOnB].map(async (client) => {
        while (!stop) await createOrder(client, {}).catch(() => undefined);
      }),
      (async () => {
        while (!stop) await seedOrders(`LOAD${batch++}`, 2000);
      })(),
    ]);
    // A failed seed fails the test when it is awaited below, not as an unhandled rejection meanwhile.
    load.catch(() => undefined);
    let stale = 0;
    try {
      for (let i = 0; i < TRIES; i++) {
        const csv = `orderId,trackingNumber\n${Array.from({ length: 500 }, (_, k) => `NOPE-${i}-${k},${upsNumber(3)}`).join('\n')}\n`;
        const importId = await uploadTrackingCsv(cluster.a.url, partner.secret, csv);
        const preview = await partnerOnB.raw(
          `mutation($i: PreviewImportInput!) { previewImport(input: $i) { importJob { id rowCount } userErrors { code message } } }`,
          { i: { importId } },
        );
        if (preview.errors || preview.data.previewImport.userErrors.length) stale++;
      }
    } finally {
      stop = true;
      await load;
    }
    console.log(`[multi-writer] read your writes: ${stale} stale of ${TRIES}`);
    expect(stale).toBe(0);
  });

  it('outbox workers on every node send each email exactly once', async () => {
    const smtp = await SmtpReceiver.start();
    await seedOrders('MAIL', 600);
    // What earlier tests queued is not this test's to count.
    await cluster.a.ds.query(
      `UPDATE outbox_message SET status = 'SENT' WHERE status IN ('PENDING', 'SENDING')`,
    );
    const errors = vi.spyOn(console, 'error');
    const sources = await Promise.all(
      [0, 1, 2].map(async (i) => {
        const ds = await createDataSource({ type: 'mysql', url: nodeUrl(i, cluster.database) });
        return ds.initialize();
      }),
    );
    const workers = sources.map(
      (ds, i) =>
        new OutboxWorker(ds, cluster.a.config, { id: `node${i}`, transport: smtp.transport(), pollMs: 20 }),
    );
    try {
      for (const w of workers) w.start();
      const admin = await signIn(cluster.a);
      const adminOnB = await signIn({ ...cluster.a, url: cluster.b.url });
      const ids = (
        await cluster.a.ds.query(`SELECT id FROM fulfillment WHERE order_reference LIKE 'MAIL-%' ORDER BY id`)
      ).map((r: { id: number }) => Buffer.from(`Fulfillment:${r.id}`).toString('base64url'));
      // Half through each server, so both write outbox rows while every worker claims.
      const halves = [ids.slice(0, 300), ids.slice(300)];
      const shipped = await Promise.all([
        admin.gql(SHIP_ALL, { i: { ids: halves[0], shippedOn: '2026-12-01' } }),
        adminOnB.gql(SHIP_ALL, { i: { ids: halves[1], shippedOn: '2026-12-01' } }),
      ]);
      expect(shipped.map((r) => r.markFulfillmentsShipped.changedCount)).toEqual([300, 300]);
      for (let i = 0; i < 600; i++) {
        const [left] = await cluster.a.ds.query(
          `SELECT COUNT(*) AS n FROM outbox_message WHERE kind = 'EMAIL' AND status IN ('PENDING', 'SENDING')`,
        );
        if (Number(left.n) === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await Promise.all(sources.map((ds) => ds.destroy()));
      await smtp.close();
      errors.mockRestore();
    }
    const [sent] = await cluster.a.ds.query(
      `SELECT COUNT(*) AS n FROM outbox_message m
         JOIN fulfillment f ON m.dedupe_key = CONCAT('member.shipped:', f.id)
       WHERE f.order_reference LIKE 'MAIL-%' AND m.status = 'SENT'`,
    );
    const pollFailures = errors.mock.calls.filter((c) => String(c[0]).includes('poll failed')).length;
    console.log(
      `[multi-writer] outbox, 3 workers: ${smtp.mails.length} mails for 600 shipped lines, ${Number(sent.n)} sent rows, ${pollFailures} failed polls`,
    );
    expect(Number(sent.n)).toBe(600);
    expect(smtp.mails.filter((m) => /customer\d+@example.com/.test(JSON.stringify(m.to))).length).toBe(600);
    expect(pollFailures).toBe(0);
  }, 120_000);
});

describe('an import applied through one server while the other changes the same orders', () => {
  it('applies every row, every change through the other server succeeds, and every order ends as its lines say', async () => {
    const ORDERS = 1000;
    await seedOrders('MIX', ORDERS, 2);
    const lines = (await cluster.a.ds.query(
      `SELECT id, order_reference AS ref, sku FROM fulfillment WHERE order_reference LIKE 'MIX-%' ORDER BY id`,
    )) as { id: number; ref: string; sku: string }[];
    const shoes = lines.filter((l) => l.sku === 'SHOE-42');
    const socks = lines.filter((l) => l.sku === 'SOCK-3');
    expect([shoes.length, socks.length]).toEqual([ORDERS, ORDERS]);
    const csv = `orderId,sku,trackingNumber\n${shoes.map((l) => `${l.ref},SHOE-42,${upsNumber(4)}`).join('\n')}\n`;
    const importId = await uploadTrackingCsv(cluster.a.url, partner.secret, csv);
    expect(await previewChangeCount(partner.client, importId)).toBe(ORDERS);
    const failures: string[] = [];
    const started = Date.now();
    const [applied] = await Promise.all([
      partner.client.raw(
        `mutation($i: ApplyImportInput!) { applyImport(input: $i) { importJob { status appliedCount } userErrors { code } } }`,
        { i: { importId } },
      ),
      inParallel(socks, 6, async (l) => {
        const r = await partnerOnB.raw(SHIP, {
          i: {
            fulfillmentId: Buffer.from(`Fulfillment:${l.id}`).toString('base64url'),
            trackingNumber: upsNumber(5),
          },
        });
        if (r.status !== 200 || r.errors || r.data.updateFulfillmentTracking.userErrors.length)
          failures.push(JSON.stringify(r.errors ?? r.data).slice(0, 300));
      }),
    ]);
    const seconds = (Date.now() - started) / 1000;
    expect(applied.errors).toBeUndefined();
    expect(applied.data.applyImport.importJob).toEqual({ status: 'APPLIED', appliedCount: ORDERS });
    expect(failures).toEqual([]);
    const [row] = await cluster.a.ds.query(
      `SELECT SUM(o.status = 'CLOSED') AS closed FROM orders o WHERE o.reference LIKE 'MIX-%'`,
    );
    console.log(
      `[multi-writer] import of ${ORDERS} rows on A while B shipped the other line of each order: ${Number(row.closed)} of ${ORDERS} orders closed, ${failures.length} failed requests, ${seconds.toFixed(1)} s`,
    );
    expect(Number(row.closed)).toBe(ORDERS);
  }, 180_000);
});

describe('a bulk action of many thousand lines on a cluster', () => {
  it('replicates as it goes (streaming replication) rather than as one write set at commit', async () => {
    const LINES = 12_000;
    await seedOrders('HUGE', LINES);
    const mysql = await import('mysql2/promise');
    // Another node holds the fragments of a streaming transaction that has not committed yet.
    const watcher = await mysql.createConnection({ uri: NODES[2]! });
    const admin = await signIn({ ...cluster.a, url: cluster.b.url });
    let most = 0;
    let done = false;
    try {
      const shipping = admin
        .gql(SHIP_ALL, { i: { filter: { search: 'HUGE-' }, shippedOn: '2026-12-01' } })
        .finally(() => (done = true));
      while (!done) {
        const [rows] = (await watcher.query(
          'SELECT COUNT(*) AS n FROM mysql.wsrep_streaming_log',
        )) as unknown as [{ n: number }[]];
        most = Math.max(most, Number(rows[0]!.n));
        await new Promise((r) => setTimeout(r, 20));
      }
      expect((await shipping).markFulfillmentsShipped).toEqual({ changedCount: LINES, userErrors: [] });
    } finally {
      await watcher.end();
    }
    console.log(`[multi-writer] ${LINES}-line bulk action: up to ${most} fragments replicated before commit`);
    expect(most).toBeGreaterThan(0);
    const [row] = await cluster.a.ds.query(
      `SELECT SUM(status = 'SHIPPED') AS shipped FROM fulfillment WHERE order_reference LIKE 'HUGE-%'`,
    );
    expect(Number(row.shipped)).toBe(LINES);
  }, 180_000);
});

describe('a node killed with kill -9 in the middle of a bulk action', () => {
  it('leaves nothing half-written, and the retry, through the next host of DATABASE_URL, ships every line once', async () => {
    const LINES = 6000;
    await seedOrders('KILL', LINES);
    // Server C lists node 1, then node 2.
    const url = nodeUrl(1, cluster.database).replace('127.0.0.1:3312', '127.0.0.1:3312,127.0.0.1:3313');
    const dsC = await createDataSource({ type: 'mysql', url });
    await dsC.initialize();
    const c = await serve(dsC, { ...cluster.a.config, database: { type: 'mysql', url } });
    const health = async () => (await (await fetch(`${c.url}/healthz`)).json()) as { database: string };
    try {
      expect((await health()).database).toBe('127.0.0.1:3312');
      const admin = await signIn({ ...cluster.a, url: c.url });
      const input = { i: { filter: { search: 'KILL-' }, shippedOn: '2026-12-01' } };
      const pending = admin.raw(SHIP_ALL, input);
      // Killed once the action is under way: its first fragment has reached another node.
      await untilFragmentsOnNode(2);
      killNode(1);
      const failed = await pending;
      expect(failed.status).toBe(503);
      expect(failed.errors?.[0]?.extensions?.code).toBe('RETRYABLE');
      const state = async () => {
        const [row] = await cluster.a.ds.query(`SELECT
            SUM(f.status = 'SHIPPED') AS shipped,
            (SELECT COUNT(*) FROM fulfillment_event e JOIN fulfillment g ON g.id = e.fulfillment_id
              WHERE g.order_reference LIKE 'KILL-%' AND e.type = 'SHIPPED') AS events,
            (SELECT COUNT(*) FROM outbox_message m JOIN fulfillment g ON m.dedupe_key = CONCAT('member.shipped:', g.id)
              WHERE g.order_reference LIKE 'KILL-%') AS emails
          FROM fulfillment f WHERE f.order_reference LIKE 'KILL-%'`);
        return [row.shipped, row.events, row.emails].map(Number);
      };
      expect(await state()).toEqual([0, 0, 0]);

      const retried = await admin.gql(SHIP_ALL, input);
      expect(retried.markFulfillmentsShipped).toEqual({ changedCount: LINES, userErrors: [] });
      expect((await health()).database).toBe('127.0.0.1:3313');
      expect(await state()).toEqual([LINES, LINES, LINES]);
      console.log(
        `[multi-writer] node killed mid bulk action: nothing written, retry on the next host shipped ${LINES} lines once`,
      );
    } finally {
      await c.stop();
    }
  });
});

/** Waits until node `i` holds a fragment of a streaming transaction that has not committed yet. */
async function untilFragmentsOnNode(i: number) {
  const mysql = await import('mysql2/promise');
  const watcher = await mysql.createConnection({ uri: NODES[i]! });
  try {
    for (let tries = 0; tries < 1500; tries++) {
      const [rows] = (await watcher.query(
        'SELECT COUNT(*) AS n FROM mysql.wsrep_streaming_log',
      )) as unknown as [{ n: number }[]];
      if (Number(rows[0]!.n) > 0) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no fragment reached node ${i} within 15 s`);
  } finally {
    await watcher.end();
  }
}

/** kill -9 of a Galera node's server process (scripts/galera-cluster.sh brings it back). */
function killNode(i: number) {
  const dir = `${process.env.GALERA_DIR ?? `${os.tmpdir()}/ft-galera`}/node${i}`;
  process.kill(Number(fs.readFileSync(`${dir}/mysqld.pid`, 'utf8').trim()), 'SIGKILL');
}
