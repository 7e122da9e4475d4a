import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeOf } from '../src/db/store.js';
import { fromGlobalId } from '../src/graphql/ids.js';
import {
  type Client,
  createOrder,
  createPartner,
  previewChangeCount,
  signIn,
  startTestApp,
  uploadTrackingCsv,
  upsNumber,
  type TestApp,
} from './harness.js';
import { statementRunning, waitingForLock } from './kill-connection.js';

/**
 * An import is undone while a bulk action is changing one of its lines: the undo waits for the line, and must
 * then see the bulk action's change as a change since the import and leave the line as the bulk action left it.
 * A trigger holds the bulk action, after it changed the line and before it commits, until the undo waits for it
 * (MariaDB only: SQLite runs one writer at a time).
 */
let app: TestApp;
let admin: Client;
let partner: { id: string; client: Client; secret: string };
let root: mysql.Connection;

const APPLY = `mutation($i: ApplyImportInput!) { applyImport(input: $i) { userErrors { code } } }`;
const UNDO_IMPORT = `mutation($i: UndoImportInput!) { undoImport(input: $i) { restoredCount skippedCount userErrors { code } } }`;
const STATUS = `query($id: ID!) { fulfillment(id: $id) { status } }`;

beforeAll(async () => {
  app = await startTestApp();
  admin = await signIn(app);
  partner = await createPartner(admin, app, 'Undo Race Partner');
  root = await mysql.createConnection({ uri: (app.config.database as { url: string }).url });
});
afterAll(async () => {
  await root?.end();
  await app?.stop();
});

describe('undoing an import while a bulk action changes one of its lines', () => {
  it('the line keeps the bulk action’s change; the other line is restored', async () => {
    const orders = [await createOrder(partner.client), await createOrder(partner.client)];
    const [held, free] = orders.map((o) => o.fulfillments[0].id as string) as [string, string];
    const csv = [
      'orderId,trackingNumber',
      ...orders.map((o, i) => `${o.reference},${upsNumber(80 + i)}`),
    ].join('\n');
    const importId = await uploadTrackingCsv(app.url, partner.secret, csv);
    expect(await previewChangeCount(partner.client, importId)).toBe(2);
    expect((await partner.client.gql(APPLY, { i: { importId } })).applyImport.userErrors).toEqual([]);

    await app.ds.query(
      `CREATE TRIGGER hold_bulk BEFORE INSERT ON fulfillment_event FOR EACH ROW
       SET @pause = IF(NEW.bulk_action_id IS NOT NULL, SLEEP(2), 0)`,
    );
    try {
      // Shipped lines cannot be marked "will not ship"; cancelling is what a bulk action can do to them.
      const bulk = partner.client.gql(
        `mutation($i: CancelFulfillmentsInput!) { cancelFulfillments(input: $i) { changedCount userErrors { code } } }`,
        { i: { ids: [held] } },
      );
      await statementRunning(app, root, 'SET @pause%');
      const undo = partner.client.gql(UNDO_IMPORT, { i: { importId } });
      await waitingForLock(app, root);
      const [cancelled, undone] = await Promise.all([bulk, undo]);
      expect(cancelled.cancelFulfillments).toEqual({ changedCount: 1, userErrors: [] });
      expect(undone.undoImport).toEqual({ restoredCount: 1, skippedCount: 1, userErrors: [] });
    } finally {
      await app.ds.query('DROP TRIGGER hold_bulk');
    }
    expect((await partner.client.gql(STATUS, { id: held })).fulfillment.status).toBe('CANCELLED');
    expect((await partner.client.gql(STATUS, { id: free })).fulfillment.status).toBe('HOLD');
  });
});

/**
 * A cancel whose transaction began before an undo reactivated a subscription must still end it: the cancel
 * reads on MariaDB from the snapshot its transaction took, in which the subscription was still cancelled.
 */
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
