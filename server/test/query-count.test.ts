import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOrder,
  createPartner,
  DB_KIND,
  signIn,
  startTestApp,
  upsNumber,
  type Client,
  type TestApp,
} from './harness.js';

let app: TestApp;
let admin: Client;

const PAGE = `query($first: Int) { orders(first: $first, sort: { field: PLACED_AT, direction: ASC }) { totalCount pageInfo { hasNextPage } edges { node {
  reference status partner { name } customer { name email }
  subscriptions { status }
  fulfillments { sku status shippedOn tracking { number url carrier { code name trackingUrlTemplate } } packages { number } history { type actor } }
} } } }`;

beforeAll(async () => {
  app = await startTestApp();
  admin = await signIn(app);
  const partners = [await createPartner(admin, app, 'P1'), await createPartner(admin, app, 'P2')];
  for (let i = 0; i < 60; i++) {
    const p = partners[i % 2]!;
    const order = await createOrder(p.client, {
      subscriptionCount: i % 3 === 0 ? 1 : 0,
      fulfillments: [
        { sku: 'A', productName: 'A' },
        { sku: 'B', productName: 'B' },
      ],
    });
    if (i < 40) {
      await p.client.gql(
        `mutation($i: UpdateFulfillmentTrackingInput!) { updateFulfillmentTracking(input: $i) { userErrors { code } } }`,
        { i: { fulfillmentId: order.fulfillments[0].id, trackingNumber: upsNumber(i) } },
      );
    }
  }
});
afterAll(async () => {
  await app?.stop();
});

describe('no N+1', () => {
  it('a page of 50 orders with fulfillments, tracking, carriers, partners, subscriptions and history costs the same few queries as a page of 5', async () => {
    const count = async (first: number) => {
      app.queries.reset();
      const { orders } = await admin.gql(PAGE, { first });
      expect(orders.edges).toHaveLength(first);
      return app.queries.count;
    };
    const small = await count(5);
    const large = await count(50);
    console.log(
      `[${DB_KIND}] SQL statements for one Find Orders page: 5 orders → ${small}, 50 orders → ${large}`,
    );
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(10);
  });
});
