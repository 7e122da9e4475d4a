import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDataSource } from '../src/db/data-source.js';
import { transact } from '../src/db/transaction.js';
import { fromGlobalId } from '../src/graphql/ids.js';
import { enqueue } from '../src/notifications/outbox.js';
import { privateTargetReason } from '../src/notifications/webhook-target.js';
import { fitCopy, MAIL_COPY_MAX_BYTES, OutboxWorker } from '../src/notifications/worker.js';
import { seedBulk } from '../src/seed/bulk.js';
import {
  type Client,
  createOrder,
  createPartner,
  signIn,
  startTestApp,
  upsNumber,
  type TestApp,
} from './harness.js';
import { SmtpReceiver } from './smtp-receiver.js';

let app: TestApp;
let admin: Client;
let smtp: SmtpReceiver;
/** Every request any test endpoint received, in arrival order. */
const requests: { path: string; body: string }[] = [];
const failing = new Set<string>();
/** Requests to /slow/… still waiting for their answer, and the most there were at once. */
const slowOpen = { now: 0, max: 0 };
let server: http.Server;
let base = '';

const transport = () => smtp.transport();
const worker = (options: ConstructorParameters<typeof OutboxWorker>[2] = {}) =>
  new OutboxWorker(app.ds, app.config, { transport: transport(), lockMs: 60_000, ...options });
async function drain(w = worker()) {
  while ((await w.runOnce()) > 0);
  await settle();
}
/** Lets the SMTP server finish parsing what it was handed. */
const settle = () => new Promise((r) => setTimeout(r, 150));
const mailsTo = (address: string) => smtp.to(address);
const CREATE_ENDPOINT = `mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { endpoint { id } userErrors { field code message } } }`;
const addEndpoint = async (client: Client, url: string) =>
  (await client.gql(CREATE_ENDPOINT, { i: { url } })).createWebhookEndpoint;
const SHIP = `mutation($i: MarkFulfillmentsShippedInput!) { markFulfillmentsShipped(input: $i) { changedCount userErrors { code message } } }`;

beforeAll(async () => {
  app = await startTestApp();
  admin = await signIn(app);
  smtp = await SmtpReceiver.start();
  // /slow/… answers after 30 s (the worker gives up long before); paths in `failing` answer 503; the rest 204.
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', body });
      if (req.url?.startsWith('/slow/')) {
        slowOpen.max = Math.max(slowOpen.max, ++slowOpen.now);
        res.on('close', () => slowOpen.now--);
        setTimeout(() => res.writeHead(204).end(), 30_000).unref();
        return;
      }
      if (failing.has(req.url ?? '')) return void res.writeHead(503).end();
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await smtp?.close();
  await app?.stop();
});

describe('large deliveries are never cut', () => {
  it('a bulk action shipping 700 lines of two orders reaches the endpoint whole, as valid JSON in parts of at most 256 KB', async () => {
    const partner = await createPartner(admin, app, 'Many Lines');
    expect((await addEndpoint(partner.client, `${base}/big`)).userErrors).toEqual([]);
    const lines = [];
    for (const half of [0, 1]) {
      const order = await createOrder(partner.client, {
        reference: `BIG-${half}`,
        fulfillments: Array.from({ length: 350 }, (_, i) => ({
          sku: `SKU-${half}-${String(i).padStart(4, '0')}-${'S'.repeat(50)}`,
          productName: 'Trail Running Shoe',
          clientFulfillmentId: `line-${half}-${String(i).padStart(4, '0')}-${'C'.repeat(50)}`,
        })),
      });
      lines.push(...order.fulfillments);
    }
    const { markFulfillmentsShipped } = await partner.client.gql(SHIP, {
      i: { ids: lines.map((f: { id: string }) => f.id), notifyCustomer: false },
    });
    expect(markFulfillmentsShipped).toEqual({ changedCount: 700, userErrors: [] });
    await drain();
    const received = requests.filter((r) => r.path === '/big');
    expect(received.length).toBeGreaterThan(1);
    for (const r of received) expect(Buffer.byteLength(r.body)).toBeLessThanOrEqual(256 * 1024);
    const bodies = received.map((r) => JSON.parse(r.body));
    expect(bodies.flatMap((b) => b.fulfillments.map((f: { sku: string }) => f.sku)).sort()).toEqual(
      lines.map((f: { sku: string }) => f.sku).sort(),
    );
    const rows: { status: string; bytes: number }[] = await app.ds.query(
      `SELECT status, LENGTH(payload) AS bytes FROM outbox_message WHERE kind = 'WEBHOOK' AND partner_id = ?`,
      [fromGlobalId('Partner', partner.id)],
    );
    expect(rows.map((r) => r.status)).toEqual(rows.map(() => 'SENT'));
    expect(rows.reduce((n, r) => n + Number(r.bytes), 0)).toBeGreaterThan(65_535);
  });

  it('a stored payload that does not parse fails alone: parked, counted and listed, the rest delivered', async () => {
    const partner = await createPartner(admin, app, 'Cut Short');
    const { endpoint } = await addEndpoint(partner.client, `${base}/cut`);
    const endpointId = fromGlobalId('WebhookEndpoint', endpoint.id)!;
    const partnerId = fromGlobalId('Partner', partner.id)!;
    await drain(); // what earlier tests left
    await transact(app.ds, (em) =>
      enqueue(
        em,
        [1, 2, 3].map((n) => ({
          kind: 'WEBHOOK' as const,
          topic: 'fulfillments.changed',
          dedupeKey: null,
          partnerId,
          endpointId,
          payload: { endpointId, event: 'cut.test', n, fulfillments: [{ orderReference: 'X'.repeat(200) }] },
        })),
      ),
    );
    // As MariaDB's TEXT column left a 64 KB payload: cut mid-string.
    const [cut] = await app.ds.query(
      `SELECT MIN(id) AS id FROM outbox_message WHERE payload LIKE '%cut.test%'`,
    );
    await app.ds.query(`UPDATE outbox_message SET payload = SUBSTR(payload, 1, 120) WHERE id = ?`, [cut.id]);
    const w = worker({ webhookPerPartner: 5 });
    expect(await w.runOnce()).toBe(3);
    expect(w.counts).toEqual({ sent: 2, retried: 0, failed: 1 });
    expect(
      requests
        .filter((r) => r.path === '/cut')
        .map((r) => JSON.parse(r.body).n)
        .sort(),
    ).toEqual([2, 3]);
    const [row] = await app.ds.query(`SELECT status, attempts, last_error FROM outbox_message WHERE id = ?`, [
      cut.id,
    ]);
    expect(row).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(row.last_error).toMatch(/stored payload \(120 bytes\) is not a JSON object/);
    expect(await w.runOnce()).toBe(0);

    const { webhookEndpoints } = await partner.client.gql(
      '{ webhookEndpoints { deliveries { status lastError } } }',
    );
    expect(webhookEndpoints[0].deliveries.map((d: { status: string }) => d.status)).toEqual([
      'SENT',
      'SENT',
      'FAILED',
    ]);
    const { outboxMessages } = await admin.gql('{ outboxMessages(status: "FAILED") { lastError } }');
    expect(outboxMessages.some((m: { lastError: string }) => /not a JSON object/.test(m.lastError))).toBe(
      true,
    );
  });

  it('a partner digest over 64 KB goes out once and its full copy is kept', async () => {
    const partner = await createPartner(admin, app, 'Big Digest');
    const partnerId = fromGlobalId('Partner', partner.id)!;
    await admin.gql(
      `mutation($i: SetPartnerNotificationEmailsInput!) { setPartnerNotificationEmails(input: $i) { userErrors { code } } }`,
      { i: { partnerId: partner.id, emails: ['ops@big-digest.example'] } },
    );
    await seedBulk(app.ds, { orders: 1500, partnerId, prefix: 'DIGEST-WITH-A-RATHER-LONG-REFERENCE' });
    const { markFulfillmentsShipped } = await partner.client.gql(SHIP, {
      i: { filter: { statuses: ['HOLD'] }, notifyCustomer: false },
    });
    expect(markFulfillmentsShipped).toEqual({ changedCount: 1500, userErrors: [] });
    // Three rounds, each also taking anything that waits for a retry.
    for (let round = 0; round < 3; round++) {
      await app.ds.query(
        `UPDATE outbox_message SET next_attempt_at = created_at WHERE status = 'PENDING' AND topic = 'partner.digest'`,
      );
      await drain();
    }
    const digests = mailsTo('ops@big-digest.example');
    expect(digests.map((m) => m.subject)).toEqual(['Big Digest: 1,500 orders shipped (bulk action)']);
    expect(digests[0]!.text).toContain('DIGEST-WITH-A-RATHER-LONG-REFERENCE-0001499');
    const [record] = await app.ds.query(
      `SELECT o.status, LENGTH(m.html) AS bytes, m.html FROM outbox_message o JOIN mail_message m ON m.outbox_id = o.id
       WHERE o.topic = 'partner.digest' AND o.partner_id = ?`,
      [partnerId],
    );
    expect(record.status).toBe('SENT');
    expect(Number(record.bytes)).toBeGreaterThan(65_535);
    expect(record.html).toContain('DIGEST-WITH-A-RATHER-LONG-REFERENCE-0001499');
  });
});

describe('the Mail page copy of a huge email', () => {
  it('is cut at a whole character, says so and how long the whole was', () => {
    const html = `<p>${'é'.repeat(MAIL_COPY_MAX_BYTES)}</p>`; // twice the bytes
    const copy = fitCopy(html, MAIL_COPY_MAX_BYTES, 'HTML');
    expect(Buffer.byteLength(copy)).toBeLessThanOrEqual(MAIL_COPY_MAX_BYTES);
    expect(copy).toMatch(
      new RegExp(
        `^<p>é+\\n\\[… cut: the HTML had ${Buffer.byteLength(html)} bytes; this copy keeps the first part\\]$`,
      ),
    );
    expect(fitCopy('<p>short</p>', MAIL_COPY_MAX_BYTES, 'HTML')).toBe('<p>short</p>');
  });
});

describe('inbound email with a long body', () => {
  const forward = async (client: Client, body: string) => {
    const { partners } = await client.gql('{ partners { inboundEmailUrl } }');
    const raw = `From: dispatch@warehouse.example\r\nSubject: Versand\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${body}\r\n`;
    return fetch(`${app.url}${new URL(partners[0].inboundEmailUrl).pathname}`, {
      method: 'POST',
      body: raw,
    });
  };
  const FIELDS = '{ inboundEmails { status bodyText bodyBytes bodyTruncated } }';

  it('a multibyte body longer than TEXT holds is applied, answered 202 and kept whole', async () => {
    const partner = await createPartner(admin, app, 'Umlaut Versand');
    const order = await createOrder(partner.client, {
      reference: 'UV-1',
      customer: { name: 'Jürgen Müller', email: 'juergen@umlaut.example', locale: 'de' },
    });
    const text = `Bestellung UV-1 ist unterwegs: ${upsNumber(11)}\n${'Grüße aus Köln, schöne Öffnungszeiten. '.repeat(1800)}`;
    const res = await forward(partner.client, text);
    expect(res.status).toBe(202);
    expect((await res.json()).status).toBe('APPLIED');
    const { fulfillment } = await admin.gql(`query($id: ID!) { fulfillment(id: $id) { status } }`, {
      id: order.fulfillments[0].id,
    });
    expect(fulfillment.status).toBe('SHIPPED');
    const { inboundEmails } = await partner.client.gql(FIELDS);
    expect(inboundEmails).toHaveLength(1);
    expect(inboundEmails[0]).toMatchObject({ status: 'APPLIED', bodyTruncated: false });
    expect(inboundEmails[0].bodyText.trimEnd()).toBe(`Versand\n${text}`.trimEnd());
    expect(inboundEmails[0].bodyBytes).toBe(Buffer.byteLength(inboundEmails[0].bodyText));
    expect(inboundEmails[0].bodyBytes).toBeGreaterThan(65_535);
  });

  it('a body beyond the kept size is stored cut at a character, marked as cut with its full length', async () => {
    const partner = await createPartner(admin, app, 'Endless Mail');
    const text = 'ä'.repeat(200_000); // 400 KB
    const res = await forward(partner.client, text);
    expect(res.status).toBe(202);
    const { inboundEmails } = await partner.client.gql(FIELDS);
    expect(inboundEmails[0]).toMatchObject({
      status: 'NOTHING_FOUND',
      bodyTruncated: true,
    });
    expect(inboundEmails[0].bodyBytes).toBeGreaterThanOrEqual(Buffer.byteLength(`Versand\n${text}`));
    const kept: string = inboundEmails[0].bodyText;
    expect(Buffer.byteLength(kept)).toBeLessThanOrEqual(256 * 1024);
    expect(Buffer.byteLength(kept)).toBeGreaterThan(256 * 1024 - 4);
    expect(kept).toMatch(/^Versand\nä+$/);
  });
});

describe('one delivery scheduler for every partner', () => {
  it("partner A's slow webhook endpoints do not hold partner B's member email", async () => {
    await drain();
    const a = await createPartner(admin, app, 'Slow Endpoints');
    for (let i = 0; i < 10; i++)
      expect((await addEndpoint(a.client, `${base}/slow/${i}`)).userErrors).toEqual([]);
    for (let i = 0; i < 3; i++) {
      const order = await createOrder(a.client, { reference: `SLOW-${i}` });
      await a.client.gql(SHIP, { i: { ids: [order.fulfillments[0].id], notifyCustomer: false } });
    }
    const b = await createPartner(admin, app, 'Prompt Mail');
    const order = await createOrder(b.client, {
      reference: 'PROMPT-1',
      customer: { name: 'Bea', email: 'bea@prompt.example' },
    });
    await b.client.gql(SHIP, { i: { ids: [order.fulfillments[0].id] } });
    const slow = () => requests.filter((r) => r.path.startsWith('/slow/')).length;

    const seenAtMail: number[] = [];
    const w = worker({ fetchTimeoutMs: 400, webhookPerPartner: 2, webhookConcurrency: 8 });
    const received = smtp.mails.length;
    const watch = setInterval(() => {
      if (smtp.mails.length > received && seenAtMail.length === 0) seenAtMail.push(slow());
    }, 1);
    expect(await w.runOnce()).toBeGreaterThanOrEqual(2);
    await settle();
    clearInterval(watch);
    expect(mailsTo('bea@prompt.example')).toHaveLength(1);
    // When B's mail arrived, A had only its two webhook slots in use.
    expect(seenAtMail[0]).toBeLessThanOrEqual(2);
    expect(slow()).toBe(2);
    expect(slowOpen.max).toBe(2);
    const [{ n }] = await app.ds.query(
      `SELECT COUNT(*) AS n FROM outbox_message WHERE kind = 'WEBHOOK' AND status = 'PENDING' AND partner_id = ?`,
      [fromGlobalId('Partner', a.id)],
    );
    expect(Number(n)).toBe(30);
  });

  it('a running worker keeps every lane going: D is mailed while C never has more than 2 webhooks claimed', async () => {
    await app.ds.query(`UPDATE outbox_message SET status = 'FAILED' WHERE status IN ('PENDING', 'SENDING')`);
    const c = await createPartner(admin, app, 'Slow Again');
    for (let i = 0; i < 3; i++) await addEndpoint(c.client, `${base}/slow/c${i}`);
    for (let i = 0; i < 3; i++) {
      const order = await createOrder(c.client, { reference: `SLOW-C${i}` });
      await c.client.gql(SHIP, { i: { ids: [order.fulfillments[0].id], notifyCustomer: false } });
    }
    const d = await createPartner(admin, app, 'Mailed Anyway');
    const order = await createOrder(d.client, {
      reference: 'MAILED-1',
      customer: { name: 'Dee', email: 'dee@mailed.example' },
    });
    await d.client.gql(SHIP, { i: { ids: [order.fulfillments[0].id] } });
    const toC = () => requests.filter((r) => r.path.startsWith('/slow/c')).length;
    const cId = fromGlobalId('Partner', c.id);
    let openWhenMailed = -1;
    let mostClaimed = 0;
    const w = worker({ fetchTimeoutMs: 200, webhookPerPartner: 2, pollMs: 20 });
    w.start();
    try {
      await vi.waitFor(
        async () => {
          if (openWhenMailed < 0 && mailsTo('dee@mailed.example').length) openWhenMailed = toC();
          const [{ n }] = await app.ds.query(
            `SELECT COUNT(*) AS n FROM outbox_message WHERE kind = 'WEBHOOK' AND status = 'SENDING' AND partner_id = ?`,
            [cId],
          );
          mostClaimed = Math.max(mostClaimed, Number(n));
          expect(openWhenMailed).toBeGreaterThanOrEqual(0);
          expect(toC()).toBe(9); // every webhook of C tried once, two at a time
        },
        { timeout: 30_000, interval: 5 },
      );
    } finally {
      await w.stop();
    }
    expect(openWhenMailed).toBeLessThanOrEqual(2);
    expect(mostClaimed).toBeGreaterThan(0);
    expect(mostClaimed).toBeLessThanOrEqual(2);
    expect(w.counts).toMatchObject({ retried: 9 });
  });

  it('a running lane never waits for its next poll while messages are due and a slot is free', async () => {
    await app.ds.query(`UPDATE outbox_message SET status = 'FAILED' WHERE status IN ('PENDING', 'SENDING')`);
    const p = await createPartner(admin, app, 'Busy Shop');
    const lines: string[] = [];
    for (let i = 0; i < 10; i++) {
      const order = await createOrder(p.client, {
        reference: `BUSY-${i}`,
        customer: { name: 'Busy', email: `busy${i}@shop.example` },
        fulfillments: Array.from({ length: 20 }, (_, j) => ({
          sku: `S-${j}`,
          productName: 'Sock',
          quantity: 1,
        })),
      });
      lines.push(...order.fulfillments.map((f: { id: string }) => f.id));
    }
    const { markFulfillmentsShipped } = await p.client.gql(SHIP, { i: { ids: lines } });
    expect(markFulfillmentsShipped).toEqual({ changedCount: 200, userErrors: [] });
    // An hour between polls: only the slots freeing up can keep the lane going.
    const w = worker({ pollMs: 3_600_000, emailConcurrency: 4 });
    w.start();
    try {
      await vi.waitFor(
        async () => {
          const [{ n }] = await app.ds.query(
            `SELECT COUNT(*) AS n FROM outbox_message WHERE kind = 'EMAIL' AND status IN ('PENDING', 'SENDING')`,
          );
          expect(Number(n)).toBe(0);
        },
        { timeout: 30_000, interval: 20 },
      );
    } finally {
      await w.stop();
    }
    expect(w.counts.sent).toBeGreaterThanOrEqual(200);
  });

  it("two workers claiming at once take no more than the partner's 2 webhook slots together", async () => {
    const partner = await createPartner(admin, app, 'Two Workers');
    const { endpoint } = await addEndpoint(partner.client, `${base}/two`);
    const endpointId = fromGlobalId('WebhookEndpoint', endpoint.id)!;
    const partnerId = fromGlobalId('Partner', partner.id);
    await transact(app.ds, (em) =>
      enqueue(
        em,
        Array.from({ length: 40 }, (_, n) => ({
          kind: 'WEBHOOK' as const,
          topic: 'fulfillments.changed',
          dedupeKey: null,
          partnerId,
          endpointId,
          payload: { endpointId, event: 'two.test', n },
        })),
      ),
    );
    const second = await createDataSource(app.config.database);
    await second.initialize();
    try {
      for (let round = 0; round < 5; round++) {
        const a = new OutboxWorker(app.ds, app.config, { id: `a${round}`, transport: null });
        const b = new OutboxWorker(second, app.config, { id: `b${round}`, transport: null });
        const [byA, byB] = await Promise.all([a.claim('WEBHOOK'), b.claim('WEBHOOK')]);
        expect(byA.length + byB.length, `round ${round}`).toBe(2);
        // Give the slots back without delivering, for the next round.
        await app.ds.query(
          `UPDATE outbox_message SET status = 'PENDING', locked_by = NULL, locked_until = NULL WHERE status = 'SENDING' AND partner_id = ?`,
          [partnerId],
        );
      }
    } finally {
      await second.destroy();
      await app.ds.query(`UPDATE outbox_message SET status = 'FAILED' WHERE partner_id = ?`, [partnerId]);
    }
  });

  it('a retried message keeps its place by due time: what fell due before it goes first', async () => {
    await app.ds.query(`UPDATE outbox_message SET status = 'FAILED' WHERE status IN ('PENDING', 'SENDING')`);
    const partner = await createPartner(admin, app, 'Retry Order');
    const { endpoint } = await addEndpoint(partner.client, `${base}/order`);
    const endpointId = fromGlobalId('WebhookEndpoint', endpoint.id)!;
    const queue = (n: string) =>
      transact(app.ds, (em) =>
        enqueue(em, [
          {
            kind: 'WEBHOOK',
            topic: 'fulfillments.changed',
            dedupeKey: null,
            partnerId: fromGlobalId('Partner', partner.id),
            endpointId,
            payload: { endpointId, event: 'order.test', n },
          },
        ]),
      );
    await queue('retried');
    failing.add('/order');
    const w = worker({ webhookConcurrency: 1 });
    expect(await w.runOnce()).toBe(1);
    failing.delete('/order');
    await queue('fresh-1');
    await queue('fresh-2');
    const ago = (s: number) => new Date(Date.now() - s * 1000).toISOString().slice(0, 19).replace('T', ' ');
    await app.ds.query(`UPDATE outbox_message SET next_attempt_at = ? WHERE payload LIKE '%fresh-%'`, [
      ago(20),
    ]);
    await app.ds.query(`UPDATE outbox_message SET next_attempt_at = ? WHERE payload LIKE '%"retried"%'`, [
      ago(10),
    ]);
    for (let i = 0; i < 3; i++) expect(await w.runOnce()).toBe(1);
    expect(requests.filter((r) => r.path === '/order').map((r) => JSON.parse(r.body).n)).toEqual([
      'retried',
      'fresh-1',
      'fresh-2',
      'retried',
    ]);
  });

  it('a partner has at most 10 active webhook endpoints', async () => {
    const partner = await createPartner(admin, app, 'Endpoint Cap');
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const created = await addEndpoint(partner.client, `${base}/cap/${i}`);
      expect(created.userErrors).toEqual([]);
      ids.push(created.endpoint.id);
    }
    const refused = await addEndpoint(partner.client, `${base}/cap/10`);
    expect(refused.endpoint).toBeNull();
    expect(refused.userErrors).toEqual([
      {
        field: ['input', 'url'],
        code: 'LIMIT_EXCEEDED',
        message: 'A partner can have at most 10 active webhook endpoints; disable one first',
      },
    ]);
    const { webhookEndpoints } = await partner.client.gql('{ webhookEndpoints { id } }');
    expect(webhookEndpoints).toHaveLength(10);
    await partner.client.gql(
      `mutation($i: DisableWebhookEndpointInput!) { disableWebhookEndpoint(input: $i) { userErrors { code } } }`,
      { i: { id: ids[0] } },
    );
    expect((await addEndpoint(partner.client, `${base}/cap/10`)).userErrors).toEqual([]);
  });
});

describe("in production, webhooks cannot target this machine's own addresses", () => {
  const external = Object.values(os.networkInterfaces())
    .flat()
    .filter((a) => a && !a.internal && a.family === 'IPv4')
    .map((a) => a!.address);

  it('an address of one of our interfaces is refused, even a public one', async () => {
    const interfaces = {
      eth9: [
        {
          address: '203.0.113.77',
          netmask: '255.255.255.0',
          family: 'IPv4' as const,
          mac: '02:00:00:00:00:09',
          internal: false,
          cidr: '203.0.113.77/24',
        },
      ],
    };
    expect(await privateTargetReason('https://203.0.113.77/hook', interfaces)).toBe(
      '203.0.113.77 is an address of this server',
    );
    expect(await privateTargetReason('https://203.0.113.78/hook', interfaces)).toBeNull();

    const prod = await startTestApp({ production: true, webhookAllowPrivate: false });
    try {
      const partner = await createPartner(await signIn(prod), prod);
      // This machine's own non-loopback address when it has one; 127.0.0.1 is refused anyway.
      const own = external[0] ?? '127.0.0.1';
      const { createWebhookEndpoint } = await partner.client.gql(
        `mutation($u: String!) { createWebhookEndpoint(input: { url: $u }) { endpoint { id } userErrors { field code message } } }`,
        { u: `http://${own}:8080/hook` },
      );
      expect(createWebhookEndpoint.endpoint).toBeNull();
      expect(createWebhookEndpoint.userErrors).toEqual([
        {
          field: ['input', 'url'],
          code: 'INVALID',
          message: expect.stringMatching(
            new RegExp(`^Webhooks must go to the public internet: ${own.replace(/\./g, '\\.')} `),
          ),
        },
      ]);
    } finally {
      await prod.stop();
    }
  });
});
