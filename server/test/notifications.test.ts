import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSource } from '../src/db/data-source.js';
import { transact } from '../src/db/transaction.js';
import { enqueue } from '../src/notifications/outbox.js';
import { OutboxWorker } from '../src/notifications/worker.js';
import {
  type Client,
  createOrder,
  createPartner,
  DB_KIND,
  signIn,
  startTestApp,
  upsNumber,
  type TestApp,
} from './harness.js';
import { SmtpReceiver } from './smtp-receiver.js';

let app: TestApp;
let admin: Client;
let partner: { id: string; client: Client; secret: string };
let smtp: SmtpReceiver;
const hooks: { headers: http.IncomingHttpHeaders; body: string }[] = [];
let failHooks = 0;
let hookServer: http.Server;
let hookUrl = '';
let webhookSecret = '';

const transport = () => smtp.transport();
/** Deliver everything due, as the in-server worker would, and wait for it. */
async function drain(
  worker = new OutboxWorker(app.ds, app.config, { transport: transport(), lockMs: 60_000 }),
) {
  while ((await worker.runOnce()) > 0);
  await new Promise((r) => setTimeout(r, 100)); // let the SMTP server finish parsing
}
const UPDATE = `mutation($i: UpdateFulfillmentTrackingInput!) { updateFulfillmentTracking(input: $i) { fulfillment { status } userErrors { code message } } }`;
const history = async (id: string) =>
  (await admin.gql(`query($id: ID!) { fulfillment(id: $id) { status history { type channel } } }`, { id }))
    .fulfillment;
const mailsTo = (address: string) => smtp.to(address);

beforeAll(async () => {
  app = await startTestApp();
  admin = await signIn(app);
  partner = await createPartner(admin, app, 'Nordic Trail');
  await admin.gql(
    `mutation($i: SetPartnerNotificationEmailsInput!) { setPartnerNotificationEmails(input: $i) { userErrors { code } } }`,
    { i: { partnerId: partner.id, emails: ['ops@nordic.example'] } },
  );

  smtp = await SmtpReceiver.start();

  hookServer = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (failHooks > 0) {
        failHooks--;
        res.writeHead(503).end();
        return;
      }
      hooks.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hooks`;
  const { createWebhookEndpoint } = await partner.client.gql(
    `mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { secret endpoint { id url active } userErrors { code } } }`,
    { i: { url: hookUrl } },
  );
  webhookSecret = createWebhookEndpoint.secret;
});
afterAll(async () => {
  await smtp?.close();
  await new Promise<void>((resolve) => hookServer?.close(() => resolve()));
  await app?.stop();
});

describe('a shipment through each channel sends the right emails, webhooks and history exactly once', () => {
  it('UI/API: the member gets one "shipped" email in their language with the carrier link and the Track item link', async () => {
    const order = await createOrder(partner.client, {
      reference: 'NT-1',
      customer: { name: 'Jürgen Müller', email: 'juergen@example.de', locale: 'de' },
    });
    const f = order.fulfillments[0].id;
    expect(
      (
        await partner.client.gql(UPDATE, {
          i: { fulfillmentId: f, trackingNumber: upsNumber(1), shippedOn: '2026-11-02' },
        })
      ).updateFulfillmentTracking.userErrors,
    ).toEqual([]);
    await drain();
    const [mail, ...more] = mailsTo('juergen@example.de');
    expect(more).toEqual([]);
    expect(mail!.subject).toBe('Ihr Artikel von Nordic Trail wurde versendet');
    expect(mail!.text).toContain(`Trackingnummer: ${upsNumber(1)}`);
    expect(mail!.text).toContain(`https://www.ups.com/track?tracknum=${upsNumber(1)}`);
    expect(mail!.text).toContain('2. November 2026');
    const trackLink = /http:\/\/localhost:\d+\/track\/([A-Za-z0-9_-]+)/.exec(mail!.text ?? '')![1]!;
    const page = await fetch(`${app.url}/track/${trackLink}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(upsNumber(1));
    expect(mail!.messageId).toMatch(/member\.shipped/);

    const hook = hooks.find((h) => h.body.includes('NT-1'))!;
    const [t, v1] = String(hook.headers['x-fulfillment-signature'])
      .split(',')
      .map((p) => p.split('=')[1]);
    expect(v1).toBe(createHmac('sha256', webhookSecret).update(`${t}.${hook.body}`).digest('hex'));
    expect(JSON.parse(hook.body)).toMatchObject({
      event: 'fulfillments.changed',
      channel: 'API',
      fulfillments: [
        {
          orderReference: 'NT-1',
          status: 'SHIPPED',
          previousStatus: 'HOLD',
          trackingNumber: upsNumber(1),
          carrier: 'ups',
        },
      ],
    });

    // A correction later, with the number of the carrier that delivers the last mile: a webhook that names it,
    // but never a second member email.
    const corrected = await partner.client.gql(UPDATE, {
      i: {
        fulfillmentId: f,
        trackingNumber: upsNumber(2),
        lastMileTrackingNumber: 'RR123456785DE',
        lastMileCarrier: 'Deutsche Post',
      },
    });
    expect(corrected.updateFulfillmentTracking.userErrors).toEqual([]);
    await drain();
    expect(mailsTo('juergen@example.de')).toHaveLength(1);
    const corrections = hooks.filter((h) => h.body.includes('NT-1'));
    expect(corrections).toHaveLength(2);
    expect(JSON.parse(corrections[1]!.body).fulfillments).toMatchObject([
      {
        trackingNumber: upsNumber(2),
        lastMileTrackingNumber: 'RR123456785DE',
        lastMileCarrier: 'deutsche_post',
        lastMileTrackingUrl: expect.stringContaining('RR123456785DE'),
      },
    ]);

    // Single updates are gathered: the partner digest goes out when its window closes.
    await app.ds.query(
      `UPDATE outbox_message SET next_attempt_at = created_at WHERE topic = 'partner.digest'`,
    );
    await drain();
    const digest = mailsTo('ops@nordic.example').find((m) => m.text?.includes('NT-1'))!;
    expect(digest.subject).toMatch(/^Nordic Trail: 1 order shipped \(updates/);
    expect(digest.text).toContain(upsNumber(2));
  });

  it('bulk action: one email per member and one digest for the whole action', async () => {
    const orders = [];
    for (let i = 0; i < 3; i++)
      orders.push(
        await createOrder(partner.client, {
          reference: `NT-B${i}`,
          customer: { name: 'Ada Lovelace', email: `ada${i}@example.com` },
        }),
      );
    const before = mailsTo('ops@nordic.example').length;
    await admin.gql(
      `mutation($i: MarkFulfillmentsShippedInput!) { markFulfillmentsShipped(input: $i) { changedCount } }`,
      { i: { ids: orders.map((o) => o.fulfillments[0].id) } },
    );
    await drain();
    for (let i = 0; i < 3; i++)
      expect(mailsTo(`ada${i}@example.com`).map((m) => m.subject)).toEqual([
        'Your item from Nordic Trail has shipped',
      ]);
    const digests = mailsTo('ops@nordic.example').slice(before);
    expect(digests).toHaveLength(1);
    expect(digests[0]!.subject).toBe('Nordic Trail: 3 orders shipped (bulk action)');
    for (const o of orders) expect(digests[0]!.text).toContain(o.reference);
    expect(hooks.filter((h) => h.body.includes('NT-B0'))).toHaveLength(1);
  });

  it('CSV import: member emails and one digest for the import; history says CSV_IMPORT', async () => {
    const order = await createOrder(partner.client, {
      reference: 'NT-CSV',
      customer: { name: 'Grace Hopper', email: 'grace@example.com' },
    });
    const res = await fetch(`${app.url}/imports?kind=tracking`, {
      method: 'POST',
      headers: { authorization: `Bearer ${partner.secret}`, 'content-type': 'text/csv' },
      body: `orderId,trackingNumber\nNT-CSV,${upsNumber(3)}\n`,
    });
    const { importId } = await res.json();
    await partner.client.gql(
      `mutation($i: PreviewImportInput!) { previewImport(input: $i) { userErrors { code } } }`,
      { i: { importId } },
    );
    await partner.client.gql(
      `mutation($i: ApplyImportInput!) { applyImport(input: $i) { userErrors { code } } }`,
      { i: { importId } },
    );
    const before = mailsTo('ops@nordic.example').length;
    await drain();
    expect(mailsTo('grace@example.com')).toHaveLength(1);
    expect(
      mailsTo('ops@nordic.example')
        .slice(before)
        .map((m) => m.subject),
    ).toEqual(['Nordic Trail: 1 order shipped (CSV import)']);
    expect((await history(order.fulfillments[0].id)).history.map((e: any) => e.channel)).toEqual([
      'API',
      'CSV_IMPORT',
    ]);

    // The same file again ships nothing, so it queues no digest and tells nobody.
    const digests = async () =>
      Number(
        (await app.ds.query(`SELECT COUNT(*) AS n FROM outbox_message WHERE topic = 'partner.digest'`))[0].n,
      );
    const queued = await digests();
    const again = await (
      await fetch(`${app.url}/imports?kind=tracking`, {
        method: 'POST',
        headers: { authorization: `Bearer ${partner.secret}`, 'content-type': 'text/csv' },
        body: `orderId,trackingNumber\nNT-CSV,${upsNumber(3)}\n`,
      })
    ).json();
    await partner.client.gql(
      `mutation($i: PreviewImportInput!) { previewImport(input: $i) { userErrors { code } } }`,
      { i: { importId: again.importId } },
    );
    const { applyImport } = await partner.client.gql(
      `mutation($i: ApplyImportInput!) { applyImport(input: $i) { importJob { status unchangedCount } } }`,
      { i: { importId: again.importId } },
    );
    expect(applyImport.importJob).toEqual({ status: 'APPLIED', unchangedCount: 1 });
    expect(await digests()).toBe(queued);
    const count = smtp.mails.length;
    await drain();
    expect(smtp.mails.length).toBe(count);
  });

  it('inbound email: a forwarded carrier email ships the order it names, as channel EMAIL', async () => {
    const order = await createOrder(partner.client, {
      reference: 'NT-MAIL',
      customer: { name: 'Alan Turing', email: 'alan@example.com' },
    });
    const { partners } = await partner.client.gql('{ partners { inboundEmailUrl } }');
    const address = new URL(partners[0].inboundEmailUrl).pathname;
    const raw = [
      'From: Warehouse <dispatch@warehouse.example>',
      'To: tracking@nordic.example',
      'Subject: Dispatch confirmation',
      'Content-Type: text/html; charset=utf-8',
      '',
      `<p>Order <b>NT-MAIL</b> left our warehouse today.</p><p>UPS tracking: ${upsNumber(4)}</p>`,
    ].join('\r\n');
    const res = await fetch(`${app.url}${address}`, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822' },
      body: raw,
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({
      status: 'APPLIED',
      findings: { trackingNumbers: [upsNumber(4)], references: ['NT-MAIL'] },
    });
    expect(await history(order.fulfillments[0].id)).toMatchObject({
      status: 'SHIPPED',
      history: [{ channel: 'API' }, { type: 'SHIPPED', channel: 'EMAIL' }],
    });
    await drain();
    expect(mailsTo('alan@example.com')).toHaveLength(1);
  });

  it('carrier event: DELIVERED delivers the fulfillment, recorded as CARRIER; no second member email', async () => {
    const order = await createOrder(partner.client, {
      reference: 'NT-CARRIER',
      customer: { name: 'Katherine Johnson', email: 'kj@example.com' },
    });
    await partner.client.gql(UPDATE, {
      i: { fulfillmentId: order.fulfillments[0].id, trackingNumber: upsNumber(5) },
    });
    const inTransit = await fetch(`${app.url}/carrier-events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${partner.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ trackingNumber: upsNumber(5), status: 'IN_TRANSIT' }),
    });
    expect(inTransit.status).toBe(200);
    const { recordTrackingEvent } = await partner.client.gql(
      `mutation($i: RecordTrackingEventInput!) { recordTrackingEvent(input: $i) { fulfillments { status tracking { status } } userErrors { code } } }`,
      { i: { trackingNumber: upsNumber(5), status: 'DELIVERED' } },
    );
    expect(recordTrackingEvent).toEqual({
      fulfillments: [{ status: 'DELIVERED', tracking: { status: 'DELIVERED' } }],
      userErrors: [],
    });
    expect((await history(order.fulfillments[0].id)).history).toEqual([
      { type: 'CREATED', channel: 'API' },
      { type: 'SHIPPED', channel: 'API' },
      { type: 'TRACKING_IN_TRANSIT', channel: 'CARRIER' },
      { type: 'DELIVERED', channel: 'CARRIER' },
    ]);
    await drain();
    expect(mailsTo('kj@example.com')).toHaveLength(1);
    const bad = await fetch(`${app.url}/carrier-events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${partner.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ trackingNumber: upsNumber(5), status: 'TELEPORTED' }),
    });
    expect(bad.status).toBe(422);
  });
});

describe('inbound email review and the Track item page', () => {
  it('an email naming several orders without saying which number is whose waits for review', async () => {
    await createOrder(partner.client, { reference: 'NT-R1' });
    await createOrder(partner.client, { reference: 'NT-R2' });
    const { partners } = await partner.client.gql('{ partners { inboundEmailUrl } }');
    const raw = `From: a@b.example\r\nSubject: shipped\r\n\r\nOrders NT-R1 and NT-R2 went out.\r\nNumbers: ${upsNumber(6)} ${upsNumber(7)}\r\n`;
    const res = await fetch(partners[0].inboundEmailUrl.replace(/^http:\/\/localhost:\d+/, app.url), {
      method: 'POST',
      body: raw,
    });
    expect((await res.json()).status).toBe('REVIEW');
    const { inboundEmails } = await partner.client.gql(
      '{ inboundEmails(status: "REVIEW") { status orderReferences trackingNumbers reason reasons { code params } } }',
    );
    expect(inboundEmails[0]).toMatchObject({
      orderReferences: ['NT-R1', 'NT-R2'],
      trackingNumbers: [upsNumber(6), upsNumber(7)],
    });
    expect(inboundEmails[0].reason).toMatch(/No order found for/);
    // Each reason also carries its code and values, for clients that word it themselves.
    const noOrder = inboundEmails[0].reasons.find((r: { code: string }) => r.code === 'NO_ORDER_FOR_NUMBERS');
    expect(JSON.parse(noOrder.params)).toMatchObject({ numbers: `${upsNumber(6)}, ${upsNumber(7)}` });
    expect(
      (await fetch(`${app.url}/inbound/email/not-a-real-token-at-all`, { method: 'POST', body: raw })).status,
    ).toBe(404);
  });

  it('shows each item in the order language with the carrier quirk, and nothing about the customer; unknown tokens are a plain 404', async () => {
    const order = await createOrder(partner.client, {
      reference: 'NT-CP',
      customer: { name: 'Secret Person', email: 'secret@example.com', locale: 'de' },
    });
    await partner.client.gql(UPDATE, {
      i: { fulfillmentId: order.fulfillments[0].id, trackingNumber: 'RR123456785CA', carrier: 'Canada Post' },
    });
    await partner.client.gql(
      `mutation($i: RecordTrackingEventInput!) { recordTrackingEvent(input: $i) { userErrors { code } } }`,
      { i: { trackingNumber: 'RR123456785CA', status: 'NOT_FOUND' } },
    );
    const [{ token }] = await app.ds.query(
      `SELECT tracking_token AS token FROM orders WHERE reference = 'NT-CP'`,
    );
    expect(token.length).toBeGreaterThanOrEqual(22); // ≥ 128 random bits
    const html = await (await fetch(`${app.url}/track/${token}`)).text();
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('Artikel verfolgen');
    expect(html).toContain('RR123456785CA');
    expect(html).toContain('Canada Post zeigt eine neue Nummer');
    for (const secret of ['Secret Person', 'secret@example.com', 'Nordic Trail'])
      expect(html).not.toContain(secret);
    const missing = await fetch(`${app.url}/track/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('Not found');
  });
});

describe('reliable delivery', () => {
  it(`two workers racing over 500 messages on ${DB_KIND} deliver each exactly once`, async () => {
    // What earlier tests left queued, digests waiting for their window too: none may fall due during the race.
    await app.ds.query(`UPDATE outbox_message SET next_attempt_at = created_at WHERE status = 'PENDING'`);
    await drain();
    const endpointId = Number((await app.ds.query('SELECT id FROM webhook_endpoint'))[0].id);
    const before = hooks.length;
    await transact(app.ds, (em) =>
      enqueue(
        em,
        Array.from({ length: 500 }, (_, i) => ({
          kind: 'WEBHOOK' as const,
          topic: 'fulfillments.changed',
          dedupeKey: null,
          partnerId: null,
          payload: { endpointId, event: 'race.test', n: i },
        })),
      ),
    );
    const second = await createDataSource(app.config.database);
    await second.initialize();
    try {
      const a = new OutboxWorker(app.ds, app.config, { id: 'A', transport: null, webhookConcurrency: 10 });
      const b = new OutboxWorker(second, app.config, { id: 'B', transport: null, webhookConcurrency: 10 });
      const pending = async () =>
        Number(
          (
            await app.ds.query(
              `SELECT COUNT(*) AS n FROM outbox_message WHERE status IN ('PENDING', 'SENDING')`,
            )
          )[0].n,
        );
      // Each keeps polling while anything is left: one finding the other's rows locked must not stop early.
      const run = async (w: OutboxWorker) => {
        let n = 0;
        for (;;) {
          const k = await w.runOnce();
          n += k;
          if (k === 0 && (await pending()) === 0) return n;
          if (k === 0) await new Promise((r) => setTimeout(r, 5));
        }
      };
      const [byA, byB] = await Promise.all([run(a), run(b)]);
      expect(byA + byB).toBe(500);
      console.log(`[${DB_KIND}] race: worker A delivered ${byA}, worker B ${byB}`);
    } finally {
      await second.destroy();
    }
    const race = hooks.slice(before).filter((h) => h.headers['x-fulfillment-event'] === 'race.test');
    expect(race).toHaveLength(500);
    expect(new Set(race.map((h) => JSON.parse(h.body).n)).size).toBe(500);
  });

  it('a worker that dies after claiming loses nothing: another takes over when the claim expires', async () => {
    await drain();
    const endpointId = Number((await app.ds.query('SELECT id FROM webhook_endpoint'))[0].id);
    await transact(app.ds, (em) =>
      enqueue(
        em,
        Array.from({ length: 5 }, (_, i) => ({
          kind: 'WEBHOOK' as const,
          topic: 'fulfillments.changed',
          dedupeKey: null,
          partnerId: null,
          payload: { endpointId, event: 'crash.test', n: i },
        })),
      ),
    );
    const dying = new OutboxWorker(app.ds, app.config, { id: 'dying', transport: null, lockMs: 1500 }); // MariaDB keeps whole seconds
    expect(await dying.claim('WEBHOOK')).toHaveLength(5); // …and then the process is gone
    const survivor = new OutboxWorker(app.ds, app.config, { id: 'survivor', transport: null });
    expect(await survivor.runOnce()).toBe(0); // still claimed
    await new Promise((r) => setTimeout(r, 2600));
    expect(await survivor.runOnce()).toBe(5);
    expect(hooks.filter((h) => h.headers['x-fulfillment-event'] === 'crash.test')).toHaveLength(5);
  });

  it('failures retry with backoff, are parked after the last try, and an admin can retry them', async () => {
    await drain();
    const endpointId = Number((await app.ds.query('SELECT id FROM webhook_endpoint'))[0].id);
    await transact(app.ds, (em) =>
      enqueue(em, [
        {
          kind: 'WEBHOOK',
          topic: 'fulfillments.changed',
          dedupeKey: null,
          partnerId: null,
          payload: { endpointId, event: 'flaky.test' },
        },
      ]),
    );
    const worker = new OutboxWorker(app.ds, app.config, { transport: null, maxAttempts: 2 });
    failHooks = 2;
    expect(await worker.runOnce()).toBe(1);
    let [row] = await app.ds.query(
      `SELECT id, status, attempts, response_code, next_attempt_at FROM outbox_message WHERE payload LIKE '%flaky.test%'`,
    );
    expect(row).toMatchObject({ status: 'PENDING', response_code: 503 });
    const next =
      row.next_attempt_at instanceof Date
        ? row.next_attempt_at.getTime()
        : Date.parse(`${String(row.next_attempt_at).replace(' ', 'T')}Z`);
    expect(next).toBeGreaterThan(Date.now() + 20_000);
    await app.ds.query(`UPDATE outbox_message SET next_attempt_at = created_at WHERE id = ?`, [row.id]);
    await worker.runOnce();
    [row] = await app.ds.query(`SELECT id, status, attempts, last_error FROM outbox_message WHERE id = ?`, [
      row.id,
    ]);
    expect(row).toMatchObject({ status: 'FAILED', last_error: 'The endpoint answered HTTP 503' });
    const { outboxMessages } = await admin.gql('{ outboxMessages(status: "FAILED") { id topic lastError } }');
    expect(outboxMessages).toHaveLength(1);
    await admin.gql(
      `mutation($i: RetryOutboxMessageInput!) { retryOutboxMessage(input: $i) { message { status } } }`,
      { i: { id: outboxMessages[0].id } },
    );
    expect(await worker.runOnce()).toBe(1);
    expect(hooks.filter((h) => h.headers['x-fulfillment-event'] === 'flaky.test')).toHaveLength(1);
  });

  it('without SMTP the emails are kept for admins on the Mail page; partners cannot read it', async () => {
    const order = await createOrder(partner.client, {
      reference: 'NT-NOSMTP',
      customer: { name: 'Edsger Dijkstra', email: 'ewd@example.com' },
    });
    await partner.client.gql(UPDATE, {
      i: { fulfillmentId: order.fulfillments[0].id, trackingNumber: upsNumber(8) },
    });
    await drain(new OutboxWorker(app.ds, app.config, { transport: null }));
    expect(mailsTo('ewd@example.com')).toEqual([]);
    const { mailMessages } = await admin.gql('{ mailMessages(first: 100) { recipients subject status } }');
    expect(mailMessages).toContainEqual({
      recipients: 'ewd@example.com',
      subject: 'Your item from Nordic Trail has shipped',
      status: 'STORED',
    });
    expect((await partner.client.raw('{ mailMessages { id } }')).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
  });
});
