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

let app: TestApp;
let admin: Client;
let partner: { id: string; client: Client };
const ref = (s: string) => `R${process.pid}-${s}`;

const ORDERS = `query($filter: OrderFilter, $sort: OrderSort, $first: Int, $after: String) {
  orders(filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { reference status } } } }`;

beforeAll(async () => {
  app = await startTestApp();
  admin = await signIn(app);
  partner = await createPartner(admin, app, 'Orders Partner');
  const base = Date.parse('2026-10-01T12:00:00Z');
  for (let i = 0; i < 12; i++) {
    await createOrder(partner.client, {
      reference: ref(`ORD-${String(i).padStart(2, '0')}`),
      placedAt: new Date(base + i * 86_400_000).toISOString(),
      customer: {
        name: i % 2 ? 'Jürgen Müller' : 'Ada Lovelace',
        email: i % 2 ? `juergen${i}@example.de` : `ada${i}@example.com`,
        locale: i % 2 ? 'de' : 'en',
      },
      fulfillments: [
        { sku: 'SHOE-42', productName: 'Trail Running Shoe', quantity: 1 },
        { sku: 'SOCK-3', productName: 'Socks', quantity: 2 },
      ],
    });
  }
});
afterAll(async () => {
  await app?.stop();
});

describe('createOrder', () => {
  it('creates an OPEN order whose fulfillments wait in HOLD, with its subscriptions', async () => {
    const order = await createOrder(partner.client, { reference: ref('NEW-1'), subscriptionCount: 2 });
    expect(order.status).toBe('OPEN');
    expect(order.partner.id).toBe(partner.id);
    expect(order.fulfillments.map((f: { status: string }) => f.status)).toEqual(['HOLD']);
    expect(order.subscriptions.map((s: { status: string }) => s.status)).toEqual(['ACTIVE', 'ACTIVE']);
  });

  it('is idempotent on partner + reference: a retry returns the same order and creates nothing', async () => {
    const first = await createOrder(partner.client, { reference: ref('IDEM-1') });
    const again = await createOrder(partner.client, {
      reference: ref('IDEM-1'),
      fulfillments: [{ sku: 'X', productName: 'Other', quantity: 5 }],
    });
    expect(again.id).toBe(first.id);
    expect(again.fulfillments).toHaveLength(1);
    const [{ n }] = await app.ds.query(
      `SELECT COUNT(*) AS n FROM orders WHERE reference = '${ref('IDEM-1')}'`,
    );
    expect(Number(n)).toBe(1);
  });

  it('bad input gets field-level userErrors and writes nothing', async () => {
    const before = await app.ds.query('SELECT COUNT(*) AS n FROM orders');
    const { createOrder: result } = await partner.client.gql(
      `mutation($i: CreateOrderInput!) { createOrder(input: $i) { order { id } userErrors { field code } } }`,
      {
        i: {
          reference: '  ',
          customer: { name: 'x'.repeat(201), email: 'not-an-email', locale: 'fr' },
          fulfillments: [],
        },
      },
    );
    expect(result.order).toBeNull();
    expect(result.userErrors).toEqual(
      expect.arrayContaining([
        { field: ['input', 'reference'], code: 'REQUIRED' },
        { field: ['input', 'customer', 'name'], code: 'TOO_LONG' },
        { field: ['input', 'customer', 'email'], code: 'INVALID' },
        { field: ['input', 'customer', 'locale'], code: 'INVALID' },
        { field: ['input', 'fulfillments'], code: 'REQUIRED' },
      ]),
    );
    expect(await app.ds.query('SELECT COUNT(*) AS n FROM orders')).toEqual(before);
  });

  it('staff must name the partner; a partner cannot create for another partner', async () => {
    const other = await createPartner(admin, app, 'Someone Else');
    const staff = await admin.gql(
      `mutation { createOrder(input: { reference: "S-1", customer: { name: "A", email: "a@b.co" }, fulfillments: [{ sku: "A", productName: "B" }] }) { userErrors { field code } } }`,
    );
    expect(staff.createOrder.userErrors).toEqual([{ field: ['input', 'partnerId'], code: 'REQUIRED' }]);
    const cross = await partner.client.gql(
      `mutation($p: ID) { createOrder(input: { partnerId: $p, reference: "S-2", customer: { name: "A", email: "a@b.co" }, fulfillments: [{ sku: "A", productName: "B" }] }) { userErrors { field code } } }`,
      { p: other.id },
    );
    expect(cross.createOrder.userErrors).toEqual([{ field: ['input', 'partnerId'], code: 'FORBIDDEN' }]);
  });
});

describe('Find Orders: filters, sort and pages', () => {
  it('walks every page with keyset cursors, newest first, without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { orders }: { orders: any } = await partner.client.gql(ORDERS, {
        filter: { search: ref('ORD') },
        first: 5,
        after,
      });
      expect(orders.totalCount).toBe(12);
      seen.push(...orders.edges.map((e: { node: { reference: string } }) => e.node.reference));
      if (!orders.pageInfo.hasNextPage) break;
      after = orders.pageInfo.endCursor;
    }
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => ref(`ORD-${String(11 - i).padStart(2, '0')}`)));
  });

  it('sorts by reference in both directions', async () => {
    const asc = await partner.client.gql(ORDERS, {
      filter: { search: ref('ORD') },
      sort: { field: 'REFERENCE', direction: 'ASC' },
      first: 3,
    });
    expect(asc.orders.edges.map((e: any) => e.node.reference)).toEqual([
      ref('ORD-00'),
      ref('ORD-01'),
      ref('ORD-02'),
    ]);
    const desc = await partner.client.gql(ORDERS, {
      filter: { search: ref('ORD') },
      sort: { field: 'REFERENCE', direction: 'DESC' },
      first: 2,
      after: null,
    });
    expect(desc.orders.edges.map((e: any) => e.node.reference)).toEqual([ref('ORD-11'), ref('ORD-10')]);
    const next = await partner.client.gql(ORDERS, {
      filter: { search: ref('ORD') },
      sort: { field: 'REFERENCE', direction: 'DESC' },
      first: 2,
      after: desc.orders.pageInfo.endCursor,
    });
    expect(next.orders.edges.map((e: any) => e.node.reference)).toEqual([ref('ORD-09'), ref('ORD-08')]);
  });

  it('a cursor from another sort order is refused rather than giving a wrong page', async () => {
    const page = await partner.client.gql(ORDERS, { first: 1 });
    const result = await partner.client.raw(ORDERS, {
      sort: { field: 'REFERENCE', direction: 'ASC' },
      first: 1,
      after: page.orders.pageInfo.endCursor,
    });
    expect(result.errors?.[0]?.message).toMatch(/another sort order/);
  });

  it('searches by customer name (contains), email (prefix) and tracking number (exact)', async () => {
    const byName = await partner.client.gql(ORDERS, { filter: { search: 'Müller' }, first: 50 });
    expect(byName.orders.totalCount).toBe(6);
    const byEmail = await partner.client.gql(ORDERS, { filter: { search: 'ada10@' }, first: 50 });
    expect(byEmail.orders.edges.map((e: any) => e.node.reference)).toEqual([ref('ORD-10')]);

    const target = (
      await partner.client.gql(
        `{ orders(filter: { search: "${ref('ORD-03')}" }) { edges { node { fulfillments { id } } } } }`,
      )
    ).orders.edges[0].node;
    const shipped = await partner.client.gql(
      `mutation($i: UpdateFulfillmentTrackingInput!) { updateFulfillmentTracking(input: $i) { userErrors { code message } } }`,
      {
        i: { fulfillmentId: target.fulfillments[0].id, trackingNumber: upsNumber(40) },
      },
    );
    expect(shipped.updateFulfillmentTracking.userErrors).toEqual([]);
    const byTracking = await partner.client.gql(ORDERS, {
      filter: { search: upsNumber(40).toLowerCase() },
      first: 50,
    });
    expect(byTracking.orders.edges.map((e: any) => e.node.reference)).toEqual([ref('ORD-03')]);
  });

  it('filters by placed date range, order status, fulfillment status, carrier and has-tracking', async () => {
    const placed = await partner.client.gql(ORDERS, {
      filter: { placed: { from: '2026-10-02', to: '2026-10-04' } },
      first: 50,
    });
    expect(placed.orders.edges.map((e: any) => e.node.reference).sort()).toEqual([
      ref('ORD-01'),
      ref('ORD-02'),
      ref('ORD-03'),
    ]);

    const shippedOnes = await partner.client.gql(ORDERS, {
      filter: { fulfillmentStatuses: ['SHIPPED'], carrierCodes: ['ups'], hasTracking: true },
      first: 50,
    });
    expect(shippedOnes.orders.edges.map((e: any) => e.node.reference)).toEqual([ref('ORD-03')]);
    const untracked = await partner.client.gql(ORDERS, {
      filter: { search: ref('ORD'), hasTracking: false },
      first: 50,
    });
    expect(untracked.orders.totalCount).toBe(11);
    const open = await partner.client.gql(ORDERS, {
      filter: { search: ref('ORD'), statuses: ['OPEN'] },
      first: 50,
    });
    expect(open.orders.totalCount).toBe(12); // ORD-03 still has a line in HOLD
    const none = await partner.client.gql(ORDERS, {
      filter: { search: 'no-such-order-anywhere' },
      first: 50,
    });
    expect(none.orders).toMatchObject({
      totalCount: 0,
      edges: [],
      pageInfo: { hasNextPage: false, endCursor: null },
    });
  });

  it('refuses first above 250, impossible dates and junk cursors with clear errors', async () => {
    const big = await partner.client.raw(ORDERS, { first: 100000 });
    expect(big.errors?.[0]).toMatchObject({
      extensions: { code: 'LIMIT_EXCEEDED', cost: { maximumQueryCost: 10000 } },
    });
    expect(big.errors?.[0]?.message).toMatch(/^This query costs \d+ points; at most 10000 are allowed/);
    const cheap = await partner.client.raw('{ orders(first: 251) { totalCount } }');
    expect(cheap.errors?.[0]).toMatchObject({
      message: '`first` must be between 1 and 250',
      extensions: { code: 'LIMIT_EXCEEDED' },
    });
    const date = await partner.client.raw(ORDERS, { filter: { placed: { from: '2026-02-30' } } });
    expect(date.errors?.[0]).toMatchObject({
      message: '2026-02-30 is not a date (YYYY-MM-DD)',
      extensions: { code: 'INVALID_DATE' },
    });
    const cursor = await partner.client.raw(ORDERS, { after: 'garbage' });
    expect(cursor.errors?.[0]?.message).toBe('`after` is not a cursor this API gave out');
  });

  it('treats LIKE wildcards in the search as plain characters', async () => {
    const result = await partner.client.gql(ORDERS, { filter: { search: '%' }, first: 50 });
    expect(result.orders.totalCount).toBe(0);
  });
});
