import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId } from '../src/graphql/ids.js';
import { type Client, createOrder, createPartner, signIn, startTestApp, type TestApp } from './harness.js';

let app: TestApp;
let admin: Client;
let alice: { id: string; client: Client };
let bob: { id: string; client: Client };
const ref = (s: string) => `RISK${process.pid}-${s}`;

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);
const dateDaysAgo = (n: number) => daysAgo(n).toISOString().slice(0, 10);
/** The date `n` business days (Mon–Fri) back from today, UTC. */
function businessDaysAgo(n: number): string {
  const d = new Date(Date.now());
  for (let left = n; left > 0;) {
    d.setUTCDate(d.getUTCDate() - 1);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) left--;
  }
  return d.toISOString().slice(0, 10);
}

interface LineState {
  status?: string;
  trackingStatus: string;
  shippedOn: string;
  updatedAt: Date;
  carrierCode?: string;
}

/** Each line the way it stands after some days of tracking (the grid reads these columns only). */
const LINES: Record<string, LineState> = {
  // Shipped 4 business days ago (at most 6 calendar days: not late), the carrier never scanned it.
  UNSCANNED: { trackingStatus: 'INFO_RECEIVED', shippedOn: businessDaysAgo(4), updatedAt: daysAgo(1) },
  // Shipped today, label only: nothing wrong yet.
  FRESH: { trackingStatus: 'LABEL_CREATED', shippedOn: dateDaysAgo(0), updatedAt: daysAgo(0) },
  // Moving, but silent for six days.
  STUCK: { trackingStatus: 'IN_TRANSIT', shippedOn: dateDaysAgo(6), updatedAt: daysAgo(6) },
  EXCEPTION: { trackingStatus: 'EXCEPTION', shippedOn: dateDaysAgo(2), updatedAt: daysAgo(0.1) },
  ATTEMPT: { trackingStatus: 'FAILED_ATTEMPT', shippedOn: dateDaysAgo(2), updatedAt: daysAgo(0.1) },
  // Ten days on the road, with news this morning.
  LATE: {
    trackingStatus: 'IN_TRANSIT',
    shippedOn: dateDaysAgo(10),
    updatedAt: daysAgo(0.1),
    carrierCode: 'dhl',
  },
  // An exception nobody heard of for 31 days reads EXPIRED: silent and late, no longer an exception.
  EXPIRED: { trackingStatus: 'EXCEPTION', shippedOn: dateDaysAgo(40), updatedAt: daysAgo(31) },
  DELIVERED: {
    status: 'DELIVERED',
    trackingStatus: 'DELIVERED',
    shippedOn: dateDaysAgo(10),
    updatedAt: daysAgo(9),
  },
};

const FULFILLMENTS = `query($filter: FulfillmentFilter) {
  fulfillments(filter: $filter, first: 100) { totalCount edges { node { sku tracking { status } } } } }`;
const ORDERS = `query($filter: OrderFilter) {
  orders(filter: $filter, first: 100) { totalCount edges { node { reference } } } }`;

async function setLine(id: string, state: LineState) {
  await app.ds
    .createQueryBuilder()
    .update('fulfillment')
    .set({
      status: state.status ?? 'SHIPPED',
      trackingStatus: state.trackingStatus,
      shippedOn: state.shippedOn,
      updatedAt: state.updatedAt,
      carrierCode: state.carrierCode ?? 'ups',
      trackingNumber: `TN${id.length}${Math.random().toString(36).slice(2, 10)}`.toUpperCase(),
    })
    .where('id = :id', { id: fromGlobalId('Fulfillment', id) })
    .execute();
}

async function skus(client: Client, filter: Record<string, unknown>): Promise<string[]> {
  const { fulfillments } = await client.gql(FULFILLMENTS, { filter });
  const found = fulfillments.edges.map((e: { node: { sku: string } }) => e.node.sku).sort();
  expect(fulfillments.totalCount).toBe(found.length);
  return found;
}

async function refs(client: Client, filter: Record<string, unknown>): Promise<string[]> {
  const { orders } = await client.gql(ORDERS, { filter });
  const found = orders.edges.map((e: { node: { reference: string } }) => e.node.reference).sort();
  expect(orders.totalCount).toBe(found.length);
  return found;
}

beforeAll(async () => {
  app = await startTestApp();
  admin = await signIn(app);
  alice = await createPartner(admin, app, 'Risk Alice');
  bob = await createPartner(admin, app, 'Risk Bob');
  for (const [name, state] of Object.entries(LINES)) {
    const order = await createOrder(alice.client, {
      reference: ref(name),
      fulfillments: [{ sku: name, productName: name, quantity: 1 }],
    });
    await setLine(order.fulfillments[0].id, state);
  }
  // One order, two lines: one in trouble, one fine.
  const mixed = await createOrder(alice.client, {
    reference: ref('MIXED'),
    fulfillments: [
      { sku: 'MIXED-BAD', productName: 'Bad', quantity: 1 },
      { sku: 'MIXED-OK', productName: 'Ok', quantity: 1 },
    ],
  });
  await setLine(mixed.fulfillments[0].id, LINES.EXCEPTION!);
  await setLine(mixed.fulfillments[1].id, LINES.FRESH!);
  const other = await createOrder(bob.client, {
    reference: ref('BOB'),
    fulfillments: [{ sku: 'BOB-EXCEPTION', productName: 'Bob', quantity: 1 }],
  });
  await setLine(other.fulfillments[0].id, LINES.EXCEPTION!);
});
afterAll(async () => {
  await app?.stop();
});

describe('the risk filter', () => {
  it('finds each reason’s lines, and only those', async () => {
    const as = alice.client;
    expect(await skus(as, { risk: ['NO_FIRST_SCAN'] })).toEqual(['UNSCANNED']);
    expect(await skus(as, { risk: ['NO_PROGRESS'] })).toEqual(['EXPIRED', 'STUCK']);
    expect(await skus(as, { risk: ['EXCEPTION'] })).toEqual(['EXCEPTION', 'MIXED-BAD']);
    expect(await skus(as, { risk: ['FAILED_ATTEMPT'] })).toEqual(['ATTEMPT']);
    expect(await skus(as, { risk: ['LATE'] })).toEqual(['EXPIRED', 'LATE']);
  });

  it('reads the status the grid shows: a silent exception is EXPIRED, not EXCEPTION', async () => {
    const { fulfillments } = await alice.client.gql(FULFILLMENTS, { filter: { search: ref('EXPIRED') } });
    expect(fulfillments.edges[0].node.tracking.status).toBe('EXPIRED');
  });

  it('means any of the reasons listed, combined with the other filters', async () => {
    const as = alice.client;
    expect(await skus(as, { risk: ['EXCEPTION', 'FAILED_ATTEMPT', 'LATE'] })).toEqual([
      'ATTEMPT',
      'EXCEPTION',
      'EXPIRED',
      'LATE',
      'MIXED-BAD',
    ]);
    const every = ['NO_FIRST_SCAN', 'NO_PROGRESS', 'EXCEPTION', 'FAILED_ATTEMPT', 'LATE'];
    expect(await skus(as, { risk: every })).not.toContain('FRESH');
    expect(await skus(as, { risk: every })).not.toContain('DELIVERED');
    expect(await skus(as, { risk: ['EXCEPTION', 'LATE'], carrierCodes: ['dhl'] })).toEqual(['LATE']);
    expect(await skus(as, { risk: ['LATE'], search: ref('LATE') })).toEqual(['LATE']);
    expect(await skus(as, { risk: ['LATE'], statuses: ['DELIVERED'] })).toEqual([]);
    expect(await skus(as, { order: { risk: ['EXCEPTION'] } })).toEqual([
      'EXCEPTION',
      'MIXED-BAD',
      'MIXED-OK',
    ]);
  });

  it('finds an order when any of its lines is at risk', async () => {
    const as = alice.client;
    expect(await refs(as, { risk: ['EXCEPTION'] })).toEqual([ref('EXCEPTION'), ref('MIXED')]);
    expect(await refs(as, { risk: ['NO_FIRST_SCAN', 'FAILED_ATTEMPT'] })).toEqual([
      ref('ATTEMPT'),
      ref('UNSCANNED'),
    ]);
    expect(await refs(as, { risk: ['EXCEPTION'], carrierCodes: ['dhl'] })).toEqual([]);
    expect(await refs(as, { risk: ['LATE'], placed: { from: dateDaysAgo(0) } })).toEqual([
      ref('EXPIRED'),
      ref('LATE'),
    ]);
  });

  it('shows a partner only its own lines; staff see every partner’s', async () => {
    expect(await skus(bob.client, { risk: ['EXCEPTION'] })).toEqual(['BOB-EXCEPTION']);
    expect(await refs(bob.client, { risk: ['EXCEPTION'], partnerIds: [alice.id] })).toEqual([]);
    expect(await skus(admin, { risk: ['EXCEPTION'] })).toEqual(['BOB-EXCEPTION', 'EXCEPTION', 'MIXED-BAD']);
    expect(await refs(admin, { risk: ['EXCEPTION'], partnerIds: [bob.id] })).toEqual([ref('BOB')]);
  });

  it('refuses a reason that does not exist', async () => {
    const res = await alice.client.raw(FULFILLMENTS, { filter: { risk: ['LOST'] } });
    expect(res.errors?.[0]?.message).toMatch(/RiskReason/);
  });
});
