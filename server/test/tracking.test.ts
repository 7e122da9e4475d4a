import { format } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../src/auth/context.js';
import { inTransaction } from '../src/db/transaction.js';
import { applyChange, readChangeRows } from '../src/fulfillments/fulfillment-change.js';
import { fromGlobalId } from '../src/graphql/ids.js';
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

let app: TestApp;
let partner: { id: string; client: Client };
const UPDATE = `mutation($i: UpdateFulfillmentTrackingInput!) { updateFulfillmentTracking(input: $i) {
  fulfillment { id status shippedOn version tracking { number url method carrierName carrier { code } } packages { number url }
    history { type channel actor fromStatus toStatus changes } order { status } }
  userErrors { field code message } } }`;

const outboxFor = async (fulfillmentGlobalId: string) => {
  const id = Number(Buffer.from(fulfillmentGlobalId, 'base64url').toString().split(':')[1]);
  return app.ds.query(
    `SELECT topic, dedupe_key FROM outbox_message WHERE dedupe_key = 'member.shipped:${id}'`,
  );
};
const newFulfillment = async () => (await createOrder(partner.client)).fulfillments[0];

const TWO_LINES = [
  { sku: 'SHOE-42', productName: 'Trail Running Shoe', quantity: 1 },
  { sku: 'SOCK-3', productName: 'Socks, 3 pack', quantity: 1 },
];

/**
 * Cancels a line as an import batch or a bulk action writes one (lock it, change it, settle its order), in a
 * transaction that stays open until `release`: `written` resolves once the change is made.
 */
function cancelHeldOpen(line: { id: string }): {
  written: Promise<void>;
  release: () => void;
  done: Promise<void>;
} {
  const ctx = systemContext(app.ds, app.config);
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let markWritten!: () => void;
  const written = new Promise<void>((resolve) => {
    markWritten = resolve;
  });
  const done = inTransaction(ctx, async (tx) => {
    const rows = await readChangeRows(tx, {
      column: 'id',
      values: [fromGlobalId('Fulfillment', line.id)!],
      lock: true,
    });
    await applyChange(tx, rows, { to: 'CANCELLED', patch: {}, eventType: 'CANCELLED' });
    markWritten();
    await held;
  });
  return { written, release, done };
}

/** Resolves once a statement on this test's database has waited 200 ms for a lock (MariaDB); SQLite queues its writers instead. */
async function waitingForALock(): Promise<void> {
  if (DB_KIND !== 'mariadb') return;
  for (;;) {
    const [{ n }] = await app.ds.query(`SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST
      WHERE DB = DATABASE() AND COMMAND = 'Query' AND ID <> CONNECTION_ID() AND TIME_MS > 200`);
    if (Number(n) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeAll(async () => {
  app = await startTestApp();
  const admin = await signIn(app);
  partner = await createPartner(admin, app, 'Tracking Partner');
});
afterAll(async () => {
  await app?.stop();
});

describe('updateFulfillmentTracking', () => {
  it('tracking on a HOLD fulfillment ships it today, detects the carrier, fills the URL, closes the order and queues one email', async () => {
    const f = await newFulfillment();
    const { updateFulfillmentTracking: r } = await partner.client.gql(UPDATE, {
      i: { fulfillmentId: f.id, trackingNumber: `${upsNumber(1)} `, version: f.version },
    });
    expect(r.userErrors).toEqual([]);
    expect(r.fulfillment).toMatchObject({
      status: 'SHIPPED',
      shippedOn: format(new Date(), 'yyyy-MM-dd'),
      version: f.version + 1,
      tracking: {
        number: upsNumber(1),
        url: `https://www.ups.com/track?tracknum=${upsNumber(1)}`,
        carrier: { code: 'ups' },
      },
      order: { status: 'CLOSED' },
    });
    expect(r.fulfillment.history.at(-1)).toMatchObject({
      type: 'SHIPPED',
      channel: 'API',
      fromStatus: 'HOLD',
      toStatus: 'SHIPPED',
    });
    expect(r.fulfillment.history.at(-1).actor).toMatch(/^api-key:test key \(ftk_/);
    expect(JSON.parse(r.fulfillment.history.at(-1).changes)).toMatchObject({
      trackingNumber: [null, upsNumber(1)],
      carrierCode: [null, 'ups'],
    });
    expect(await outboxFor(f.id)).toEqual([
      { topic: 'member.shipped', dedupe_key: expect.stringMatching(/^member\.shipped:\d+$/) },
    ]);
  });

  it('a correction on a SHIPPED fulfillment keeps it shipped and never queues a second email', async () => {
    const f = await newFulfillment();
    const first = await partner.client.gql(UPDATE, {
      i: { fulfillmentId: f.id, trackingNumber: upsNumber(2), shippedOn: '2026-11-02' },
    });
    const v = first.updateFulfillmentTracking.fulfillment.version;
    const { updateFulfillmentTracking: r } = await partner.client.gql(UPDATE, {
      i: {
        fulfillmentId: f.id,
        trackingNumber: upsNumber(3),
        carrier: 'U.P.S. Ground',
        shippingMethod: 'Ground',
        version: v,
      },
    });
    expect(r.userErrors).toEqual([]);
    expect(r.fulfillment).toMatchObject({
      status: 'SHIPPED',
      shippedOn: '2026-11-02',
      tracking: { number: upsNumber(3), method: 'Ground', carrier: { code: 'ups' } },
    });
    expect(r.fulfillment.history.at(-1)).toMatchObject({
      type: 'TRACKING_UPDATED',
      fromStatus: 'SHIPPED',
      toStatus: 'SHIPPED',
    });
    expect(await outboxFor(f.id)).toHaveLength(1);
  });

  it('a wrong check digit is INVALID_TRACKING_NUMBER on the number field and changes nothing', async () => {
    const f = await newFulfillment();
    const { updateFulfillmentTracking: r } = await partner.client.gql(UPDATE, {
      i: { fulfillmentId: f.id, trackingNumber: '1Z5R89390357567002' },
    });
    expect(r).toEqual({
      fulfillment: null,
      userErrors: [
        {
          field: ['input', 'trackingNumber'],
          code: 'INVALID_TRACKING_NUMBER',
          message: '1Z5R89390357567002 looks like UPS but its check digit is wrong',
        },
      ],
    });
    const named = await partner.client.gql(UPDATE, {
      i: { fulfillmentId: f.id, trackingNumber: '1Z5R89390357567002', carrier: 'ups' },
    });
    expect(named.updateFulfillmentTracking.userErrors[0]).toMatchObject({
      code: 'INVALID_TRACKING_NUMBER',
      message: '1Z5R89390357567002 fails the UPS check digit',
    });
    const { fulfillment } = await partner.client.gql(
      `query($id: ID!) { fulfillment(id: $id) { status version tracking { number } history { type } } }`,
      { id: f.id },
    );
    expect(fulfillment).toEqual({
      status: 'HOLD',
      version: f.version,
      tracking: null,
      history: [{ type: 'CREATED' }],
    });
    expect(await outboxFor(f.id)).toEqual([]);
  });

  it('a number no carrier format matches needs a carrier name; free text is kept with the URL given', async () => {
    const f = await newFulfillment();
    const unknown = await partner.client.gql(UPDATE, {
      i: { fulfillmentId: f.id, trackingNumber: 'ABC123XYZ' },
    });
    expect(unknown.updateFulfillmentTracking.userErrors).toEqual([
      {
        field: ['input', 'carrier'],
        code: 'UNKNOWN_CARRIER',
        message: "ABC123XYZ matches no known carrier's format; name the carrier",
      },
    ]);
    const local = await partner.client.gql(UPDATE, {
      i: {
        fulfillmentId: f.id,
        trackingNumber: 'ABC123XYZ',
        carrier: 'Speedy Couriers Ltd',
        trackingUrl: 'https://speedy.example/t/ABC123XYZ',
      },
    });
    expect(local.updateFulfillmentTracking.fulfillment.tracking).toMatchObject({
      number: 'ABC123XYZ',
      carrier: null,
      carrierName: 'Speedy Couriers Ltd',
      url: 'https://speedy.example/t/ABC123XYZ',
    });
  });

  it('two lines of one order cancelled at the same time, each in its own transaction, cancel the order', async () => {
    const order = await createOrder(partner.client, { fulfillments: TWO_LINES });
    // The first line is cancelled in a transaction that stays open, its order settled as "the other line on hold"...
    const first = cancelHeldOpen(order.fulfillments[0]);
    await first.written;
    // ...while the second is cancelled. It must wait for the first (or see it), not settle from a snapshot in which
    // the first is still on hold. On SQLite write transactions take turns, so it simply waits.
    const second = cancelHeldOpen(order.fulfillments[1]);
    second.release();
    await Promise.race([second.done, waitingForALock()]);
    first.release();
    await Promise.all([first.done, second.done]);
    const { order: after } = await partner.client.gql(
      `query($id: ID!) { order(id: $id) { status fulfillments { status } } }`,
      { id: order.id },
    );
    expect(after).toEqual({
      status: 'CANCELLED',
      fulfillments: [{ status: 'CANCELLED' }, { status: 'CANCELLED' }],
    });
  });

  // SQLite has one writer at a time: there an order is created after the change, by design.
  if (DB_KIND === 'mariadb')
    it('an order can be created while a change to the newest order is still being written', async () => {
      // One line of two cancelled: the other is read with a lock to settle the order. The only line cancelled: the
      // order's subscription is cancelled with it.
      for (const newestOrder of [{ fulfillments: TWO_LINES }, { subscriptionCount: 1 }]) {
        const newest = await createOrder(partner.client, newestOrder);
        const change = cancelHeldOpen(newest.fulfillments[0]);
        try {
          await change.written;
          const created = await Promise.race([
            createOrder(partner.client, { fulfillments: TWO_LINES, subscriptionCount: 1 }),
            new Promise((resolve) => setTimeout(() => resolve('still waiting after 3 s'), 3000)),
          ]);
          expect(created).toMatchObject({
            status: 'OPEN',
            fulfillments: [{ status: 'HOLD' }, { status: 'HOLD' }],
            subscriptions: [{ status: 'ACTIVE' }],
          });
        } finally {
          change.release();
          await change.done;
        }
        const { order } = await partner.client.gql(
          `query($id: ID!) { order(id: $id) { status subscriptions { status } } }`,
          { id: newest.id },
        );
        expect(order.status).toBe(newestOrder.subscriptionCount ? 'CANCELLED' : 'OPEN');
        if (newestOrder.subscriptionCount) expect(order.subscriptions).toEqual([{ status: 'CANCELLED' }]);
      }
    });

  it("a change that gives only some of its lines new packages keeps the others' packages", async () => {
    const [x, y] = await Promise.all([newFulfillment(), newFulfillment()]);
    const shipped = await partner.client.gql(UPDATE, {
      i: { fulfillmentId: x.id, trackingNumber: upsNumber(60), additionalTrackingNumbers: [upsNumber(61)] },
    });
    expect(shipped.updateFulfillmentTracking.fulfillment.packages).toHaveLength(2);
    await partner.client.gql(UPDATE, { i: { fulfillmentId: y.id, trackingNumber: upsNumber(62) } });
    const ctx = systemContext(app.ds, app.config);
    const extra = [{ number: upsNumber(63), url: null }];
    // One change, a patch per line (as an import writes them): y gains a package, x only a new carrier status.
    await inTransaction(ctx, async (tx) => {
      const rows = await readChangeRows(tx, {
        column: 'id',
        values: [x, y].map((f) => fromGlobalId('Fulfillment', f.id)!),
        lock: true,
      });
      await applyChange(tx, rows, {
        to: 'SHIPPED',
        eventType: 'TRACKING_UPDATED',
        patch: (row) =>
          row.id === fromGlobalId('Fulfillment', y.id)
            ? { extraPackages: extra }
            : { trackingStatus: 'IN_TRANSIT' },
      });
    });
    const packages = async (f: { id: string }) =>
      (
        await partner.client.gql(`query($id: ID!) { fulfillment(id: $id) { packages { number } } }`, {
          id: f.id,
        })
      ).fulfillment.packages;
    expect(await packages(x)).toEqual([{ number: upsNumber(60) }, { number: upsNumber(61) }]);
    expect(await packages(y)).toEqual([{ number: upsNumber(62) }, { number: upsNumber(63) }]);
  });

  it('lines of one order shipped by simultaneous requests all ship, and the order closes', async () => {
    const orders = await Promise.all(
      Array.from({ length: 4 }, () => createOrder(partner.client, { fulfillments: TWO_LINES })),
    );
    // Each request locks its line, then reads its sibling to settle the order: two of them can deadlock, and the
    // database's victim must be run again, not answered with an error.
    const results = await Promise.all(
      orders.flatMap((o, i) =>
        o.fulfillments.map((f: { id: string }, j: number) =>
          partner.client.gql(UPDATE, {
            i: { fulfillmentId: f.id, trackingNumber: upsNumber(50 + i * 2 + j) },
          }),
        ),
      ),
    );
    expect(results.map((r) => r.updateFulfillmentTracking.userErrors)).toEqual(results.map(() => []));
    for (const o of orders) {
      const { order } = await partner.client.gql(`query($id: ID!) { order(id: $id) { status } }`, {
        id: o.id,
      });
      expect(order.status).toBe('CLOSED');
    }
  });

  it('a stale version is refused with CONFLICT, so a concurrent edit is never silently overwritten', async () => {
    const f = await newFulfillment();
    await partner.client.gql(UPDATE, {
      i: { fulfillmentId: f.id, trackingNumber: upsNumber(4), version: f.version },
    });
    const { updateFulfillmentTracking: r } = await partner.client.gql(UPDATE, {
      i: { fulfillmentId: f.id, trackingNumber: upsNumber(5), version: f.version },
    });
    expect(r.userErrors).toEqual([
      {
        field: ['input', 'version'],
        code: 'CONFLICT',
        message: 'Someone else changed this fulfillment; reload it and try again',
      },
    ]);
    const { fulfillment } = await partner.client.gql(
      `query($id: ID!) { fulfillment(id: $id) { tracking { number } } }`,
      { id: f.id },
    );
    expect(fulfillment.tracking.number).toBe(upsNumber(4));
  });

  it('two simultaneous edits of the same version: exactly one wins, the other gets CONFLICT', async () => {
    const f = await newFulfillment();
    const results = await Promise.all(
      [upsNumber(6), upsNumber(7)].map((n) =>
        partner.client.gql(UPDATE, { i: { fulfillmentId: f.id, trackingNumber: n, version: f.version } }),
      ),
    );
    const codes = results.map((r) => r.updateFulfillmentTracking.userErrors[0]?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
  });

  it('impossible dates, empty and overlong values get precise userErrors', async () => {
    const f = await newFulfillment();
    const cases: [Record<string, unknown>, { field: string[]; code: string }][] = [
      [
        { trackingNumber: upsNumber(8), shippedOn: '2026-02-30' },
        { field: ['input', 'shippedOn'], code: 'INVALID_DATE' },
      ],
      [{ trackingNumber: '   ' }, { field: ['input', 'trackingNumber'], code: 'REQUIRED' }],
      [{ trackingNumber: '1'.repeat(65) }, { field: ['input', 'trackingNumber'], code: 'TOO_LONG' }],
      [
        { trackingNumber: upsNumber(8), shippingMethod: 'x'.repeat(101) },
        { field: ['input', 'shippingMethod'], code: 'TOO_LONG' },
      ],
      [
        { trackingNumber: upsNumber(8), trackingUrl: 'javascript:alert(1)' },
        { field: ['input', 'trackingUrl'], code: 'INVALID' },
      ],
    ];
    for (const [input, expected] of cases) {
      const { updateFulfillmentTracking: r } = await partner.client.gql(UPDATE, {
        i: { fulfillmentId: f.id, ...input },
      });
      expect(
        r.userErrors.map((e: any) => ({ field: e.field, code: e.code })),
        JSON.stringify(input),
      ).toEqual([expected]);
    }
    const { fulfillment } = await partner.client.gql(
      `query($id: ID!) { fulfillment(id: $id) { status version } }`,
      { id: f.id },
    );
    expect(fulfillment).toEqual({ status: 'HOLD', version: f.version });
  });

  it('text that is not shaped like a tracking number is INVALID "Not a tracking number", not a check-digit failure', async () => {
    const f = await newFulfillment();
    for (const input of [
      { trackingNumber: 'hello world!!' },
      { trackingNumber: 'hello world!!', carrier: 'UPS' },
      { trackingNumber: 'NO-DIGITS-HERE' },
      { trackingNumber: '12345' },
    ]) {
      const { updateFulfillmentTracking: r } = await partner.client.gql(UPDATE, {
        i: { fulfillmentId: f.id, ...input },
      });
      expect(r, JSON.stringify(input)).toEqual({
        fulfillment: null,
        userErrors: [
          { field: ['input', 'trackingNumber'], code: 'INVALID', message: 'Not a tracking number' },
        ],
      });
    }
    const extra = await partner.client.gql(UPDATE, {
      i: { fulfillmentId: f.id, trackingNumber: upsNumber(12), additionalTrackingNumbers: ['see label'] },
    });
    expect(extra.updateFulfillmentTracking.userErrors).toEqual([
      {
        field: ['input', 'additionalTrackingNumbers', '0'],
        code: 'INVALID',
        message: 'Not a tracking number',
      },
    ]);
    const { fulfillment } = await partner.client.gql(
      `query($id: ID!) { fulfillment(id: $id) { status version } }`,
      { id: f.id },
    );
    expect(fulfillment).toEqual({ status: 'HOLD', version: f.version });
  });

  it('spaces and dashes of a pasted number are removed before it is checked, stored and put in the URL', async () => {
    const f = await newFulfillment();
    const n = upsNumber(13);
    const pasted = `${n.slice(0, 2)} ${n.slice(2, 5)}-${n.slice(5, 8)} ${n.slice(8, 12)}\u2013${n.slice(12)}`;
    const extra = upsNumber(14);
    const { updateFulfillmentTracking: r } = await partner.client.gql(UPDATE, {
      i: {
        fulfillmentId: f.id,
        trackingNumber: pasted,
        additionalTrackingNumbers: [`${extra.slice(0, 9)} - ${extra.slice(9)}`],
      },
    });
    expect(r.userErrors).toEqual([]);
    expect(r.fulfillment.tracking).toMatchObject({
      number: n,
      url: `https://www.ups.com/track?tracknum=${n}`,
      carrier: { code: 'ups' },
    });
    expect(r.fulfillment.packages.map((p: { number: string }) => p.number)).toEqual([n, extra]);
  });

  it('a shipped date more than a day ahead is refused with INVALID_DATE; tomorrow is accepted', async () => {
    const f = await newFulfillment();
    const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    for (const shippedOn of ['2030-01-01', dayFromNow(2)]) {
      const { updateFulfillmentTracking: r } = await partner.client.gql(UPDATE, {
        i: { fulfillmentId: f.id, trackingNumber: upsNumber(15), shippedOn },
      });
      expect(r, shippedOn).toEqual({
        fulfillment: null,
        userErrors: [
          {
            field: ['input', 'shippedOn'],
            code: 'INVALID_DATE',
            message: 'The shipped date is in the future',
          },
        ],
      });
    }
    const tomorrow = dayFromNow(1);
    const { updateFulfillmentTracking: ok } = await partner.client.gql(UPDATE, {
      i: { fulfillmentId: f.id, trackingNumber: upsNumber(15), shippedOn: tomorrow },
    });
    expect(ok.userErrors).toEqual([]);
    expect(ok.fulfillment).toMatchObject({ status: 'SHIPPED', shippedOn: tomorrow });
  });

  it('a fulfillment the state table does not allow tracking on is refused with TRANSITION_NOT_ALLOWED', async () => {
    const f = await newFulfillment();
    await partner.client.gql(
      `mutation($i: MarkFulfillmentsNotShippingInput!) { markFulfillmentsNotShipping(input: $i) { changedCount } }`,
      { i: { ids: [f.id], reason: 'Out of stock' } },
    );
    const { updateFulfillmentTracking: r } = await partner.client.gql(UPDATE, {
      i: { fulfillmentId: f.id, trackingNumber: upsNumber(9) },
    });
    expect(r.userErrors).toEqual([
      {
        field: ['input', 'fulfillmentId'],
        code: 'TRANSITION_NOT_ALLOWED',
        message: 'Tracking can be set on fulfillments awaiting shipment or shipped; this one is NOT_SHIPPING',
      },
    ]);
  });

  it('several packages of one shipment are all kept, the first being `tracking`', async () => {
    const f = await newFulfillment();
    const { updateFulfillmentTracking: r } = await partner.client.gql(UPDATE, {
      i: { fulfillmentId: f.id, trackingNumber: upsNumber(10), additionalTrackingNumbers: [upsNumber(11)] },
    });
    expect(r.fulfillment.packages).toEqual([
      { number: upsNumber(10), url: `https://www.ups.com/track?tracknum=${upsNumber(10)}` },
      { number: upsNumber(11), url: `https://www.ups.com/track?tracknum=${upsNumber(11)}` },
    ]);
  });

  it('notifyCustomer: false ships without queueing the member email', async () => {
    const f = await newFulfillment();
    await partner.client.gql(UPDATE, {
      i: { fulfillmentId: f.id, trackingNumber: upsNumber(12), notifyCustomer: false },
    });
    expect(await outboxFor(f.id)).toEqual([]);
  });

  it('a line shipped without notifying gets no member email later from a correction or a carrier scan', async () => {
    const f = await newFulfillment();
    await partner.client.gql(UPDATE, {
      i: { fulfillmentId: f.id, trackingNumber: upsNumber(14), notifyCustomer: false },
    });
    const { updateFulfillmentTracking: corrected } = await partner.client.gql(UPDATE, {
      i: { fulfillmentId: f.id, trackingNumber: upsNumber(15) },
    });
    expect(corrected.userErrors).toEqual([]);
    const { recordTrackingEvent } = await partner.client.gql(
      `mutation($i: RecordTrackingEventInput!) { recordTrackingEvent(input: $i) { userErrors { code } } }`,
      { i: { fulfillmentId: f.id, status: 'IN_TRANSIT' } },
    );
    expect(recordTrackingEvent.userErrors).toEqual([]);
    expect(await outboxFor(f.id)).toEqual([]);
  });

  it('an unknown fulfillment id is NOT_FOUND', async () => {
    const { updateFulfillmentTracking: r } = await partner.client.gql(UPDATE, {
      i: { fulfillmentId: 'bm9wZQ', trackingNumber: upsNumber(13) },
    });
    expect(r.userErrors).toEqual([
      { field: ['input', 'fulfillmentId'], code: 'NOT_FOUND', message: 'No such fulfillment' },
    ]);
  });
});

describe('detectCarrier and carriers', () => {
  it('names the carrier, the check-digit verdict and the tracking URL', async () => {
    const q = `query($n: String!) { detectCarrier(trackingNumber: $n) { candidates { code } checkDigitValid trackingUrl } }`;
    expect((await partner.client.gql(q, { n: upsNumber(1) })).detectCarrier).toEqual({
      candidates: [{ code: 'ups' }],
      checkDigitValid: true,
      trackingUrl: `https://www.ups.com/track?tracknum=${upsNumber(1)}`,
    });
    expect((await partner.client.gql(q, { n: '1Z5R89390357567002' })).detectCarrier).toEqual({
      candidates: [{ code: 'ups' }],
      checkDigitValid: false,
      trackingUrl: null,
    });
    expect((await partner.client.gql(q, { n: '986578788855' })).detectCarrier.candidates).toEqual([
      { code: 'fedex' },
    ]);
    expect((await partner.client.gql(q, { n: 'hello' })).detectCarrier).toEqual({
      candidates: [],
      checkDigitValid: null,
      trackingUrl: null,
    });
  });

  it('the registry holds the major carriers with URL templates', async () => {
    const { carriers } = await partner.client.gql('{ carriers { code name trackingUrlTemplate } }');
    const codes = carriers.map((c: { code: string }) => c.code);
    for (const code of ['ups', 'usps', 'fedex', 'dhl', 'deutsche_post', 'canada_post', 'royal_mail'])
      expect(codes).toContain(code);
    for (const c of carriers) expect(c.trackingUrlTemplate).toContain('{number}');
  });
});

describe('carrier management', () => {
  it('admins add a carrier whose aliases and URL template then drive tracking updates; others may not', async () => {
    const admin = await signIn(app);
    const SAVE = `mutation($i: SaveCarrierInput!) { saveCarrier(input: $i) { carrier { code name trackingUrlTemplate aliases } userErrors { field code } } }`;
    const bad = await admin.gql(SAVE, { i: { code: 'Bad Code!', name: '', trackingUrlTemplate: 'ftp://x' } });
    expect(bad.saveCarrier.userErrors.map((e: any) => e.field.at(-1)).sort()).toEqual([
      'code',
      'name',
      'trackingUrlTemplate',
    ]);
    const { saveCarrier } = await admin.gql(SAVE, {
      i: {
        code: 'speedy',
        name: 'Speedy Couriers',
        trackingUrlTemplate: 'https://speedy.example/t/{number}',
        aliases: ['Speedy', 'Speedy Couriers Ltd'],
      },
    });
    expect(saveCarrier.carrier).toEqual({
      code: 'speedy',
      name: 'Speedy Couriers',
      trackingUrlTemplate: 'https://speedy.example/t/{number}',
      aliases: ['speedy', 'speedycouriersltd'],
    });
    const f = await newFulfillment();
    const { updateFulfillmentTracking: r } = await partner.client.gql(UPDATE, {
      i: { fulfillmentId: f.id, trackingNumber: 'SPD0001', carrier: 'speedy couriers ltd.' },
    });
    expect(r.fulfillment.tracking).toMatchObject({
      carrier: { code: 'speedy' },
      url: 'https://speedy.example/t/SPD0001',
    });
    // Carriers are shared between requests, yet a change is seen by the very next one: the new name on the line, the new alias in a tracking update.
    await admin.gql(SAVE, {
      i: {
        code: 'speedy',
        name: 'Speedy Express',
        trackingUrlTemplate: 'https://speedy.example/t/{number}',
        aliases: ['Zoom Parcels'],
      },
    });
    const LINE = `query($id: ID!) { fulfillment(id: $id) { tracking { carrier { name } } } }`;
    expect((await partner.client.gql(LINE, { id: f.id })).fulfillment.tracking.carrier.name).toBe(
      'Speedy Express',
    );
    const { updateFulfillmentTracking: z } = await partner.client.gql(UPDATE, {
      i: {
        fulfillmentId: f.id,
        trackingNumber: 'SPD0002',
        carrier: 'Zoom Parcels',
        version: r.fulfillment.version,
      },
    });
    expect(z.userErrors).toEqual([]);
    expect(z.fulfillment.tracking.carrier).toEqual({ code: 'speedy' });
    expect(
      (await partner.client.raw(SAVE, { i: { code: 'x1', name: 'X' } })).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
  });
});
