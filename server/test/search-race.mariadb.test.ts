import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId } from '../src/graphql/ids.js';
import {
  type Client,
  createOrder,
  createPartner,
  signIn,
  startTestApp,
  upsNumber,
  type TestApp,
} from './harness.js';
import { statementRunning } from './kill-connection.js';

/**
 * Two lines of one order get their tracking numbers at the same moment, from two requests: the one that commits
 * second must not write the order's search text from a view of the lines that lacks the first one's number.
 * A trigger holds the first request, after it indexed the order and before it commits, while the second one
 * reads the lines and waits to write the index (MariaDB only: SQLite runs one writer at a time). What keeps
 * it right: settling the order reads the other lines with a shared lock, so the two deadlock, and the one
 * rolled back runs again on a fresh view.
 */
let app: TestApp;
let admin: Client;
let partner: { id: string; client: Client; secret: string };
let root: mysql.Connection;

const TRACK = `mutation($i: UpdateFulfillmentTrackingInput!) {
  updateFulfillmentTracking(input: $i) { fulfillment { id } userErrors { code message } } }`;
const ORDERS = `query($filter: OrderFilter) { orders(filter: $filter, first: 10) { edges { node { reference } } } }`;

beforeAll(async () => {
  app = await startTestApp();
  admin = await signIn(app);
  partner = await createPartner(admin, app, 'Search Race Partner');
  root = await mysql.createConnection({ uri: (app.config.database as { url: string }).url });
});
afterAll(async () => {
  await root?.end();
  await app?.stop();
});

describe('the search index under concurrent writers', () => {
  it('two lines of one order tracked at once: the order is found by either number', async () => {
    const order = await createOrder(partner.client, {
      reference: 'RACE-1',
      fulfillments: [
        { sku: 'A-1', productName: 'A', quantity: 1 },
        { sku: 'B-1', productName: 'B', quantity: 1 },
      ],
    });
    const [first, second] = order.fulfillments.map((f: { id: string }) => f.id) as [string, string];
    const firstNumber = upsNumber(61);
    // No trigram in common with the first: a shared one would make the second request's index write collide
    // with the first's, and its retry would read the lines afresh.
    const secondNumber = '986578788855';
    await app.ds.query(
      `CREATE TRIGGER hold_first BEFORE INSERT ON fulfillment_event FOR EACH ROW
       SET @pause = IF(NEW.fulfillment_id = ${fromGlobalId('Fulfillment', first)}, SLEEP(2), 0)`,
    );
    try {
      const one = partner.client.gql(TRACK, { i: { fulfillmentId: first, trackingNumber: firstNumber } });
      await statementRunning(app, root, 'SET @pause%');
      const two = partner.client.gql(TRACK, {
        i: { fulfillmentId: second, trackingNumber: secondNumber },
      });
      const [a, b] = await Promise.all([one, two]);
      expect(a.updateFulfillmentTracking.userErrors).toEqual([]);
      expect(b.updateFulfillmentTracking.userErrors).toEqual([]);
    } finally {
      await app.ds.query('DROP TRIGGER hold_first');
    }
    for (const search of [firstNumber, secondNumber, firstNumber.slice(-8), secondNumber.slice(2, 9)]) {
      const found = await partner.client.gql(ORDERS, { filter: { search } });
      expect(
        found.orders.edges.map((e: { node: { reference: string } }) => e.node.reference),
        search,
      ).toEqual(['RACE-1']);
    }
  });
});
