import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxWorker } from '../src/notifications/worker.js';
import {
  type Client,
  createOrder,
  createPartner,
  createStaff,
  previewChangeCount,
  signIn,
  startTestApp,
  upsNumber,
  uploadTrackingCsv,
  type TestApp,
} from './harness.js';
import { SmtpReceiver } from './smtp-receiver.js';

let app: TestApp;
let admin: Client;
let support: Client;
let smtp: SmtpReceiver;

const ENTRY_FIELDS = `id kind actor at count fileName actionId importId undoneAt undoable
  cannotUndo { code message params }`;
const LOG = `query($first: Int, $after: String) { actionLog(first: $first, after: $after) {
  edges { cursor node { ${ENTRY_FIELDS} } }
  pageInfo { hasNextPage endCursor } } }`;
const ENTRY = `query($id: ID!) { actionLogEntry(id: $id) { ${ENTRY_FIELDS} alreadyNotifiedCount } }`;
const SHIP = `mutation($i: MarkFulfillmentsShippedInput!) { markFulfillmentsShipped(input: $i) { actionId changedCount userErrors { code } } }`;
const NOT_SHIPPING = `mutation($i: MarkFulfillmentsNotShippingInput!) { markFulfillmentsNotShipping(input: $i) { actionId userErrors { code } } }`;
const UNDO = `mutation($i: UndoBulkActionInput!) { undoBulkAction(input: $i) {
  restoredCount alreadyNotifiedCount skippedCount userErrors { code } } }`;
const UNDO_IMPORT = `mutation($i: UndoImportInput!) { undoImport(input: $i) {
  restoredCount alreadyNotifiedCount skippedCount skipped { orderReference sku code } userErrors { code message } } }`;
const LINE = `query($id: ID!) { fulfillment(id: $id) { status shippedOn tracking { number carrier { code } }
  history { type channel } } }`;
const APPLY = `mutation($i: ApplyImportInput!) { applyImport(input: $i) { importJob { status appliedCount } userErrors { code } } }`;
const REOPEN = `mutation($i: ReopenFulfillmentInput!) { reopenFulfillment(input: $i) {
  fulfillment { id status notShippingReason order { status } history { type } } userErrors { field code message params } } }`;
const TRACKING = `mutation($i: UpdateFulfillmentTrackingInput!) { updateFulfillmentTracking(input: $i) { fulfillment { status } userErrors { code } } }`;

/** Every entry the caller's log holds, newest first, read `first` at a time. */
async function wholeLog(client: Client, first = 2): Promise<any[]> {
  const entries: any[] = [];
  for (let after: string | null = null; ;) {
    const { actionLog }: any = await client.gql(LOG, { first, after });
    entries.push(...actionLog.edges.map((e: any) => e.node));
    if (!actionLog.pageInfo.hasNextPage) return entries;
    after = actionLog.pageInfo.endCursor;
  }
}
const entryOf = async (client: Client, id: string) => (await client.gql(ENTRY, { id })).actionLogEntry;
const lineIds = (orders: any[]) => orders.map((o) => o.fulfillments[0].id as string);
const newOrders = async (client: Client, n: number) => {
  const orders = [];
  for (let i = 0; i < n; i++) orders.push(await createOrder(client));
  return orders;
};
/** Deliver every due message to the SMTP receiver, as the server's worker would. */
async function deliverAll() {
  const worker = new OutboxWorker(app.ds, app.config, { transport: smtp.transport(), lockMs: 60_000 });
  while ((await worker.runOnce()) > 0);
}

beforeAll(async () => {
  app = await startTestApp();
  admin = await signIn(app);
  support = await createStaff(admin, app, 'SUPPORT');
  smtp = await SmtpReceiver.start();
});
afterAll(async () => {
  await smtp?.close();
  await app?.stop();
});

describe('actionLog', () => {
  it('lists bulk actions and applied imports newest first: who, what, how many, and whether each can be undone', async () => {
    const partner = await createPartner(admin, app, 'Log Partner');
    const orders = await newOrders(partner.client, 4);
    const ids = lineIds(orders);
    const shipped = (await partner.client.gql(SHIP, { i: { ids: ids.slice(0, 2) } })).markFulfillmentsShipped;
    const notShipping = (await admin.gql(NOT_SHIPPING, { i: { ids: [ids[2]], reason: 'Discontinued' } }))
      .markFulfillmentsNotShipping;
    const importId = await uploadTrackingCsv(
      app.url,
      partner.secret,
      `orderId,trackingNumber,carrier\n${orders[3].reference},${upsNumber(41)},UPS\n`,
    );
    expect(await previewChangeCount(partner.client, importId)).toBe(1);
    expect((await partner.client.gql(APPLY, { i: { importId } })).applyImport.userErrors).toEqual([]);

    const log = await wholeLog(admin);
    const { alreadyNotifiedCount, ...one } = await entryOf(admin, importId);
    expect(alreadyNotifiedCount).toBe(0);
    expect(one).toEqual(log.find((e) => e.id === importId));
    const byId = (id: string) => log.find((e) => e.id === id);
    // Of two actions the later comes first (MariaDB keeps whole seconds, so an id breaks a tie in time).
    expect(log.filter((e) => e.kind.startsWith('MARK_')).map((e) => e.id)).toEqual(
      expect.arrayContaining([notShipping.actionId, shipped.actionId]),
    );
    expect(log.findIndex((e) => e.id === notShipping.actionId)).toBeLessThan(
      log.findIndex((e) => e.id === shipped.actionId),
    );
    expect(byId(importId)).toMatchObject({
      kind: 'IMPORT_TRACKING',
      actor: expect.stringContaining('api-key:'),
      count: 1,
      fileName: 'upload.csv',
      actionId: null,
      importId,
      undoable: true,
      cannotUndo: null,
    });
    expect(byId(notShipping.actionId)).toMatchObject({
      kind: 'MARK_NOT_SHIPPING',
      actor: 'user:admin@test.example',
      count: 1,
      undoable: true,
      cannotUndo: null,
    });
    expect(byId(shipped.actionId)).toMatchObject({
      kind: 'MARK_SHIPPED',
      count: 2,
      actionId: shipped.actionId,
      undoable: true,
    });
    // Pages of two walk the whole log once, each entry once, newest first.
    expect(new Set(log.map((e) => e.id)).size).toBe(log.length);
    const times = log.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect((await wholeLog(admin, 50)).map((e) => e.id)).toEqual(log.map((e) => e.id));
  });

  it('a partner key sees only its own actions and imports; admin and support see everyone', async () => {
    const a = await createPartner(admin, app, 'Log Partner A');
    const b = await createPartner(admin, app, 'Log Partner B');
    const ofA = (await a.client.gql(SHIP, { i: { ids: lineIds(await newOrders(a.client, 1)) } }))
      .markFulfillmentsShipped.actionId;
    const ofB = (await b.client.gql(SHIP, { i: { ids: lineIds(await newOrders(b.client, 1)) } }))
      .markFulfillmentsShipped.actionId;
    const ofStaff = (await admin.gql(SHIP, { i: { ids: lineIds(await newOrders(a.client, 1)) } }))
      .markFulfillmentsShipped.actionId;

    const seenByA = (await wholeLog(a.client, 50)).map((e) => e.id);
    expect(seenByA).toContain(ofA);
    expect(seenByA).not.toContain(ofB);
    expect(seenByA).not.toContain(ofStaff);
    for (const staff of [admin, support]) {
      const seen = (await wholeLog(staff, 50)).map((e) => e.id);
      expect(seen).toEqual(expect.arrayContaining([ofA, ofB, ofStaff]));
    }
    // Nor read one by one: another partner's entry is null, exactly like one that does not exist.
    expect(await entryOf(a.client, ofB)).toBeNull();
    expect(await entryOf(a.client, ofStaff)).toBeNull();
    expect(await entryOf(a.client, 'not-an-id')).toBeNull();
    expect((await entryOf(a.client, ofA)).id).toBe(ofA);
    expect((await entryOf(support, ofB)).id).toBe(ofB);
    // Another partner's action cannot be undone by id either.
    expect((await a.client.gql(UNDO, { i: { actionId: ofB } })).undoBulkAction.userErrors[0].code).toBe(
      'NOT_FOUND',
    );
  });

  it('undoes an action from its entry; afterwards the entry says when it was undone', async () => {
    const partner = await createPartner(admin, app, 'Undo Partner');
    const ids = lineIds(await newOrders(partner.client, 2));
    const { actionId } = (await partner.client.gql(NOT_SHIPPING, { i: { ids } })).markFulfillmentsNotShipping;
    const entry = await entryOf(partner.client, actionId);
    expect(entry).toMatchObject({ undoable: true, alreadyNotifiedCount: 0 });

    const undo = (await partner.client.gql(UNDO, { i: { actionId: entry.actionId } })).undoBulkAction;
    expect(undo).toMatchObject({ restoredCount: 2, alreadyNotifiedCount: 0, userErrors: [] });
    const after = await entryOf(partner.client, actionId);
    expect(after.undoable).toBe(false);
    expect(after.undoneAt).not.toBeNull();
    expect(after.cannotUndo.code).toBe('ALREADY_UNDONE');
    expect(JSON.parse(after.cannotUndo.params)).toEqual({
      variant: 'actionUndoneAlready',
      undoneAt: after.undoneAt,
    });
  });

  it('counts the members already emailed, before the undo and in its result; an email still waiting is withdrawn', async () => {
    const partner = await createPartner(admin, app, 'Emailed Partner');
    const ids = lineIds(await newOrders(partner.client, 3));
    const { actionId } = (await partner.client.gql(SHIP, { i: { ids } })).markFulfillmentsShipped;
    await deliverAll();
    // Changed again since the action: the undo leaves this line alone, so its email is not counted.
    await partner.client.gql(TRACKING, { i: { fulfillmentId: ids[2], trackingNumber: upsNumber(42) } });
    expect((await entryOf(partner.client, actionId)).alreadyNotifiedCount).toBe(2);
    const undo = (await partner.client.gql(UNDO, { i: { actionId } })).undoBulkAction;
    expect(undo).toMatchObject({
      restoredCount: 2,
      alreadyNotifiedCount: 2,
      skippedCount: 1,
      userErrors: [],
    });
    expect((await entryOf(partner.client, actionId)).alreadyNotifiedCount).toBe(0);

    const [waiting] = lineIds(await newOrders(partner.client, 1));
    const second = (await partner.client.gql(SHIP, { i: { ids: [waiting] } })).markFulfillmentsShipped;
    expect((await entryOf(partner.client, second.actionId)).alreadyNotifiedCount).toBe(0);
    const undoWaiting = (await partner.client.gql(UNDO, { i: { actionId: second.actionId } })).undoBulkAction;
    expect(undoWaiting).toMatchObject({ restoredCount: 1, alreadyNotifiedCount: 0 });
    const pending = await app.ds.query(
      "SELECT COUNT(*) AS n FROM outbox_message WHERE topic = 'member.shipped' AND status = 'PENDING'",
    );
    expect(Number(pending[0].n)).toBe(0);
  });

  it('undoes an applied import: its lines go back to how they were, a line changed since stays, and only once', async () => {
    const partner = await createPartner(admin, app, 'Import Undo Partner');
    const orders = await newOrders(partner.client, 3);
    const ids = lineIds(orders);
    // The third line was shipped before the import, which corrects its tracking.
    await partner.client.gql(TRACKING, { i: { fulfillmentId: ids[2], trackingNumber: upsNumber(50) } });
    const csv = [
      'orderId,trackingNumber,carrier',
      ...orders.map((o, i) => `${o.reference},${upsNumber(51 + i)},UPS`),
    ].join('\n');
    const importId = await uploadTrackingCsv(app.url, partner.secret, csv);
    expect(await previewChangeCount(partner.client, importId)).toBe(3);
    expect((await partner.client.gql(APPLY, { i: { importId } })).applyImport.userErrors).toEqual([]);
    await deliverAll();
    // The second line changes again after the import: the undo leaves it as it is now.
    await partner.client.gql(TRACKING, { i: { fulfillmentId: ids[1], trackingNumber: upsNumber(60) } });
    expect((await entryOf(partner.client, importId)).alreadyNotifiedCount).toBe(1);

    const undo = (await partner.client.gql(UNDO_IMPORT, { i: { importId } })).undoImport;
    expect(undo).toMatchObject({
      restoredCount: 2,
      alreadyNotifiedCount: 1,
      skippedCount: 1,
      skipped: [
        { orderReference: orders[1].reference, sku: orders[1].fulfillments[0].sku, code: 'CONFLICT' },
      ],
      userErrors: [],
    });
    const line = async (id: string) => (await partner.client.gql(LINE, { id })).fulfillment;
    expect(await line(ids[0])).toMatchObject({ status: 'HOLD', shippedOn: null, tracking: null });
    expect((await line(ids[0])).history.map((h: any) => h.type)).toEqual(['CREATED', 'SHIPPED', 'UNDONE']);
    expect(await line(ids[1])).toMatchObject({ status: 'SHIPPED', tracking: { number: upsNumber(60) } });
    expect(await line(ids[2])).toMatchObject({ status: 'SHIPPED', tracking: { number: upsNumber(50) } });
    // The search follows: the import's numbers no longer find the orders, the one from before does.
    const found = async (search: string) =>
      (
        await partner.client.gql(`query($f: OrderFilter) { orders(filter: $f) { totalCount } }`, {
          f: { search },
        })
      ).orders.totalCount;
    expect(await found(upsNumber(51))).toBe(0);
    expect(await found(upsNumber(50))).toBe(1);

    const entry = await entryOf(partner.client, importId);
    expect(entry).toMatchObject({ undoable: false, cannotUndo: { code: 'ALREADY_UNDONE' } });
    expect(entry.undoneAt).not.toBeNull();
    const again = (await partner.client.gql(UNDO_IMPORT, { i: { importId } })).undoImport;
    expect(again).toMatchObject({ restoredCount: 0, userErrors: [{ code: 'CONFLICT' }] });
    expect(await line(ids[2])).toMatchObject({ status: 'SHIPPED', tracking: { number: upsNumber(50) } });
  });

  it("carrier scans of an import's numbers do not stop its undo; the scans go with the numbers", async () => {
    const partner = await createPartner(admin, app, 'Scanned Undo Partner');
    const orders = await newOrders(partner.client, 2);
    const ids = lineIds(orders);
    const csv = [
      'orderId,trackingNumber',
      ...orders.map((o, i) => `${o.reference},${upsNumber(71 + i)}`),
    ].join('\n');
    const importId = await uploadTrackingCsv(app.url, partner.secret, csv);
    expect(await previewChangeCount(partner.client, importId)).toBe(2);
    expect((await partner.client.gql(APPLY, { i: { importId } })).applyImport.userErrors).toEqual([]);
    const SCAN = `mutation($i: RecordTrackingEventInput!) { recordTrackingEvent(input: $i) { userErrors { code } } }`;
    for (const status of ['IN_TRANSIT', 'OUT_FOR_DELIVERY'])
      await partner.client.gql(SCAN, { i: { trackingNumber: upsNumber(71), status, description: status } });
    // The second parcel arrived: the line is delivered, which an undo does not take back.
    await partner.client.gql(SCAN, { i: { trackingNumber: upsNumber(72), status: 'DELIVERED' } });
    const SCANNED = `query($id: ID!) { fulfillment(id: $id) { status tracking { number status } checkpoints { status } } }`;
    const scanned = async (id: string) => (await partner.client.gql(SCANNED, { id })).fulfillment;
    expect(await scanned(ids[0])).toMatchObject({
      status: 'SHIPPED',
      tracking: { status: 'OUT_FOR_DELIVERY' },
      checkpoints: [{ status: 'OUT_FOR_DELIVERY' }, { status: 'IN_TRANSIT' }],
    });

    const undo = (await partner.client.gql(UNDO_IMPORT, { i: { importId } })).undoImport;
    expect(undo).toMatchObject({
      restoredCount: 1,
      skippedCount: 1,
      skipped: [{ orderReference: orders[1].reference, code: 'CONFLICT' }],
      userErrors: [],
    });
    expect(await scanned(ids[0])).toEqual({ status: 'HOLD', tracking: null, checkpoints: [] });
    expect(await scanned(ids[1])).toMatchObject({ status: 'DELIVERED', tracking: { number: upsNumber(72) } });
  });

  it('undoing a cancel brings back the subscriptions it ended, from a bulk cancel and from a returns import', async () => {
    const partner = await createPartner(admin, app, 'Cancel Undo Partner');
    const CANCEL = `mutation($i: CancelFulfillmentsInput!) { cancelFulfillments(input: $i) { actionId changedCount } }`;
    const ORDER = `query($id: ID!) { order(id: $id) { status subscriptions { status } } }`;
    const order = async (id: string) => (await partner.client.gql(ORDER, { id })).order;
    const withSubscription = (lines = 1) =>
      createOrder(partner.client, {
        subscriptionCount: 1,
        fulfillments: Array.from({ length: lines }, (_, i) => ({ sku: `SUB-${i}`, productName: 'Refill' })),
      });

    const bulk = await withSubscription();
    const cancelled = (await partner.client.gql(CANCEL, { i: { ids: lineIds([bulk]) } })).cancelFulfillments;
    expect(await order(bulk.id)).toEqual({ status: 'CANCELLED', subscriptions: [{ status: 'CANCELLED' }] });
    const undone = (await partner.client.gql(UNDO, { i: { actionId: cancelled.actionId } })).undoBulkAction;
    expect(undone).toMatchObject({ restoredCount: 1, userErrors: [] });
    expect(await order(bulk.id)).toEqual({ status: 'OPEN', subscriptions: [{ status: 'ACTIVE' }] });

    const returned = await withSubscription();
    const csv = `orderId,status\n${returned.reference},CANCELLED\n`;
    const importId = await uploadTrackingCsv(app.url, partner.secret, csv, 'returns');
    expect(await previewChangeCount(partner.client, importId)).toBe(1);
    expect((await partner.client.gql(APPLY, { i: { importId } })).applyImport.userErrors).toEqual([]);
    expect(await order(returned.id)).toEqual({
      status: 'CANCELLED',
      subscriptions: [{ status: 'CANCELLED' }],
    });
    const undoImport = (await partner.client.gql(UNDO_IMPORT, { i: { importId } })).undoImport;
    expect(undoImport).toMatchObject({ restoredCount: 1, userErrors: [] });
    expect(await order(returned.id)).toEqual({ status: 'OPEN', subscriptions: [{ status: 'ACTIVE' }] });

    // Two cancels, each of one line: the second ended the subscription, so undoing the first leaves it ended.
    const two = await withSubscription(2);
    const [first, second] = two.fulfillments.map((f: { id: string }) => f.id);
    const one = (await partner.client.gql(CANCEL, { i: { ids: [first] } })).cancelFulfillments;
    await partner.client.gql(CANCEL, { i: { ids: [second] } });
    expect((await order(two.id)).subscriptions).toEqual([{ status: 'CANCELLED' }]);
    await partner.client.gql(UNDO, { i: { actionId: one.actionId } });
    expect(await order(two.id)).toEqual({ status: 'OPEN', subscriptions: [{ status: 'CANCELLED' }] });
  });

  it("an import is undone only by whom may see it: another partner's is not found, one not applied neither", async () => {
    const a = await createPartner(admin, app, 'Import Undo A');
    const b = await createPartner(admin, app, 'Import Undo B');
    const [order] = await newOrders(b.client, 1);
    const importId = await uploadTrackingCsv(
      app.url,
      b.secret,
      `orderId,trackingNumber\n${order.reference},${upsNumber(70)}\n`,
    );
    expect((await a.client.gql(UNDO_IMPORT, { i: { importId } })).undoImport.userErrors[0].code).toBe(
      'NOT_FOUND',
    );
    // Previewed, never applied: nothing to take back.
    expect(await previewChangeCount(b.client, importId)).toBe(1);
    expect((await b.client.gql(UNDO_IMPORT, { i: { importId } })).undoImport.userErrors[0].code).toBe(
      'NOT_FOUND',
    );
    expect((await b.client.gql(APPLY, { i: { importId } })).applyImport.userErrors).toEqual([]);
    expect((await support.gql(UNDO_IMPORT, { i: { importId } })).undoImport).toMatchObject({
      restoredCount: 1,
      userErrors: [],
    });
  });

  it('refuses a page size out of range and a cursor it did not give out', async () => {
    const big = await admin.raw(LOG, { first: 1000 });
    expect(big.errors?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');
    const bad = await admin.raw(LOG, { after: 'not-a-cursor' });
    expect(bad.errors?.[0]?.message).toContain('cursor');
  });
});

describe('reopenFulfillment', () => {
  it('an admin puts a line that will not ship back to awaiting shipment; the order opens again', async () => {
    const partner = await createPartner(admin, app, 'Reopen Partner');
    const [id] = lineIds(await newOrders(partner.client, 1));
    await admin.gql(NOT_SHIPPING, { i: { ids: [id], reason: 'Out of stock' } });
    const { reopenFulfillment: r } = await admin.gql(REOPEN, { i: { id } });
    expect(r.userErrors).toEqual([]);
    expect(r.fulfillment).toMatchObject({
      status: 'HOLD',
      notShippingReason: null,
      order: { status: 'OPEN' },
    });
    expect(r.fulfillment.history.map((e: any) => e.type)).toEqual(['CREATED', 'NOT_SHIPPING', 'REOPENED']);
    // Reopened, it can ship again.
    expect((await admin.gql(SHIP, { i: { ids: [id] } })).markFulfillmentsShipped.changedCount).toBe(1);
  });

  it('refuses a line that is not NOT_SHIPPING, and an id that names no line, and changes nothing', async () => {
    const partner = await createPartner(admin, app, 'Reopen Refusals');
    const [id] = lineIds(await newOrders(partner.client, 1));
    const held = (await admin.gql(REOPEN, { i: { id } })).reopenFulfillment;
    expect(held.fulfillment).toBeNull();
    expect(held.userErrors).toEqual([
      {
        field: ['input', 'id'],
        code: 'TRANSITION_NOT_ALLOWED',
        message: 'Already HOLD',
        params: JSON.stringify({ variant: 'alreadyInStatus', status: 'HOLD' }),
      },
    ]);
    const missing = (await admin.gql(REOPEN, { i: { id: 'nope' } })).reopenFulfillment;
    expect(missing.userErrors[0].code).toBe('NOT_FOUND');
  });

  it('is for admins only: support and partner keys are refused and the line stays as it is', async () => {
    const partner = await createPartner(admin, app, 'Reopen Roles');
    const [id] = lineIds(await newOrders(partner.client, 1));
    await partner.client.gql(NOT_SHIPPING, { i: { ids: [id] } });
    for (const caller of [support, partner.client]) {
      const r = await caller.raw(REOPEN, { i: { id } });
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const { fulfillment } = await admin.gql(`query($id: ID!) { fulfillment(id: $id) { status } }`, { id });
    expect(fulfillment.status).toBe('NOT_SHIPPING');
  });
});
