import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClusterApps, type ClusterApps } from './cluster.js';
import { Client, createOrder, createPartner, signIn, upsNumber } from './harness.js';

/**
 * Two servers on two nodes of a 3-node Galera cluster, writing at the same moment: what a multi-writer
 * deployment must keep true. Figures are printed for docs/performance.md.
 */
let cluster: ClusterApps;
let partner: { id: string; client: Client; secret: string };
let partnerOnB: Client;

beforeAll(async () => {
  cluster = await startClusterApps();
  const admin = await signIn(cluster.a);
  partner = await createPartner(admin, cluster.a);
  partnerOnB = new Client(cluster.b.url, partner.secret);
});
afterAll(async () => {
  await cluster?.stop();
});

const SHIP = `mutation($i: UpdateFulfillmentTrackingInput!) { updateFulfillmentTracking(input: $i) {
  fulfillment { id status } userErrors { code message } } }`;

async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

describe('two servers on two Galera nodes', () => {
  it('closes every order whose two lines were shipped through different servers at the same moment', async () => {
    const ORDERS = 300;
    const orders: { id: string; lines: { id: string }[] }[] = [];
    await inParallel(
      Array.from({ length: ORDERS }, (_, i) => i),
      8,
      async () => {
        orders.push(
          await createOrder(partner.client, {
            fulfillments: [
              { sku: 'A-1', productName: 'Left', quantity: 1 },
              { sku: 'B-1', productName: 'Right', quantity: 1 },
            ],
          }),
        );
      },
    );
    const failures: string[] = [];
    await inParallel(orders, 6, async (order) => {
      const [first, second] = order.lines ?? (order as any).fulfillments;
      const results = await Promise.all([
        partner.client.raw(SHIP, { i: { fulfillmentId: first.id, trackingNumber: upsNumber(1) } }),
        partnerOnB.raw(SHIP, { i: { fulfillmentId: second.id, trackingNumber: upsNumber(2) } }),
      ]);
      for (const r of results)
        if (r.status !== 200 || r.errors || r.data.updateFulfillmentTracking.userErrors.length)
          failures.push(JSON.stringify({ status: r.status, errors: r.errors, data: r.data }));
    });
    const [row] = await cluster.a.ds.query(
      `SELECT COUNT(*) AS wrong FROM orders o WHERE o.status <> 'CLOSED'
         AND NOT EXISTS (SELECT 1 FROM fulfillment f WHERE f.order_id = o.id AND f.status <> 'SHIPPED')`,
    );
    console.log(
      `[multi-writer] write skew: ${Number(row.wrong)} wrong of ${ORDERS} orders, ${failures.length} failed requests`,
    );
    expect(failures).toEqual([]);
    expect(Number(row.wrong)).toBe(0);
  });
});
