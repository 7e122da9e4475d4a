import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transact } from '../src/db/transaction.js';
import { fromGlobalId } from '../src/graphql/ids.js';
import { seedBulk } from '../src/seed/bulk.js';
import { makeTrackingNumber, seededRng } from '../src/seed/tracking-numbers.js';
import {
  Client,
  createOrder,
  createPartner,
  previewChangeCount,
  signIn,
  startSecondServer,
  startTestApp,
  uploadTrackingCsv,
  upsNumber,
  type TestApp,
} from './harness.js';
import { killDuring as killConnectionDuring } from './kill-connection.js';

/**
 * The database connection dies in the middle of a write: MariaDB kills it while
 * a trigger holds the statement. The transaction must roll back, the caller
 * must hear "try again", and trying again must finish the job exactly once.
 */
let app: TestApp;
let admin: Client;
let partner: { id: string; client: Client; secret: string };
let root: mysql.Connection;

const killDuring = <T>(table: string, work: () => Promise<T>, when?: string) =>
  killConnectionDuring(app, root, table, work, when);

beforeAll(async () => {
  app = await startTestApp();
  admin = await signIn(app);
  partner = await createPartner(admin, app, 'Fault Partner');
  root = await mysql.createConnection({ uri: (app.config.database as { url: string }).url });
});
afterAll(async () => {
  await root?.end();
  await app?.stop();
});

describe('the database connection dies mid-write', () => {
  it('during a bulk action: rolled back, RETRYABLE, and the retry ships every fulfillment once', async () => {
    const orders = [];
    for (let i = 0; i < 5; i++) orders.push(await createOrder(partner.client));
    const ids = orders.map((o) => o.fulfillments[0].id);
    const SHIP = `mutation($i: MarkFulfillmentsShippedInput!) { markFulfillmentsShipped(input: $i) { changedCount } }`;
    const failed = (await killDuring('fulfillment_event', () => admin.raw(SHIP, { i: { ids } }))) as Awaited<
      ReturnType<Client['raw']>
    >;
    expect(failed.errors?.[0]).toMatchObject({
      message: 'The database was unavailable for a moment; nothing was saved. Try again.',
      extensions: { code: 'RETRYABLE' },
    });
    const [{ shipped }] = await app.ds.query(
      `SELECT COUNT(*) AS shipped FROM fulfillment WHERE status = 'SHIPPED'`,
    );
    expect(Number(shipped)).toBe(0);
    expect(Number((await app.ds.query('SELECT COUNT(*) AS n FROM bulk_action'))[0].n)).toBe(0);

    const retry = await admin.gql(SHIP, { i: { ids } });
    expect(retry.markFulfillmentsShipped.changedCount).toBe(5);
    const [{ events }] = await app.ds.query(
      `SELECT COUNT(*) AS events FROM fulfillment_event WHERE type = 'SHIPPED'`,
    );
    expect(Number(events)).toBe(5);
    const [{ emails }] = await app.ds.query(
      `SELECT COUNT(*) AS emails FROM outbox_message WHERE topic = 'member.shipped'`,
    );
    expect(Number(emails)).toBe(5);
  });

  it('during an import batch: the batch rolls back, the job says FAILED, and applying again finishes it once', async () => {
    const refs = [];
    for (let i = 0; i < 3; i++) refs.push((await createOrder(partner.client)).reference);
    const csv = `orderId,trackingNumber\n${refs.map((r, i) => `${r},${upsNumber(10 + i)}`).join('\n')}\n`;
    const up = await fetch(`${app.url}/imports?kind=tracking`, {
      method: 'POST',
      headers: { authorization: `Bearer ${partner.secret}`, 'content-type': 'text/csv' },
      body: csv,
    });
    const { importId } = await up.json();
    await partner.client.gql(
      `mutation($i: PreviewImportInput!) { previewImport(input: $i) { userErrors { code } } }`,
      { i: { importId } },
    );
    const APPLY = `mutation($i: ApplyImportInput!) { applyImport(input: $i) { importJob { status appliedCount } userErrors { code } } }`;
    const failed = (await killDuring('fulfillment_event', () =>
      partner.client.raw(APPLY, { i: { importId } }),
    )) as Awaited<ReturnType<Client['raw']>>;
    expect(failed.errors?.[0]?.extensions?.code).toBe('RETRYABLE');
    const { importJob } = await partner.client.gql(
      `query($id: ID!) { importJob(id: $id) { status appliedCount } }`,
      { id: importId },
    );
    expect(importJob).toEqual({ status: 'FAILED', appliedCount: 0 });
    const [{ shipped }] = await app.ds.query(
      `SELECT COUNT(*) AS shipped FROM fulfillment WHERE order_reference IN (?, ?, ?) AND status = 'SHIPPED'`,
      refs,
    );
    expect(Number(shipped)).toBe(0);

    const retry = await partner.client.gql(APPLY, { i: { importId } });
    expect(retry.applyImport.importJob).toEqual({ status: 'APPLIED', appliedCount: 3 });
    const [{ events }] = await app.ds.query(
      `SELECT COUNT(*) AS events FROM fulfillment_event e JOIN fulfillment f ON f.id = e.fulfillment_id WHERE f.order_reference IN (?, ?, ?) AND e.type = 'SHIPPED'`,
      refs,
    );
    expect(Number(events)).toBe(3);
  });

  it('during one lane of a big import: the other lane stays whole, no order is half-shipped, and applying again finishes the rest once', async () => {
    // 800 orders, every second one with two lines, one file row per line: 1,200 rows, so apply splits each batch into
    // two transactions side by side. They must own whole orders: a lane that rolls back may not leave half an order shipped.
    const partnerId = Number(Buffer.from(partner.id, 'base64url').toString().split(':')[1]);
    await seedBulk(app.ds, { orders: 800, partnerId, prefix: 'LANE', secondLineEvery: 2 });
    const lines = (await app.ds.query(
      `SELECT id, order_id, order_reference, sku FROM fulfillment WHERE order_reference LIKE 'LANE-%' ORDER BY sku, id`,
    )) as { id: number; order_id: number; order_reference: string; sku: string }[];
    expect(lines.length).toBe(1200);
    const rng = seededRng(11);
    // Lines sorted by SKU: an order's two lines stand 400–800 lines apart in the file, in different halves of any line split.
    const csv = `orderId,sku,trackingNumber\n${lines.map((l) => `${l.order_reference},${l.sku},${makeTrackingNumber('ups', rng)}`).join('\n')}\n`;
    const importId = await uploadTrackingCsv(app.url, partner.secret, csv);
    expect(await previewChangeCount(partner.client, importId)).toBe(1200);

    const APPLY = `mutation($i: ApplyImportInput!) { applyImport(input: $i) { importJob { status appliedCount } userErrors { code } } }`;
    const victim = lines.find((l) => l.sku === 'SOCK-3')!;
    const failed = (await killDuring(
      'fulfillment_event',
      () => partner.client.raw(APPLY, { i: { importId } }),
      `NEW.fulfillment_id = ${Number(victim.id)}`,
    )) as Awaited<ReturnType<Client['raw']>>;
    expect(failed.errors?.[0]?.extensions?.code).toBe('RETRYABLE');

    // Whatever committed is whole: a line is shipped exactly when it has its event and its email, and an order is
    // CLOSED exactly when all its lines shipped; no order has one line shipped and the other not.
    const state = async () =>
      (await app.ds.query(`SELECT f.order_id, f.status, o.status AS order_status,
        (SELECT COUNT(*) FROM fulfillment_event e WHERE e.fulfillment_id = f.id AND e.type = 'SHIPPED') AS events,
        (SELECT COUNT(*) FROM outbox_message m WHERE m.dedupe_key = CONCAT('member.shipped:', f.id)) AS emails
      FROM fulfillment f JOIN orders o ON o.id = f.order_id WHERE f.order_reference LIKE 'LANE-%'`)) as {
        order_id: number;
        status: string;
        order_status: string;
        events: number;
        emails: number;
      }[];
    const after = await state();
    const shipped = after.filter((r) => r.status === 'SHIPPED');
    expect(shipped.length).toBeGreaterThan(0);
    expect(shipped.length).toBeLessThan(1200);
    const byOrder = new Map<number, string[]>();
    for (const r of after) {
      const done = r.status === 'SHIPPED';
      expect([Number(r.events), Number(r.emails)]).toEqual([done ? 1 : 0, done ? 1 : 0]);
      byOrder.set(Number(r.order_id), [...(byOrder.get(Number(r.order_id)) ?? []), r.status]);
    }
    const halfShipped = [...byOrder.values()].filter((statuses) => new Set(statuses).size > 1);
    expect(halfShipped).toEqual([]);
    for (const r of after) expect(r.order_status === 'CLOSED').toBe(r.status === 'SHIPPED');
    const { importJob } = await partner.client.gql(
      `query($id: ID!) { importJob(id: $id) { status appliedCount } }`,
      { id: importId },
    );
    expect(importJob).toEqual({ status: 'FAILED', appliedCount: shipped.length });

    const retry = await partner.client.gql(APPLY, { i: { importId } });
    expect(retry.applyImport.importJob).toEqual({ status: 'APPLIED', appliedCount: 1200 });
    const final = await state();
    expect(
      final.every(
        (r) =>
          r.status === 'SHIPPED' &&
          Number(r.events) === 1 &&
          Number(r.emails) === 1 &&
          r.order_status === 'CLOSED',
      ),
    ).toBe(true);
  });
});

describe('two servers resume the same import a crash left APPLYING', () => {
  it('every row is written once: no doubled history, emails or counts', async () => {
    const partnerId = Number(Buffer.from(partner.id, 'base64url').toString().split(':')[1]);
    await seedBulk(app.ds, { orders: 3000, partnerId, prefix: 'RACE' });
    const rng = seededRng(5);
    const csv = `orderId,trackingNumber\n${Array.from({ length: 3000 }, (_, i) => `RACE-${String(i).padStart(7, '0')},${makeTrackingNumber('ups', rng)}`).join('\n')}\n`;
    const importId = await uploadTrackingCsv(app.url, partner.secret, csv);
    expect(await previewChangeCount(partner.client, importId)).toBe(3000);
    // The process applying it died before its first batch: the job is APPLYING, and no process is running it.
    await app.ds.query(`UPDATE import_job SET status = 'APPLYING' WHERE status = 'PREVIEWED'`);

    const second = await startSecondServer(app);
    try {
      const APPLY = `mutation($i: ApplyImportInput!) { applyImport(input: $i) { importJob { status appliedCount } userErrors { code message } } }`;
      const both = await Promise.all(
        [partner.client, new Client(second.url, partner.secret)].map((c) =>
          c.gql(APPLY, { i: { importId } }),
        ),
      );
      // Each server wrote the rows the other had not, and both saw the job finished.
      for (const { applyImport } of both)
        expect(applyImport).toEqual({ importJob: { status: 'APPLIED', appliedCount: 3000 }, userErrors: [] });
    } finally {
      await second.stop();
    }
    const [written] = await app.ds.query(`SELECT COUNT(*) AS shipped,
        (SELECT COUNT(*) FROM fulfillment_event e JOIN fulfillment f ON f.id = e.fulfillment_id WHERE f.order_reference LIKE 'RACE-%' AND e.channel = 'CSV_IMPORT') AS events,
        (SELECT COUNT(*) FROM outbox_message m JOIN fulfillment f ON m.dedupe_key = CONCAT('member.shipped:', f.id) WHERE f.order_reference LIKE 'RACE-%') AS emails
      FROM fulfillment WHERE order_reference LIKE 'RACE-%' AND status = 'SHIPPED'`);
    expect([written.shipped, written.events, written.emails].map(Number)).toEqual([3000, 3000, 3000]);
    const { importJob } = await partner.client.gql(
      `query($id: ID!) { importJob(id: $id) { status appliedCount } }`,
      { id: importId },
    );
    expect(importJob).toEqual({ status: 'APPLIED', appliedCount: 3000 });
  });
});

describe('the database refuses a read of a row changed since the snapshot', () => {
  // innodb_snapshot_isolation is on by default from MariaDB 11.6.2; this server has it off, so this session turns it on.
  it('(innodb_snapshot_isolation) the unit of work runs again and reads the row as committed', async () => {
    const order = await createOrder(partner.client);
    const id = fromGlobalId('Fulfillment', order.fulfillments[0].id)!;
    let attempts = 0;
    const seen = await transact(app.ds, async (em) => {
      attempts++;
      await em.query('SET SESSION innodb_snapshot_isolation = ON');
      try {
        await em.query('SELECT status FROM fulfillment WHERE id = ?', [id]); // the snapshot
        if (attempts === 1)
          await root.query(`UPDATE fulfillment SET tracking_status = 'IN_TRANSIT' WHERE id = ?`, [id]); // committed after it
        const [row] = await em.query(
          'SELECT tracking_status FROM fulfillment WHERE id = ? LOCK IN SHARE MODE',
          [id],
        );
        return row.tracking_status as string;
      } finally {
        await em.query('SET SESSION innodb_snapshot_isolation = DEFAULT');
      }
    });
    expect({ attempts, seen }).toEqual({ attempts: 2, seen: 'IN_TRANSIT' });
  });
});
