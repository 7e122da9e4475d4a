import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createOrder,
  createPartner,
  signIn,
  startTestApp,
  upsNumber,
  type TestApp,
} from './harness.js';

/** A partner asking for another partner's data gets exactly what it gets for an id that does not exist. */
let app: TestApp;
let admin: Client;
let alice: { id: string; client: Client };
let bob: { id: string; client: Client };
let bobsOrder: any;
let bobsAction: string;

beforeAll(async () => {
  app = await startTestApp();
  admin = await signIn(app);
  alice = await createPartner(admin, app, 'Alice Shop');
  bob = await createPartner(admin, app, 'Bob Shop');
  await createOrder(alice.client, { reference: 'A-1' });
  bobsOrder = await createOrder(bob.client, {
    reference: 'B-1',
    customer: { name: 'Bob Customer', email: 'bob@example.com' },
  });
  const bobsSecond = await createOrder(bob.client, { reference: 'B-2' });
  const { markFulfillmentsNotShipping } = await bob.client.gql(
    `mutation($i: MarkFulfillmentsNotShippingInput!) { markFulfillmentsNotShipping(input: $i) { actionId } }`,
    { i: { ids: [bobsSecond.fulfillments[0].id] } },
  );
  bobsAction = markFulfillmentsNotShipping.actionId;
});
afterAll(async () => {
  await app?.stop();
});

const unknownOrder = 'T3JkZXI6OTk5OTk5'; // Order:999999
const unknownFulfillment = 'RnVsZmlsbG1lbnQ6OTk5OTk5'; // Fulfillment:999999

describe('partner isolation', () => {
  it('lists and counts only its own orders and fulfillments, whatever partnerIds it sends', async () => {
    const { orders, fulfillments } = await alice.client.gql(
      `query($p: [ID!]) { orders(filter: { partnerIds: $p }) { totalCount edges { node { reference partner { name } } } }
      fulfillments(filter: { partnerIds: $p }) { totalCount } }`,
      { p: [bob.id] },
    );
    expect(orders).toEqual({ totalCount: 0, edges: [] });
    expect(fulfillments.totalCount).toBe(0);
    const own = await alice.client.gql(
      '{ orders { totalCount edges { node { reference } } } partners { name } }',
    );
    expect(own.orders.edges.map((e: any) => e.node.reference)).toEqual(['A-1']);
    expect(own.partners).toEqual([{ name: 'Alice Shop' }]);
  });

  it("reading another partner's order or fulfillment by id answers null, as for an unknown id", async () => {
    const q = `query($o: ID!, $f: ID!) { order(id: $o) { id } fulfillment(id: $f) { id } }`;
    expect(await alice.client.gql(q, { o: bobsOrder.id, f: bobsOrder.fulfillments[0].id })).toEqual(
      await alice.client.gql(q, { o: unknownOrder, f: unknownFulfillment }),
    );
    expect(await alice.client.gql(q, { o: bobsOrder.id, f: bobsOrder.fulfillments[0].id })).toEqual({
      order: null,
      fulfillment: null,
    });
  });

  it("searching for another partner's customer or tracking number finds nothing", async () => {
    await bob.client.gql(
      `mutation($i: UpdateFulfillmentTrackingInput!) { updateFulfillmentTracking(input: $i) { userErrors { code } } }`,
      { i: { fulfillmentId: bobsOrder.fulfillments[0].id, trackingNumber: upsNumber(30) } },
    );
    for (const search of ['bob@example.com', 'Bob Customer', 'B-1', upsNumber(30)]) {
      const { orders, fulfillments } = await alice.client.gql(
        `query($s: String) { orders(filter: { search: $s }) { totalCount } fulfillments(filter: { search: $s }) { totalCount } }`,
        { s: search },
      );
      expect([orders.totalCount, fulfillments.totalCount], search).toEqual([0, 0]);
    }
  });

  it("updating another partner's tracking is NOT_FOUND, the same answer as for an unknown id, and changes nothing", async () => {
    const UPDATE = `mutation($i: UpdateFulfillmentTrackingInput!) { updateFulfillmentTracking(input: $i) { fulfillment { id } userErrors { field code message } } }`;
    const theirs = await alice.client.gql(UPDATE, {
      i: { fulfillmentId: bobsOrder.fulfillments[0].id, trackingNumber: upsNumber(31) },
    });
    const unknown = await alice.client.gql(UPDATE, {
      i: { fulfillmentId: unknownFulfillment, trackingNumber: upsNumber(31) },
    });
    expect(theirs).toEqual(unknown);
    expect(theirs.updateFulfillmentTracking.userErrors[0].code).toBe('NOT_FOUND');
    const { fulfillment } = await bob.client.gql(
      `query($id: ID!) { fulfillment(id: $id) { tracking { number } } }`,
      { id: bobsOrder.fulfillments[0].id },
    );
    expect(fulfillment.tracking.number).toBe(upsNumber(30));
  });

  it("bulk actions skip another partner's ids as NOT_FOUND and a filter never reaches them", async () => {
    const SHIP = `mutation($i: MarkFulfillmentsShippedInput!) { markFulfillmentsShipped(input: $i) { changedCount skipped { code } userErrors { code } } }`;
    const byIds = await alice.client.gql(SHIP, { i: { ids: [bobsOrder.fulfillments[0].id] } });
    expect(byIds.markFulfillmentsShipped).toEqual({
      changedCount: 0,
      skipped: [{ code: 'NOT_FOUND' }],
      userErrors: [],
    });
    const byFilter = await alice.client.gql(SHIP, { i: { filter: { search: 'B-' } } });
    expect(byFilter.markFulfillmentsShipped.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
    const NOT = `mutation($i: MarkFulfillmentsNotShippingInput!) { markFulfillmentsNotShipping(input: $i) { changedCount } }`;
    await alice.client.gql(NOT, { i: { filter: { partnerIds: [bob.id] } } });
    const { orders } = await bob.client.gql('{ orders(filter: { statuses: [OPEN] }) { totalCount } }');
    expect(orders.totalCount).toBe(0); // B-1 shipped, B-2 not shipping: untouched by Alice
    const { fulfillments } = await bob.client.gql(
      '{ fulfillments(filter: { statuses: [NOT_SHIPPING] }) { totalCount } }',
    );
    expect(fulfillments.totalCount).toBe(1);
  });

  it("undoing another partner's bulk action is NOT_FOUND", async () => {
    const { undoBulkAction } = await alice.client.gql(
      `mutation($i: UndoBulkActionInput!) { undoBulkAction(input: $i) { restoredCount userErrors { code } } }`,
      { i: { actionId: bobsAction } },
    );
    expect(undoBulkAction).toEqual({ restoredCount: 0, userErrors: [{ code: 'NOT_FOUND' }] });
  });

  it('grid preferences are per caller', async () => {
    const SET = `mutation($i: SetGridPreferenceInput!) { setGridPreference(input: $i) { preference { columns } userErrors { code } } }`;
    await alice.client.gql(SET, { i: { grid: 'orders', columns: ['order', 'trackingNumber'] } });
    expect(
      (await alice.client.gql('{ gridPreference(grid: "orders") { columns } }')).gridPreference.columns,
    ).toEqual(['order', 'trackingNumber']);
    expect(
      (await bob.client.gql('{ gridPreference(grid: "orders") { columns } }')).gridPreference.columns,
    ).not.toContain('trackingNumber');
  });

  it('partners cannot manage partners, keys or users', async () => {
    for (const m of [
      'mutation { createPartner(input: { name: "Evil" }) { userErrors { code } } }',
      `mutation { createApiKey(input: { partnerId: "${bob.id}", name: "steal" }) { secret } }`,
      '{ users { email } }',
    ]) {
      expect((await alice.client.raw(m)).errors?.[0]?.extensions?.code, m).toBe('FORBIDDEN');
    }
  });
});

describe('grid preferences', () => {
  it('follow a staff user to any browser, and unknown grids or columns are refused', async () => {
    const SET = `mutation($i: SetGridPreferenceInput!) { setGridPreference(input: $i) { preference { grid columns } userErrors { field code message } } }`;
    const { setGridPreference } = await admin.gql(SET, {
      i: { grid: 'fulfillments', columns: ['order', 'sku', 'trackingNumber', 'order'] },
    });
    expect(setGridPreference.preference).toEqual({
      grid: 'fulfillments',
      columns: ['order', 'sku', 'trackingNumber'],
    });
    const otherBrowser = await signIn(app);
    expect(
      (await otherBrowser.gql('{ gridPreference(grid: "fulfillments") { columns } }')).gridPreference.columns,
    ).toEqual(['order', 'sku', 'trackingNumber']);
    const bad = await admin.gql(SET, { i: { grid: 'orders', columns: ['order', 'creditCard'] } });
    expect(bad.setGridPreference.userErrors).toEqual([
      { field: ['input', 'columns'], code: 'INVALID', message: 'Unknown column(s): creditCard' },
    ]);
    const badGrid = await admin.gql(SET, { i: { grid: 'nope', columns: [] } });
    expect(badGrid.setGridPreference.userErrors[0]).toMatchObject({
      field: ['input', 'grid'],
      code: 'INVALID',
    });
  });
});
