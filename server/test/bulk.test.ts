import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FulfillmentStatus } from '@ft/shared';
import { fromGlobalId, toGlobalId } from '../src/graphql/ids.js';
import { seedBulk } from '../src/seed/bulk.js';
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
let admin: Client;
let partner: { id: string; client: Client };

const SHIP = `mutation($i: MarkFulfillmentsShippedInput!) { markFulfillmentsShipped(input: $i) {
  actionId changedCount skipped { id code message } skippedCount changed { id status shippedOn } userErrors { field code message } } }`;
const NOT_SHIPPING = `mutation($i: MarkFulfillmentsNotShippingInput!) { markFulfillmentsNotShipping(input: $i) {
  actionId changedCount skipped { id code message } userErrors { field code message } } }`;
const UNDO = `mutation($i: UndoBulkActionInput!) { undoBulkAction(input: $i) {
  restoredCount skipped { id code message } skippedCount userErrors { field code message } } }`;
/** A skip as a person reads it: the line by order and SKU, the reason by code and status, the counts by reason. */
const SKIP_WORDS = `skipped { id code message orderReference sku status } skippedCount skippedByReason { code status message count }`;
const SHIP_WORDS = `mutation($i: MarkFulfillmentsShippedInput!) { markFulfillmentsShipped(input: $i) {
  changedCount ${SKIP_WORDS} userErrors { code } } }`;
const UNDO_WORDS = `mutation($i: UndoBulkActionInput!) { undoBulkAction(input: $i) {
  restoredCount ${SKIP_WORDS} userErrors { code } } }`;
const STATE = `query($id: ID!) { fulfillment(id: $id) { status shippedOn notShippingReason version order { status } history { type channel } } }`;

const state = (id: string) => admin.gql(STATE, { id }).then((r) => r.fulfillment);
const newOrders = async (n: number, extra: Record<string, unknown> = {}) => {
  const orders = [];
  for (let i = 0; i < n; i++) orders.push(await createOrder(partner.client, extra));
  return orders;
};
const countOutbox = async () =>
  Number(
    (await app.ds.query("SELECT COUNT(*) AS n FROM outbox_message WHERE topic = 'member.shipped'"))[0].n,
  );

beforeAll(async () => {
  app = await startTestApp();
  admin = await signIn(app);
  partner = await createPartner(admin, app, 'Bulk Partner');
});
afterAll(async () => {
  await app?.stop();
});

describe('markFulfillmentsShipped', () => {
  it('ships the HOLD ones, skips each other id with its reason, and queues one email per shipped fulfillment', async () => {
    const [a, b, c] = await newOrders(3);
    const ids = [a.fulfillments[0].id, b.fulfillments[0].id, c.fulfillments[0].id];
    await admin.gql(NOT_SHIPPING, { i: { ids: [ids[2]], reason: 'Out of stock' } });
    const outboxBefore = await countOutbox();
    const { markFulfillmentsShipped: r } = await admin.gql(SHIP, {
      i: { ids: [...ids, 'not-an-id', toGlobalId('Fulfillment', 999999)], shippedOn: '2026-11-02' },
    });
    expect(r.userErrors).toEqual([]);
    expect(r.changedCount).toBe(2);
    expect(r.changed.map((f: any) => f.status)).toEqual(['SHIPPED', 'SHIPPED']);
    expect(r.skipped).toEqual(
      expect.arrayContaining([
        {
          id: ids[2],
          code: 'TRANSITION_NOT_ALLOWED',
          message: 'A NOT_SHIPPING fulfillment cannot be marked as shipped',
        },
        { id: 'not-an-id', code: 'NOT_FOUND', message: 'No such fulfillment' },
        { id: toGlobalId('Fulfillment', 999999), code: 'NOT_FOUND', message: 'No such fulfillment' },
      ]),
    );
    expect(r.skipped).toHaveLength(3);
    expect(await state(ids[0])).toMatchObject({
      status: 'SHIPPED',
      shippedOn: '2026-11-02',
      order: { status: 'CLOSED' },
      history: [{ type: 'CREATED' }, { type: 'SHIPPED', channel: 'UI' }],
    });
    expect(await countOutbox()).toBe(outboxBefore + 2);

    const again = await admin.gql(SHIP, { i: { ids: [ids[0]] } });
    expect(again.markFulfillmentsShipped).toMatchObject({
      actionId: null,
      changedCount: 0,
      skipped: [{ id: ids[0], code: 'TRANSITION_NOT_ALLOWED', message: 'Already SHIPPED' }],
    });
    expect(await countOutbox()).toBe(outboxBefore + 2);
  });

  it('acts on everything matching a filter, and a filter matching nothing is a userError', async () => {
    const orders = await newOrders(3, { customer: { name: 'Filter Target', email: 'filter@example.com' } });
    const { markFulfillmentsShipped: r } = await admin.gql(SHIP, {
      i: { filter: { search: 'filter@example.com', statuses: ['HOLD'] } },
    });
    expect(r.changedCount).toBe(3);
    for (const o of orders) expect((await state(o.fulfillments[0].id)).status).toBe('SHIPPED');
    const none = await admin.gql(SHIP, { i: { filter: { search: 'nobody-matches-this' } } });
    expect(none.markFulfillmentsShipped).toMatchObject({
      actionId: null,
      changedCount: 0,
      userErrors: [
        { field: ['input', 'filter'], code: 'NOT_FOUND', message: 'No fulfillment matches this filter' },
      ],
    });
  });

  it('acts on every line of the orders a Find Orders filter matches', async () => {
    const a = await createOrder(partner.client, {
      customer: { name: 'Order Filter Target', email: 'order-filter@example.com' },
      fulfillments: [
        { sku: 'A', productName: 'A' },
        { sku: 'B', productName: 'B' },
      ],
    });
    const b = await createOrder(partner.client, {
      customer: { name: 'Order Filter Target', email: 'order-filter@example.com' },
    });
    const { markFulfillmentsShipped: r } = await admin.gql(SHIP, {
      i: { filter: { order: { search: 'order-filter@example.com', statuses: ['OPEN'] } } },
    });
    expect(r).toMatchObject({ changedCount: 3, skipped: [], userErrors: [] });
    for (const f of [...a.fulfillments, ...b.fulfillments])
      expect((await state(f.id)).status).toBe('SHIPPED');
    const bad = await admin.gql(SHIP, { i: { filter: { order: { placed: { from: '2026-02-30' } } } } });
    expect(bad.markFulfillmentsShipped.userErrors).toEqual([
      {
        field: ['input', 'filter', 'order', 'placed', 'from'],
        code: 'INVALID_DATE',
        message: '2026-02-30 is not a date (YYYY-MM-DD)',
      },
    ]);
  });

  it('needs ids or a filter, not both and not neither, and a real date', async () => {
    const neither = await admin.gql(SHIP, { i: {} });
    expect(neither.markFulfillmentsShipped.userErrors).toEqual([
      { field: ['input'], code: 'REQUIRED', message: 'Give either ids or filter, not both and not neither' },
    ]);
    const empty = await admin.gql(SHIP, { i: { ids: [] } });
    expect(empty.markFulfillmentsShipped.userErrors[0]).toMatchObject({
      field: ['input', 'ids'],
      code: 'REQUIRED',
    });
    const [o] = await newOrders(1);
    const date = await admin.gql(SHIP, { i: { ids: [o.fulfillments[0].id], shippedOn: '2026-02-30' } });
    expect(date.markFulfillmentsShipped.userErrors).toEqual([
      {
        field: ['input', 'shippedOn'],
        code: 'INVALID_DATE',
        message: '2026-02-30 is not a date (YYYY-MM-DD)',
      },
    ]);
    expect((await state(o.fulfillments[0].id)).status).toBe('HOLD');
  });

  it('a database failure part-way rolls the whole action back: nothing shipped, no history, no email', async () => {
    const orders = await newOrders(3);
    const ids = orders.map((o) => o.fulfillments[0].id);
    const outboxBefore = await countOutbox();
    // A real fault from the database itself: history inserts fail after the fulfillment UPDATE ran.
    if (DB_KIND === 'sqlite') {
      await app.ds.query(
        `CREATE TRIGGER fail_history BEFORE INSERT ON fulfillment_event WHEN NEW.type = 'SHIPPED' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`,
      );
    } else {
      await app.ds.query(
        `CREATE TRIGGER fail_history BEFORE INSERT ON fulfillment_event FOR EACH ROW BEGIN IF NEW.type = 'SHIPPED' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'disk on fire'; END IF; END`,
      );
    }
    try {
      const result = await admin.raw(SHIP, { i: { ids } });
      expect(result.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await app.ds.query('DROP TRIGGER fail_history');
    }
    for (const id of ids)
      expect(await state(id)).toMatchObject({
        status: 'HOLD',
        shippedOn: null,
        order: { status: 'OPEN' },
        history: [{ type: 'CREATED' }],
      });
    expect(await countOutbox()).toBe(outboxBefore);
    expect(
      Number(
        (
          await app.ds.query(
            "SELECT COUNT(*) AS n FROM bulk_action_item WHERE fulfillment_id IN (SELECT id FROM fulfillment WHERE status = 'HOLD')",
          )
        )[0].n,
      ),
    ).toBe(0);
  });
});

describe('skips in words', () => {
  it('each skip names its order reference and SKU, and every skip is counted under its reason', async () => {
    const shipped = await createOrder(partner.client, {
      fulfillments: [
        { sku: 'CAP-1', productName: 'Cap' },
        { sku: 'CAP-2', productName: 'Cap' },
      ],
    });
    const [held] = await newOrders(1, { fulfillments: [{ sku: 'MUG-9', productName: 'Mug' }] });
    const [open] = await newOrders(1);
    const [cap1, cap2] = shipped.fulfillments.map((f: any) => f.id);
    const mug = held.fulfillments[0].id;
    await admin.gql(SHIP, { i: { ids: [cap1, cap2] } });
    await admin.gql(NOT_SHIPPING, { i: { ids: [mug] } });

    const unknown = toGlobalId('Fulfillment', 999999);
    const { markFulfillmentsShipped: r } = await admin.gql(SHIP_WORDS, {
      i: { ids: [cap1, cap2, mug, open.fulfillments[0].id, 'not-an-id', 'nor-this', unknown] },
    });
    expect(r.changedCount).toBe(1);
    expect(r.skippedCount).toBe(6);
    const already = { code: 'TRANSITION_NOT_ALLOWED', message: 'Already SHIPPED', status: 'SHIPPED' };
    const notFound = {
      code: 'NOT_FOUND',
      message: 'No such fulfillment',
      orderReference: null,
      sku: null,
      status: null,
    };
    expect(r.skipped).toHaveLength(6);
    expect(r.skipped).toEqual(
      expect.arrayContaining([
        { id: cap1, ...already, orderReference: shipped.reference, sku: 'CAP-1' },
        { id: cap2, ...already, orderReference: shipped.reference, sku: 'CAP-2' },
        {
          id: mug,
          code: 'TRANSITION_NOT_ALLOWED',
          message: 'A NOT_SHIPPING fulfillment cannot be marked as shipped',
          orderReference: held.reference,
          sku: 'MUG-9',
          status: 'NOT_SHIPPING',
        },
        { id: 'not-an-id', ...notFound },
        { id: 'nor-this', ...notFound },
        { id: unknown, ...notFound },
      ]),
    );
    // One reason per code and status, most frequent first; the two unreadable strings count one each.
    expect(r.skippedByReason).toEqual([
      { code: 'NOT_FOUND', status: null, message: 'No such fulfillment', count: 3 },
      { code: 'TRANSITION_NOT_ALLOWED', status: 'SHIPPED', message: 'Already SHIPPED', count: 2 },
      {
        code: 'TRANSITION_NOT_ALLOWED',
        status: 'NOT_SHIPPING',
        message: 'A NOT_SHIPPING fulfillment cannot be marked as shipped',
        count: 1,
      },
    ]);
  });
});

describe('markFulfillmentsNotShipping and undo', () => {
  it('will-not-ship records the reason; Undo restores exactly what it changed', async () => {
    const [a, b] = await newOrders(2);
    const ids = [a.fulfillments[0].id, b.fulfillments[0].id];
    const { markFulfillmentsNotShipping: r } = await admin.gql(NOT_SHIPPING, {
      i: { ids, reason: 'Discontinued' },
    });
    expect(r).toMatchObject({ changedCount: 2, skipped: [], userErrors: [] });
    expect(await state(ids[0])).toMatchObject({
      status: 'NOT_SHIPPING',
      notShippingReason: 'Discontinued',
      order: { status: 'CLOSED' },
    });

    const { undoBulkAction: u } = await admin.gql(UNDO, { i: { actionId: r.actionId } });
    expect(u).toEqual({ restoredCount: 2, skipped: [], skippedCount: 0, userErrors: [] });
    expect(await state(ids[0])).toMatchObject({
      status: 'HOLD',
      notShippingReason: null,
      order: { status: 'OPEN' },
    });
    expect((await state(ids[0])).history.map((e: any) => e.type)).toEqual([
      'CREATED',
      'NOT_SHIPPING',
      'UNDONE',
    ]);

    const twice = await admin.gql(UNDO, { i: { actionId: r.actionId } });
    expect(twice.undoBulkAction.userErrors).toEqual([
      { field: ['input', 'actionId'], code: 'CONFLICT', message: 'This action was undone already' },
    ]);
  });

  it('undo of a shipment withdraws the unsent emails and leaves rows changed since alone', async () => {
    const [a, b] = await newOrders(2);
    const ids = [a.fulfillments[0].id, b.fulfillments[0].id];
    const before = await countOutbox();
    const { markFulfillmentsShipped: r } = await admin.gql(SHIP, { i: { ids } });
    expect(await countOutbox()).toBe(before + 2);
    // Someone corrects b's tracking after the bulk action.
    await admin.gql(
      `mutation($i: UpdateFulfillmentTrackingInput!) { updateFulfillmentTracking(input: $i) { userErrors { code } } }`,
      { i: { fulfillmentId: ids[1], trackingNumber: upsNumber(20) } },
    );
    const { undoBulkAction: u } = await admin.gql(UNDO, { i: { actionId: r.actionId } });
    expect(u).toEqual({
      restoredCount: 1,
      skipped: [{ id: ids[1], code: 'CONFLICT', message: 'Changed again after this action; left as it is' }],
      skippedCount: 1,
      userErrors: [],
    });
    expect(await state(ids[0])).toMatchObject({ status: 'HOLD', shippedOn: null });
    expect(await state(ids[1])).toMatchObject({ status: 'SHIPPED' });
    expect(await countOutbox()).toBe(before + 1);
  });

  it('an undo names each line it left alone by order reference and SKU, and counts them by reason', async () => {
    const order = await createOrder(partner.client, {
      fulfillments: [
        { sku: 'CAP-1', productName: 'Cap' },
        { sku: 'CAP-2', productName: 'Cap' },
      ],
    });
    const [f1, f2] = order.fulfillments.map((f: any) => f.id);
    const { markFulfillmentsShipped: r } = await admin.gql(SHIP, { i: { ids: [f1, f2] } });
    await admin.gql(
      `mutation($i: UpdateFulfillmentTrackingInput!) { updateFulfillmentTracking(input: $i) { userErrors { code } } }`,
      { i: { fulfillmentId: f2, trackingNumber: upsNumber(21) } },
    );
    const { undoBulkAction: u } = await admin.gql(UNDO_WORDS, { i: { actionId: r.actionId } });
    expect(u).toEqual({
      restoredCount: 1,
      skipped: [
        {
          id: f2,
          code: 'CONFLICT',
          message: 'Changed again after this action; left as it is',
          orderReference: order.reference,
          sku: 'CAP-2',
          status: null,
        },
      ],
      skippedCount: 1,
      skippedByReason: [
        {
          code: 'CONFLICT',
          status: null,
          message: 'Changed again after this action; left as it is',
          count: 1,
        },
      ],
      userErrors: [],
    });
  });

  it('undo of a cancellation restores the shipped line with its date and without the reason', async () => {
    const [o] = await newOrders(1);
    const id = o.fulfillments[0].id;
    await admin.gql(SHIP, { i: { ids: [id], shippedOn: '2026-11-02' } });
    const { cancelFulfillments: c } = await admin.gql(
      `mutation($i: CancelFulfillmentsInput!) { cancelFulfillments(input: $i) { actionId changedCount } }`,
      { i: { ids: [id], reason: 'Lost in transit' } },
    );
    expect(await state(id)).toMatchObject({ status: 'CANCELLED', notShippingReason: 'Lost in transit' });
    const { undoBulkAction: u } = await admin.gql(UNDO, { i: { actionId: c.actionId } });
    expect(u).toEqual({ restoredCount: 1, skipped: [], skippedCount: 0, userErrors: [] });
    expect(await state(id)).toMatchObject({
      status: 'SHIPPED',
      shippedOn: '2026-11-02',
      notShippingReason: null,
      order: { status: 'CLOSED' },
    });
  });

  it('undo of an unknown action is NOT_FOUND', async () => {
    const { undoBulkAction: u } = await admin.gql(UNDO, {
      i: { actionId: toGlobalId('BulkAction', 424242) },
    });
    expect(u.userErrors).toEqual([
      { field: ['input', 'actionId'], code: 'NOT_FOUND', message: 'No such bulk action' },
    ]);
  });
});

describe('cancellation', () => {
  it('cancelling the last active fulfillment cancels the order and its active subscriptions', async () => {
    const order = await createOrder(partner.client, {
      subscriptionCount: 1,
      fulfillments: [
        { sku: 'A', productName: 'A' },
        { sku: 'B', productName: 'B' },
      ],
    });
    const [f1, f2] = order.fulfillments.map((f: any) => f.id);
    const CANCEL = `mutation($i: CancelFulfillmentsInput!) { cancelFulfillments(input: $i) { changedCount } }`;
    const ORDER = `query($id: ID!) { order(id: $id) { status subscriptions { status } } }`;
    await admin.gql(CANCEL, { i: { ids: [f1] } });
    expect((await admin.gql(ORDER, { id: order.id })).order).toEqual({
      status: 'OPEN',
      subscriptions: [{ status: 'ACTIVE' }],
    });
    await admin.gql(CANCEL, { i: { ids: [f2] } });
    expect((await admin.gql(ORDER, { id: order.id })).order).toEqual({
      status: 'CANCELLED',
      subscriptions: [{ status: 'CANCELLED' }],
    });
  });
});

describe('set-based SQL', () => {
  it('10,000 fulfillments are shipped and undone in a constant handful of statements, not one per row', async () => {
    const n = 10_000;
    const partnerId = Number(Buffer.from(partner.id, 'base64url').toString().split(':')[1]);
    // Bulk-load orders directly: creating 10,000 through the API would only slow the test down.
    const now = new Date();
    await app.ds.transaction(async (em) => {
      for (let i = 0; i < n; i += 500) {
        const rows = Array.from({ length: Math.min(500, n - i) }, (_, k) => ({
          partnerId,
          reference: `BIG-${i + k}`,
          customerName: 'Bulk Customer',
          customerEmail: 'bulk@example.com',
          customerLocale: 'en',
          channel: null,
          placedAt: now,
          status: 'OPEN',
          trackingToken: `tok-big-${i + k}`,
          createdAt: now,
        }));
        await em.createQueryBuilder().insert().into('orders').values(rows).updateEntity(false).execute();
      }
      await em.query(`INSERT INTO fulfillment (order_id, partner_id, order_reference, placed_at, sku, product_name, quantity, status, tracking_status, version, updated_at)
        SELECT id, partner_id, reference, placed_at, 'SKU', 'Product', 1, 'HOLD', 'UNKNOWN', 1, placed_at FROM orders WHERE reference LIKE 'BIG-%'`);
    });
    const ids: string[] = (
      await app.ds.query(`SELECT id FROM fulfillment WHERE order_reference LIKE 'BIG-%'`)
    ).map((r: { id: number }) => toGlobalId('Fulfillment', Number(r.id)));
    expect(ids).toHaveLength(n);

    app.queries.reset();
    const { markFulfillmentsShipped: r } = await admin.gql(SHIP, { i: { ids, shippedOn: '2026-11-03' } });
    const shipStatements = app.queries.count;
    expect(r).toMatchObject({ changedCount: n, skipped: [], userErrors: [] });
    const [{ shipped }] = await app.ds.query(
      `SELECT COUNT(*) AS shipped FROM fulfillment WHERE order_reference LIKE 'BIG-%' AND status = 'SHIPPED'`,
    );
    expect(Number(shipped)).toBe(n);
    const [{ closed }] = await app.ds.query(
      `SELECT COUNT(*) AS closed FROM orders WHERE reference LIKE 'BIG-%' AND status = 'CLOSED'`,
    );
    expect(Number(closed)).toBe(n);

    app.queries.reset();
    const { undoBulkAction: u } = await admin.gql(UNDO, { i: { actionId: r.actionId } });
    const undoStatements = app.queries.count;
    expect(u.restoredCount).toBe(n);
    // Statements grow with batches of 500–2,000 rows, never with single rows.
    expect(shipStatements).toBeLessThan(100);
    expect(undoStatements).toBeLessThan(100);
    console.log(`[${DB_KIND}] ship 10,000 by ids: ${shipStatements} SQL statements; undo: ${undoStatements}`);
    const [{ hold }] = await app.ds.query(
      `SELECT COUNT(*) AS hold FROM fulfillment WHERE order_reference LIKE 'BIG-%' AND status = '${FulfillmentStatus.HOLD}'`,
    );
    expect(Number(hold)).toBe(n);
  });
});

describe('bulk by filter, in chunks', () => {
  /**
   * A partner of its own with `orders` seeded orders of one HOLD line each; the filter that selects them.
   * These filters never search, so the orders are not indexed for search.
   */
  const seededPartner = async (orders: number, prefix: string) => {
    const p = await createPartner(admin, app);
    await seedBulk(app.ds, { orders, partnerId: fromGlobalId('Partner', p.id)!, prefix, searchIndex: false });
    return { filter: { partnerIds: [p.id] }, like: `${prefix}-%` };
  };
  const count = async (sql: string, ...params: unknown[]) => Number((await app.ds.query(sql, params))[0].n);
  const failOn = async (eventType: string, fulfillmentId: number) =>
    app.ds.query(
      DB_KIND === 'sqlite'
        ? `CREATE TRIGGER fail_late BEFORE INSERT ON fulfillment_event WHEN NEW.type = '${eventType}' AND NEW.fulfillment_id = ${fulfillmentId} BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`
        : `CREATE TRIGGER fail_late BEFORE INSERT ON fulfillment_event FOR EACH ROW BEGIN IF NEW.type = '${eventType}' AND NEW.fulfillment_id = ${fulfillmentId} THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'disk on fire'; END IF; END`,
    );

  it('ships 5,000 lines matched by a filter, undoes all of them, and a failure in a later chunk changes nothing', async () => {
    const n = 5000;
    const { filter, like } = await seededPartner(n, 'CHUNKED');
    const lines = `FROM fulfillment WHERE order_reference LIKE ?`;
    const lastLine = await count(`SELECT MAX(id) AS n ${lines}`, like);
    const memberEmails = () =>
      count(
        `SELECT COUNT(*) AS n FROM outbox_message WHERE topic = 'member.shipped' AND status = 'PENDING' AND partner_id = ?`,
        fromGlobalId('Partner', filter.partnerIds[0]!),
      );

    // The last line is in the third chunk: the first two were already changed when it fails.
    await failOn('SHIPPED', lastLine);
    try {
      const failed = await admin.raw(SHIP, { i: { filter: { ...filter, statuses: ['HOLD'] } } });
      expect(failed.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await app.ds.query('DROP TRIGGER fail_late');
    }
    expect(await count(`SELECT COUNT(*) AS n ${lines} AND status = 'HOLD' AND version = 1`, like)).toBe(n);
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM fulfillment_event WHERE fulfillment_id IN (SELECT id ${lines})`,
        like,
      ),
    ).toBe(0);
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM bulk_action_item WHERE fulfillment_id IN (SELECT id ${lines})`,
        like,
      ),
    ).toBe(0);
    expect(await memberEmails()).toBe(0);

    const { markFulfillmentsShipped: r } = await admin.gql(SHIP, {
      i: { filter: { ...filter, statuses: ['HOLD'] }, shippedOn: '2026-11-04' },
    });
    expect(r).toMatchObject({ changedCount: n, skipped: [], skippedCount: 0, userErrors: [] });
    expect(r.changed).toHaveLength(250);
    expect(
      await count(`SELECT COUNT(*) AS n ${lines} AND status = 'SHIPPED' AND shipped_on = '2026-11-04'`, like),
    ).toBe(n);
    expect(
      await count(`SELECT COUNT(*) AS n FROM orders WHERE reference LIKE ? AND status = 'CLOSED'`, like),
    ).toBe(n);
    expect(await memberEmails()).toBe(n);
    const actionId = fromGlobalId('BulkAction', r.actionId)!;
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM outbox_message WHERE topic = 'partner.digest' AND dedupe_key LIKE ?`,
        `partner.digest:bulk:${actionId}:%`,
      ),
    ).toBe(1);
    expect(await count(`SELECT changed_count AS n FROM bulk_action WHERE id = ?`, actionId)).toBe(n);

    // Undo fails in its last chunk: the whole undo rolls back and can run again.
    await failOn('UNDONE', lastLine);
    try {
      const failed = await admin.raw(UNDO, { i: { actionId: r.actionId } });
      expect(failed.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await app.ds.query('DROP TRIGGER fail_late');
    }
    expect(await count(`SELECT COUNT(*) AS n ${lines} AND status = 'SHIPPED'`, like)).toBe(n);
    expect(await memberEmails()).toBe(n);

    const { undoBulkAction: u } = await admin.gql(UNDO, { i: { actionId: r.actionId } });
    expect(u).toEqual({ restoredCount: n, skipped: [], skippedCount: 0, userErrors: [] });
    expect(
      await count(`SELECT COUNT(*) AS n ${lines} AND status = 'HOLD' AND shipped_on IS NULL`, like),
    ).toBe(n);
    expect(
      await count(`SELECT COUNT(*) AS n FROM orders WHERE reference LIKE ? AND status = 'OPEN'`, like),
    ).toBe(n);
    expect(await memberEmails()).toBe(0);
  });

  it('counts by reason cover every skip, also the ones past the 250 listed', async () => {
    const { filter, like } = await seededPartner(300, 'REASONS');
    const [{ first }] = await app.ds.query(
      'SELECT MIN(id) AS first FROM fulfillment WHERE order_reference LIKE ?',
      [like],
    );
    const nth = (n: number) => Number(first) + n;
    // Lines in id order: 260 shipped, 30 will not ship, 10 awaiting shipment. The listed 250 are all shipped ones.
    await app.ds.query(
      `UPDATE fulfillment SET status = 'SHIPPED', shipped_on = '2026-11-01', version = 2 WHERE order_reference LIKE ? AND id < ?`,
      [like, nth(260)],
    );
    await app.ds.query(
      `UPDATE fulfillment SET status = 'NOT_SHIPPING', version = 2 WHERE order_reference LIKE ? AND id >= ? AND id < ?`,
      [like, nth(260), nth(290)],
    );
    const { markFulfillmentsShipped: r } = await admin.gql(SHIP_WORDS, { i: { filter } });
    expect(r.userErrors).toEqual([]);
    expect(r.changedCount).toBe(10);
    expect(r.skippedCount).toBe(290);
    expect(r.skipped).toHaveLength(250);
    expect(r.skipped.every((s: any) => s.status === 'SHIPPED')).toBe(true);
    expect(r.skipped[0]).toEqual({
      id: toGlobalId('Fulfillment', nth(0)),
      code: 'TRANSITION_NOT_ALLOWED',
      message: 'Already SHIPPED',
      orderReference: 'REASONS-0000000',
      sku: 'SHOE-42',
      status: 'SHIPPED',
    });
    expect(r.skippedByReason).toEqual([
      { code: 'TRANSITION_NOT_ALLOWED', status: 'SHIPPED', message: 'Already SHIPPED', count: 260 },
      {
        code: 'TRANSITION_NOT_ALLOWED',
        status: 'NOT_SHIPPING',
        message: 'A NOT_SHIPPING fulfillment cannot be marked as shipped',
        count: 30,
      },
    ]);
  });

  it('a filter matching 160,000 lines is read in chunks: skips are counted past the first 250, the rest ship', async () => {
    const n = 160_000;
    const { filter, like } = await seededPartner(n, 'HUGE');
    const [{ last }] = await app.ds.query(
      'SELECT MAX(id) AS last FROM fulfillment WHERE order_reference LIKE ?',
      [like],
    );
    await app.ds.query(
      `UPDATE fulfillment SET status = 'SHIPPED', shipped_on = '2026-11-01', version = 2 WHERE order_reference LIKE ? AND id <= ?`,
      [like, Number(last) - 3],
    );
    const { markFulfillmentsShipped: r } = await admin.gql(SHIP, { i: { filter } });
    expect(r.userErrors).toEqual([]);
    expect(r.changedCount).toBe(3);
    expect(r.changed.map((f: any) => f.id).sort()).toEqual(
      [Number(last) - 2, Number(last) - 1, Number(last)].map((id) => toGlobalId('Fulfillment', id)).sort(),
    );
    expect(r.skippedCount).toBe(n - 3);
    expect(r.skipped).toHaveLength(250);
    expect(r.skipped[0]).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', message: 'Already SHIPPED' });
    const { undoBulkAction: u } = await admin.gql(UNDO, { i: { actionId: r.actionId } });
    expect(u).toEqual({ restoredCount: 3, skipped: [], skippedCount: 0, userErrors: [] });
  });
});
