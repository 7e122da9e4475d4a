import mysql from 'mysql2/promise';
import { format } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { retryMessage, retryReason } from '../src/db/errors.js';
import { seedBulk } from '../src/seed/bulk.js';
import { makeTrackingNumber, seededRng } from '../src/seed/tracking-numbers.js';
import { createOrder, createPartner, signIn, startTestApp, type Client, type TestApp } from './harness.js';
import { databaseOf, killDuring as killConnectionDuring } from './kill-connection.js';

/**
 * A response that says RETRYABLE answers HTTP 503 with Retry-After, whichever
 * path it took (a mutation's error at a field path, or the rate limit before
 * the query ran), and says why: a conflict with another change, or the
 * database unavailable. An import applied in part says how much stays written.
 */
let app: TestApp;
let admin: Client;
let root: mysql.Connection;
const dbName = () => databaseOf(app);

const killDuring = <T>(table: string, work: () => Promise<T>, when?: string) =>
  killConnectionDuring(app, root, table, work, when);

async function post(headers: Record<string, string>, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as any };
}

beforeAll(async () => {
  app = await startTestApp({ production: true, introspection: false });
  admin = await signIn(app);
  root = await mysql.createConnection({ uri: (app.config.database as { url: string }).url });
});
afterAll(async () => {
  await root?.end();
  await app?.stop();
});

describe('RETRYABLE answers 503 with Retry-After', () => {
  it('a mutation whose connection died mid-write (an error at a field path, which Apollo sends as 200)', async () => {
    const partner = await createPartner(admin, app);
    const order = await createOrder(partner.client);
    const SHIP = `mutation($i: MarkFulfillmentsShippedInput!) { markFulfillmentsShipped(input: $i) { changedCount } }`;
    const failed = await killDuring('fulfillment_event', () =>
      post({ cookie: admin.sessionCookie! }, SHIP, { i: { ids: [order.fulfillments[0].id] } }),
    );
    expect(failed.status).toBe(503);
    expect(failed.retryAfter).toBe('1');
    expect(failed.body.errors).toEqual([
      {
        message: 'The database was unavailable for a moment; nothing was saved. Try again.',
        path: ['markFulfillmentsShipped'],
        extensions: { code: 'RETRYABLE', reason: 'UNAVAILABLE' },
      },
    ]);
  });

  it('the rate limit, whose bucket is written before the query runs (Apollo sends that as 500)', async () => {
    const partner = await createPartner(admin, app);
    const failed = await killDuring('rate_bucket', () =>
      post({ authorization: `Bearer ${partner.secret}` }, '{ orders(first: 1) { totalCount } }'),
    );
    expect(failed.status).toBe(503);
    expect(failed.retryAfter).toBe('1');
    expect(failed.body.errors).toEqual([
      {
        message: 'The database was unavailable for a moment; nothing was saved. Try again.',
        extensions: { code: 'RETRYABLE', reason: 'UNAVAILABLE' },
      },
    ]);
  });

  it('an import that failed after part of it was written says how many rows stay written', async () => {
    // 1,200 rows apply as two transactions side by side; one is killed, the other commits.
    const partner = await createPartner(admin, app);
    const partnerId = Number(Buffer.from(partner.id, 'base64url').toString().split(':')[1]);
    await seedBulk(app.ds, { orders: 800, partnerId, prefix: 'PART', secondLineEvery: 2 });
    const lines = (await app.ds.query(
      `SELECT id, order_reference, sku FROM fulfillment WHERE order_reference LIKE 'PART-%' ORDER BY sku, id`,
    )) as { id: number; order_reference: string; sku: string }[];
    const rng = seededRng(5);
    const csv = `orderId,sku,trackingNumber\n${lines.map((l) => `${l.order_reference},${l.sku},${makeTrackingNumber('ups', rng)}`).join('\n')}\n`;
    const up = await fetch(`${app.url}/imports?kind=tracking`, {
      method: 'POST',
      headers: { authorization: `Bearer ${partner.secret}`, 'content-type': 'text/csv' },
      body: csv,
    });
    const { importId } = (await up.json()) as { importId: string };
    await partner.client.gql(
      `mutation($i: PreviewImportInput!) { previewImport(input: $i) { importJob { changeCount } } }`,
      { i: { importId } },
    );
    const victim = lines.find((l) => l.sku === 'SOCK-3')!;
    const failed = await killDuring(
      'fulfillment_event',
      () =>
        post(
          { authorization: `Bearer ${partner.secret}` },
          `mutation($i: ApplyImportInput!) { applyImport(input: $i) { importJob { status } } }`,
          { i: { importId } },
        ),
      `NEW.fulfillment_id = ${Number(victim.id)}`,
    );
    const { importJob } = await partner.client.gql(
      `query($id: ID!) { importJob(id: $id) { status appliedCount lastError } }`,
      { id: importId },
    );
    expect(importJob.appliedCount).toBeGreaterThan(0);
    expect(importJob.appliedCount).toBeLessThan(1200);
    const said = `The database was unavailable for a moment; ${importJob.appliedCount} of 1200 rows are written and stay written; the batch it was writing was rolled back. Apply again to finish.`;
    expect(failed.status).toBe(503);
    expect(failed.retryAfter).toBe('1');
    expect(failed.body.errors).toEqual([
      { message: said, path: ['applyImport'], extensions: { code: 'RETRYABLE', reason: 'UNAVAILABLE' } },
    ]);
    expect(importJob).toMatchObject({ status: 'FAILED', lastError: said });
  });
});

describe('outside GraphQL', () => {
  it('a page whose database connection died answers 503 RETRYABLE with Retry-After, and logs no token', async () => {
    const token = 'AbCdEfGhIjKlMnOpQrStUvWx';
    const logged = (['error', 'warn', 'log'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation(() => undefined),
    );
    await root.query('LOCK TABLES orders WRITE');
    let page: Promise<Response> | null;
    try {
      page = fetch(`${app.url}/track/${token}`);
      let killed = false;
      for (let i = 0; i < 100 && !killed; i++) {
        await new Promise((r) => setTimeout(r, 50));
        const [rows] = (await root.query(
          `SELECT id FROM information_schema.processlist WHERE db = ? AND info LIKE '%tracking_token%' AND id <> CONNECTION_ID()`,
          [dbName()],
        )) as unknown as [{ id: number }[]];
        for (const r of rows) {
          await root.query(`KILL ${Number(r.id)}`);
          killed = true;
        }
      }
      expect(killed).toBe(true);
    } finally {
      await root.query('UNLOCK TABLES');
    }
    const res = await page!;
    const log = logged.flatMap((spy) => spy.mock.calls.map((args) => format(...args))).join('\n');
    for (const spy of logged) spy.mockRestore();
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.json()).toEqual({
      errors: [
        {
          message: 'The database was unavailable for a moment; nothing was saved. Try again.',
          extensions: { code: 'RETRYABLE', reason: 'UNAVAILABLE' },
        },
      ],
    });
    expect(log).toContain('[http] GET /track: retryable database failure (UNAVAILABLE)');
    expect(log).not.toContain(token);
  });
});

describe('why a request may be sent again', () => {
  it('a lock wait or a deadlock is a CONFLICT, a killed connection UNAVAILABLE', async () => {
    const url = (app.config.database as { url: string }).url;
    const [a, b] = await Promise.all([
      mysql.createConnection({ uri: url }),
      mysql.createConnection({ uri: url }),
    ]);
    try {
      await a.query('CREATE TABLE conflict_probe (id INT PRIMARY KEY, n INT) ENGINE=InnoDB');
      await a.query('INSERT INTO conflict_probe VALUES (1, 0), (2, 0)');
      for (const c of [a, b]) await c.query('SET SESSION innodb_lock_wait_timeout = 1');
      await a.beginTransaction();
      await b.beginTransaction();
      await a.query('UPDATE conflict_probe SET n = 1 WHERE id = 1');
      const lockWait = await b.query('UPDATE conflict_probe SET n = 2 WHERE id = 1').catch((e: unknown) => e);
      expect((lockWait as { code?: string }).code).toBe('ER_LOCK_WAIT_TIMEOUT');
      expect(retryReason(lockWait)).toBe('CONFLICT');

      await b.query('UPDATE conflict_probe SET n = 2 WHERE id = 2');
      const waiting = a.query('UPDATE conflict_probe SET n = 1 WHERE id = 2').catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 200));
      const crossing = await b.query('UPDATE conflict_probe SET n = 2 WHERE id = 1').catch((e: unknown) => e);
      const [first, second] = [await waiting, crossing];
      const deadlock = [first, second].find((e) => (e as { code?: string })?.code === 'ER_LOCK_DEADLOCK');
      expect(deadlock).toBeDefined();
      expect(retryReason(deadlock)).toBe('CONFLICT');
      expect(retryMessage('CONFLICT')).toBe(
        'Another change to the same data got in the way (a lock wait or a conflict); nothing was saved. Try again.',
      );
    } finally {
      await a.rollback().catch(() => undefined);
      await b.rollback().catch(() => undefined);
      await a.query('DROP TABLE IF EXISTS conflict_probe');
      await Promise.all([a.end(), b.end()]);
    }

    const doomed = await mysql.createConnection({ uri: url });
    const [[{ id }]] = (await doomed.query('SELECT CONNECTION_ID() AS id')) as unknown as [[{ id: number }]];
    await root.query(`KILL ${Number(id)}`);
    const gone = await doomed.query('SELECT 1').catch((e: unknown) => e);
    expect(retryReason(gone)).toBe('UNAVAILABLE');
    doomed.destroy();
  });
});
