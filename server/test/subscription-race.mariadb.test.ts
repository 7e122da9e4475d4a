import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeOf } from '../src/db/store.js';
import { fromGlobalId } from '../src/graphql/ids.js';
import { type Client, createOrder, createPartner, signIn, startTestApp, type TestApp } from './harness.js';

/**
 * A cancel whose transaction began before an undo reactivated a subscription must still end it: the cancel
 * reads on MariaDB from the snapshot its transaction took, in which the subscription was still cancelled.
 */
let app: TestApp;
let admin: Client;

beforeAll(async () => {
  app = await startTestApp();
  admin = await signIn(app);
});
afterAll(async () => {
  await app?.stop();
});

describe('cancelling subscriptions beside an undo that reactivates them', () => {
  it('a subscription reactivated after the cancel’s snapshot is cancelled all the same', async () => {
    const partner = await createPartner(admin, app, 'Subscription Race Partner');
    const order = await createOrder(partner.client, { subscriptionCount: 1 });
    const orderId = fromGlobalId('Order', order.id as string)!;
    const store = storeOf(app.ds);
    const earlier = { bulkActionId: 1, importId: null };
    await store.cancelActiveSubscriptions(app.ds.manager, [orderId], new Date(), earlier);

    const runner = app.ds.createQueryRunner();
    try {
      await runner.startTransaction('REPEATABLE READ');
      // The cancel's transaction has read before (a bulk action reads its lines first): its snapshot is taken.
      await runner.query('SELECT status FROM continuity_subscription WHERE order_id = ?', [orderId]);
      await store.reactivateSubscriptions(app.ds.manager, [orderId], earlier);
      await store.cancelActiveSubscriptions(runner.manager, [orderId], new Date(), {
        bulkActionId: 2,
        importId: null,
      });
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    const rows: { status: string; cancelled_by_action_id: number | null }[] = await app.ds.query(
      'SELECT status, cancelled_by_action_id FROM continuity_subscription WHERE order_id = ?',
      [orderId],
    );
    expect(rows.map((r) => [r.status, Number(r.cancelled_by_action_id)])).toEqual([['CANCELLED', 2]]);
  });
});
