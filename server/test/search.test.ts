import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../src/db/data-source.js';
import { FulfillmentEntity } from '../src/fulfillments/fulfillment.entity.js';
import {
  applyFulfillmentFilter,
  applyOrderFilter,
  lineSearchMayWalk,
  searchMayWalk,
  type SearchPlan,
} from '../src/graphql/filter.js';
import { fromGlobalId } from '../src/graphql/ids.js';
import { OrderEntity } from '../src/orders/order.entity.js';
import { foldSearchText, isCommonSearch } from '../src/orders/order-search.js';
import { seedBulk } from '../src/seed/bulk.js';
import { bareDatabase } from './bare-database.js';
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

const ORDERS = `query($filter: OrderFilter, $first: Int) {
  orders(filter: $filter, first: $first) { totalCount edges { node { reference } } } }`;
const LINES = `query($filter: FulfillmentFilter) {
  fulfillments(filter: $filter, first: 50) { totalCount edges { node { sku } } } }`;
const TRACK = `mutation($i: UpdateFulfillmentTrackingInput!) {
  updateFulfillmentTracking(input: $i) { userErrors { code message } } }`;

describe(`search as people type it on ${DB_KIND}`, () => {
  let app: TestApp;
  let admin: Client;
  let alice: { id: string; client: Client };
  let bob: { id: string; client: Client };
  const tracked = upsNumber(41);
  const retracked = upsNumber(52);

  const refs = async (client: Client, filter: Record<string, unknown>) =>
    (await client.gql(ORDERS, { filter, first: 50 })).orders.edges.map((e: any) => e.node.reference).sort();

  beforeAll(async () => {
    app = await startTestApp();
    admin = await signIn(app);
    alice = await createPartner(admin, app, 'Search Alice');
    bob = await createPartner(admin, app, 'Search Bob');
    const aenne = await createOrder(alice.client, {
      reference: 'A-100501',
      customer: { name: 'Änne Krüger', email: 'aenne.krueger@beispiel.de', locale: 'de' },
      fulfillments: [
        { sku: 'SHOE-42', productName: 'Trail Running Shoe', quantity: 1 },
        { sku: 'SOCK-3', productName: 'Socks', quantity: 2 },
      ],
    });
    await createOrder(alice.client, {
      reference: 'A-200777',
      customer: { name: 'Grace Hopper', email: 'grace@navy.example', locale: 'en' },
    });
    await createOrder(bob.client, {
      reference: 'B-100502',
      customer: { name: 'Anne Kruger', email: 'anne.kruger@bob.example', locale: 'en' },
    });
    const shipped = await alice.client.gql(TRACK, {
      i: { fulfillmentId: aenne.fulfillments[0].id, trackingNumber: tracked },
    });
    expect(shipped.updateFulfillmentTracking.userErrors).toEqual([]);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('finds an order by any part of its reference', async () => {
    expect(await refs(alice.client, { search: '10050' })).toEqual(['A-100501']);
    expect(await refs(alice.client, { search: '0501' })).toEqual(['A-100501']);
    expect(await refs(admin, { search: '10050' })).toEqual(['A-100501', 'B-100502']);
  });

  it('finds a customer by part of the name in any case, with or without accents', async () => {
    for (const search of ['kruger', 'änne', 'KRÜGER', 'nne Kr', 'Änne Krüger']) {
      expect(await refs(alice.client, { search }), search).toEqual(['A-100501']);
    }
    // The unaccented name is found by the accented search, too.
    expect(await refs(admin, { search: 'Krüger' })).toEqual(['A-100501', 'B-100502']);
    expect(await refs(alice.client, { search: 'Hopper' })).toEqual(['A-200777']);
    expect(await refs(alice.client, { search: 'krügerx' })).toEqual([]);
  });

  it('finds a customer by part of the email', async () => {
    expect(await refs(alice.client, { search: 'krueger@beisp' })).toEqual(['A-100501']);
    expect(await refs(alice.client, { search: 'NAVY.example' })).toEqual(['A-200777']);
    // Two characters: emails and references that begin with them.
    expect(await refs(alice.client, { search: 'gr' })).toEqual(['A-200777']);
  });

  it('finds a tracking number by any part of 4 characters or more, as typed', async () => {
    const middle = tracked.slice(8, 14);
    expect(await refs(alice.client, { search: middle.toLowerCase() })).toEqual(['A-100501']);
    expect(await refs(alice.client, { search: tracked.slice(-4) })).toEqual(['A-100501']);
    const spaced = `${tracked.slice(0, 2)} ${tracked.slice(2, 6)}-${tracked.slice(6)}`;
    expect(await refs(alice.client, { search: spaced })).toEqual(['A-100501']);
    // Three characters of a tracking number are too few.
    expect(await refs(alice.client, { search: tracked.slice(-3) })).toEqual([]);
    // In the lines grid, only the line with that number.
    const lines = await alice.client.gql(LINES, { filter: { search: tracked.slice(-6) } });
    expect(lines.fulfillments.edges.map((e: any) => e.node.sku)).toEqual(['SHOE-42']);
  });

  it("in the lines grid, an exact SKU or client fulfillment id finds those lines, of the caller's orders only", async () => {
    await createOrder(alice.client, {
      reference: 'A-300900',
      fulfillments: [
        { sku: 'SOCK-3', productName: 'Socks', quantity: 1, clientFulfillmentId: 'CF-778899' },
        { sku: 'HAT-9', productName: 'Hat', quantity: 1 },
      ],
    });
    await createOrder(bob.client, {
      reference: 'B-300901',
      fulfillments: [{ sku: 'SOCK-3', productName: 'Socks', quantity: 1, clientFulfillmentId: 'CF-778899' }],
    });
    const skus = async (client: Client, search: string) =>
      (await client.gql(LINES, { filter: { search } })).fulfillments.edges.map((e: any) => e.node.sku).sort();
    expect(await skus(alice.client, 'SOCK-3')).toEqual(['SOCK-3', 'SOCK-3']);
    expect(await skus(alice.client, 'CF-778899')).toEqual(['SOCK-3']);
    expect(await skus(admin, 'CF-778899')).toEqual(['SOCK-3', 'SOCK-3']);
    // The order's reference finds every line of it.
    expect(await skus(alice.client, '300900')).toEqual(['HAT-9', 'SOCK-3']);
    const counted = await alice.client.gql(LINES, { filter: { search: 'SOCK-3' } });
    expect(counted.fulfillments.totalCount).toBe(2);
  });

  it('follows a changed tracking number: the old one is no longer found, the new one is', async () => {
    const order = (
      await alice.client.gql(
        `{ orders(filter: { search: "A-100501" }) { edges { node { fulfillments { id sku } } } } }`,
      )
    ).orders.edges[0].node;
    const line = order.fulfillments.find((f: any) => f.sku === 'SHOE-42');
    const changed = await alice.client.gql(TRACK, {
      i: { fulfillmentId: line.id, trackingNumber: retracked },
    });
    expect(changed.updateFulfillmentTracking.userErrors).toEqual([]);
    expect(await refs(alice.client, { search: retracked.slice(-6) })).toEqual(['A-100501']);
    expect(await refs(alice.client, { search: tracked.slice(-6) })).toEqual([]);
    // The name still finds it.
    expect(await refs(alice.client, { search: 'krüger' })).toEqual(['A-100501']);
  });

  it("never finds another partner's orders", async () => {
    for (const search of ['100502', 'anne.kruger@bob', 'bob.example', 'B-10']) {
      expect(await refs(alice.client, { search }), search).toEqual([]);
      const lines = await alice.client.gql(LINES, { filter: { search } });
      expect(lines.fulfillments.totalCount, search).toBe(0);
    }
    expect(await refs(bob.client, { search: 'kruger' })).toEqual(['B-100502']);
    expect(await refs(admin, { search: 'kruger', partnerIds: [bob.id] })).toEqual(['B-100502']);
  });

  it('combines with the other filters and counts what it finds', async () => {
    expect(await refs(admin, { search: 'kruger', hasTracking: true })).toEqual(['A-100501']);
    expect(await refs(admin, { search: 'kruger', hasTracking: false })).toEqual(['B-100502']);
    expect(await refs(admin, { search: 'kruger', statuses: ['OPEN'] })).toEqual(['A-100501', 'B-100502']);
    expect(await refs(admin, { search: 'kruger', statuses: ['CLOSED'] })).toEqual([]);
    const counted = await admin.gql(ORDERS, { filter: { search: '10050' }, first: 1 });
    expect(counted.orders.totalCount).toBe(2);
    const lines = await admin.gql(LINES, {
      filter: { search: 'krüger', statuses: ['HOLD'], order: { search: 'beispiel' } },
    });
    expect(lines.fulfillments.edges.map((e: any) => e.node.sku)).toEqual(['SOCK-3']);
  });

  it('finds every number when both lines of an order get tracking at the same moment', async () => {
    const orders = await Promise.all(
      [0, 1, 2, 3, 4].map((k) =>
        createOrder(admin, {
          partnerId: alice.id,
          reference: `A-PAIR-${k}`,
          fulfillments: ['LEFT', 'RIGHT'].map((sku) => ({ sku, productName: sku, quantity: 1 })),
        }),
      ),
    );
    const updates = orders.flatMap((order, k) =>
      order.fulfillments.map((f: { id: string }, i: number) => ({
        reference: `A-PAIR-${k}`,
        number: upsNumber(80 + k * 2 + i),
        fulfillmentId: f.id,
      })),
    );
    const results = await Promise.all(
      updates.map((u) =>
        admin.gql(TRACK, { i: { fulfillmentId: u.fulfillmentId, trackingNumber: u.number } }),
      ),
    );
    for (const r of results) expect(r.updateFulfillmentTracking.userErrors).toEqual([]);
    // Each writer refreshed its order's index from what the other had committed: no number is lost.
    for (const u of updates)
      expect(await refs(admin, { search: u.number.slice(-6) }), u.number).toEqual([u.reference]);
  });

  it('treats LIKE wildcards as plain characters', async () => {
    expect(await refs(admin, { search: 'kr_ger' })).toEqual([]);
    expect(await refs(admin, { search: '%%%' })).toEqual([]);
  });
});

describe(`a search that matches many orders on ${DB_KIND}`, () => {
  let app: TestApp;
  let many: { id: string; client: Client };
  let partnerId: number;
  let byIndexFirst50: string[] = [];
  const PAGES = `query($filter: OrderFilter, $after: String) {
    orders(filter: $filter, first: 50, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { reference } } } }`;

  beforeAll(async () => {
    app = await startTestApp();
    const admin = await signIn(app);
    many = await createPartner(admin, app, 'Search Many');
    partnerId = fromGlobalId('Partner', many.id)!;
    // One customer in eight is Jürgen Müller: 2,100 of them, enough to count as a common search.
    await seedBulk(app.ds, { orders: 16_800, partnerId, prefix: 'SM' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  /** The orders a plan finds, in the grid's order, straight from the database. */
  const found = async (plan: SearchPlan) => {
    const qb = app.ds
      .getRepository(OrderEntity)
      .createQueryBuilder('o')
      .where('o.partner_id = :partnerId', { partnerId });
    applyOrderFilter(qb, { search: 'muller' }, 'o', plan);
    const count = await qb.getCount();
    const rows = await qb.orderBy('o.placedAt', 'DESC').addOrderBy('o.id', 'DESC').take(100).getMany();
    return { count, references: rows.map((o) => o.reference) };
  };

  it('pages and counts the same orders whether it walks the orders or reads the index', async () => {
    expect(await isCommonSearch(app.ds, 'muller', [partnerId])).toBe(true);
    const byIndex = await found('index');
    byIndexFirst50 = byIndex.references.slice(0, 50);
    expect(byIndex.count).toBe(2100);
    expect(await found('walk')).toEqual(byIndex);

    const first = (await many.client.gql(PAGES, { filter: { search: 'muller' } })).orders;
    const second = (
      await many.client.gql(PAGES, { filter: { search: 'muller' }, after: first.pageInfo.endCursor })
    ).orders;
    expect(first.totalCount).toBe(2100);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect([...first.edges, ...second.edges].map((e: any) => e.node.reference)).toEqual(byIndex.references);
  });

  it('finds the same orders with a filter on their lines, which it does not walk for', async () => {
    const filter = { search: 'muller', hasTracking: false };
    expect(searchMayWalk(filter)).toBe(false);
    const page = (await many.client.gql(PAGES, { filter })).orders;
    expect(page.totalCount).toBe(2100);
    expect(page.edges.map((e: any) => e.node.reference)).toEqual(byIndexFirst50);
  });

  it('finds the same lines whether it walks the lines or reads the index', async () => {
    const lines = async (plan: SearchPlan) => {
      const qb = app.ds
        .getRepository(FulfillmentEntity)
        .createQueryBuilder('f')
        .where('f.partner_id = :partnerId', { partnerId });
      applyFulfillmentFilter(qb, { search: 'muller' }, 'f', plan);
      const count = await qb.getCount();
      const rows = await qb.orderBy('f.placedAt', 'DESC').addOrderBy('f.id', 'DESC').take(50).getMany();
      return { count, ids: rows.map((f) => f.id) };
    };
    expect(lineSearchMayWalk({ search: 'muller' })).toBe(true);
    const byIndex = await lines('index');
    expect(byIndex.count).toBe(2100);
    expect(await lines('walk')).toEqual(byIndex);
    const page = (
      await many.client.gql(
        `query($filter: FulfillmentFilter) { fulfillments(filter: $filter, first: 50) { totalCount edges { node { id } } } }`,
        { filter: { search: 'muller' } },
      )
    ).fulfillments;
    expect(page.totalCount).toBe(2100);
    expect(page.edges.map((e: any) => fromGlobalId('Fulfillment', e.node.id))).toEqual(byIndex.ids);
  });

  it('is not common for a search that matches a few orders', async () => {
    expect(await isCommonSearch(app.ds, 'SM-00001', [partnerId])).toBe(false);
    expect(await isCommonSearch(app.ds, 'muller', [partnerId + 1])).toBe(false);
  });

  it("reads a partner's matches only from the index, in the orders grid and the lines grid", async () => {
    // No scope on these queries: what they find comes from the index lookup alone.
    const counted = async (scopePartnerId: number) => {
      const orders = app.ds.getRepository(OrderEntity).createQueryBuilder('o').where('1 = 1');
      applyOrderFilter(orders, { search: 'muller' }, 'o', 'index', scopePartnerId);
      const lines = app.ds.getRepository(FulfillmentEntity).createQueryBuilder('f').where('1 = 1');
      applyFulfillmentFilter(lines, { search: 'muller' }, 'f', 'index', scopePartnerId);
      return [await orders.getCount(), await lines.getCount()];
    };
    expect(await counted(partnerId)).toEqual([2100, 2100]);
    expect(await counted(partnerId + 1)).toEqual([0, 0]);
  });
});

describe(`the search index migration on ${DB_KIND}`, () => {
  const db = bareDatabase();

  it('indexes the orders that were there before it, in batches', async () => {
    await db.ds.runMigrations();
    // Back to just before the search index: later migrations are undone first.
    const later = MIGRATIONS.length - MIGRATIONS.findIndex((m) => m.name === 'OrderSearch1765600000000');
    for (let i = 0; i < later; i++) await db.ds.undoLastMigration();
    expect(await db.ds.query('SELECT 1 FROM order_search').catch(() => 'gone')).toBe('gone');
    await db.ds.query(
      "INSERT INTO partner (name, inbound_token, created_at) VALUES ('Old Partner', 'old-token', '2026-01-01 00:00:00')",
    );
    const [{ id: partnerId }] = await db.ds.query("SELECT id FROM partner WHERE name = 'Old Partner'");
    const orders = Array.from({ length: 2500 }, (_, i) => [
      partnerId,
      `OLD-${i}`,
      i === 2222 ? 'Zoë Brontë' : `Customer ${i}`,
      `c${i}@old.example`,
      `tok-${i}`,
    ]);
    for (let i = 0; i < orders.length; i += 250) {
      const part = orders.slice(i, i + 250);
      await db.ds.query(
        `INSERT INTO orders (partner_id, reference, customer_name, customer_email, customer_locale, placed_at, status, tracking_token, created_at) VALUES ${part
          .map(() => "(?, ?, ?, ?, 'en', '2026-01-01 00:00:00', 'OPEN', ?, '2026-01-01 00:00:00')")
          .join(', ')}`,
        part.flat(),
      );
    }
    await db.ds.runMigrations();
    const [{ n }] = await db.ds.query('SELECT COUNT(*) AS n FROM order_search');
    expect(Number(n)).toBe(2500);
    const [zoe] = await db.ds.query(
      "SELECT o.reference FROM order_search s JOIN orders o ON o.id = s.order_id WHERE s.text LIKE '%zoe bronte%'",
    );
    expect(zoe?.reference).toBe('OLD-2222');
  });
});

describe('folding', () => {
  it('folds case, accents and letters without a decomposition', () => {
    expect(foldSearchText('  Änne   KRÜGER ')).toBe('anne kruger');
    expect(foldSearchText('Straße Øster Łódź')).toBe('strasse oster lodz');
  });
});
