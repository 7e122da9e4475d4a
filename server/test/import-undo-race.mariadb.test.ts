import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
