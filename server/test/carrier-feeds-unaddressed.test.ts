import { createHash, createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FEED_CANDIDATES } from '../src/tracking/carrier-feed.service.js';
import {
  type Client,
  createOrder,
  createPartner,
  signIn,
  startTestApp,
  upsNumber,
  type TestApp,
} from './harness.js';

/** POST /carrier-events/<provider> without a feed token: the signature says whose webhook it is. */

let app: TestApp;
let admin: Client;
type Partner = { id: string; client: Client; secret: string };
let alice: Partner;
let bob: Partner;
let carol: Partner;

const SECRETS: Record<string, Record<string, string>> = {
  alice: {
    EASYPOST: 'alice-easypost-secret',
    SHIPPO: 'alice-shippo-token-1',
    AFTERSHIP: 'alice-aftership-secret',
    SEVENTEEN_TRACK: 'alice-17track-key',
  },
  bob: { AFTERSHIP: 'bob-aftership-secret', SHIPPO: 'bob-shippo-token-22' },
};

const fixture = (name: string, trackingNumber: string) =>
  fs
    .readFileSync(path.join(import.meta.dirname, 'fixtures', 'carrier-events', name), 'utf8')
    .replaceAll('{{TRACKING_NUMBER}}', trackingNumber);

const signed: Record<string, (body: string, secret: string) => Record<string, string>> = {
  easypost: (body, secret) => ({
    'x-hmac-signature': `hmac-sha256-hex=${createHmac('sha256', secret.normalize('NFKD')).update(body).digest('hex')}`,
  }),
  shippo: () => ({}),
  aftership: (body, secret) => ({
    'aftership-hmac-sha256': createHmac('sha256', secret).update(body).digest('base64'),
  }),
  '17track': (body, secret) => ({
    sign: createHash('sha256').update(`${body}/${secret}`).digest('hex'),
  }),
};

async function post(route: string, body: string, headers: Record<string, string>, query = '') {
  const res = await fetch(`${app.url}/carrier-events/${route}${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, json: (await res.json()) as any };
}

const SET_SECRET = `mutation($i: SetCarrierFeedSecretInput!) { setCarrierFeedSecret(input: $i) {
  carrierFeed { url } userErrors { code message } } }`;
const UPDATE = `mutation($i: UpdateFulfillmentTrackingInput!) { updateFulfillmentTracking(input: $i) { userErrors { code message } } }`;

async function shipped(as: Partner, n: number): Promise<string> {
  const order = await createOrder(as.client);
  const id = order.fulfillments[0].id as string;
  const { updateFulfillmentTracking } = await as.client.gql(UPDATE, {
    i: { fulfillmentId: id, trackingNumber: upsNumber(n) },
  });
  expect(updateFulfillmentTracking.userErrors).toEqual([]);
  return id;
}

const trackingOf = async (id: string) =>
  (
    await admin.gql(
      `query($id: ID!) { fulfillment(id: $id) { status tracking { status } checkpoints { status } } }`,
      {
        id,
      },
    )
  ).fulfillment;

beforeAll(async () => {
  app = await startTestApp();
  admin = await signIn(app);
  alice = await createPartner(admin, app, 'Unaddressed Alice');
  bob = await createPartner(admin, app, 'Unaddressed Bob');
  carol = await createPartner(admin, app, 'Unaddressed Carol');
  for (const [who, partner] of [
    ['alice', alice],
    ['bob', bob],
  ] as const) {
    for (const [provider, secret] of Object.entries(SECRETS[who]!)) {
      const { setCarrierFeedSecret } = await admin.gql(SET_SECRET, {
        i: { partnerId: partner.id, provider, secret },
      });
      expect(setCarrierFeedSecret.userErrors).toEqual([]);
    }
  }
});
afterAll(async () => {
  await app?.stop();
});

describe('aggregator webhooks without a feed token', () => {
  it.each([
    ['easypost', 'easypost-tracker-updated.json', 'EASYPOST', 'DELIVERED', 31],
    ['aftership', 'aftership-tracking-update.json', 'AFTERSHIP', 'OUT_FOR_DELIVERY', 32],
    ['17track', '17track-tracking-updated.json', 'SEVENTEEN_TRACK', 'DELIVERED', 33],
  ])('%s: the partner whose secret signed it gets the scans', async (route, file, provider, status, n) => {
    const id = await shipped(alice, n);
    const body = fixture(file, upsNumber(n));
    const res = await post(route, body, signed[route]!(body, SECRETS.alice![provider]!));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ trackingNumber: upsNumber(n), fulfillments: [{ id }] });
    expect((await trackingOf(id)).tracking.status).toBe(status);
  });

  it('shippo: the ?token= must be the partner’s Shippo secret', async () => {
    const id = await shipped(alice, 34);
    const body = fixture('shippo-track-updated.json', upsNumber(34));
    for (const query of ['', '?token=not-the-secret', `?token=${SECRETS.bob!.SHIPPO}`]) {
      const res = await post('shippo', body, {}, query);
      expect(res.status).toBe(401);
      expect(res.json.errors[0].extensions.code).toBe('INVALID_SIGNATURE');
    }
    expect((await trackingOf(id)).checkpoints).toEqual([]);
    const res = await post('shippo', body, {}, `?token=${SECRETS.alice!.SHIPPO}`);
    expect(res.status).toBe(200);
    expect((await trackingOf(id)).tracking.status).toBe('FAILED_ATTEMPT');
  });

  it('two partners with the same number: only the signing partner’s line changes', async () => {
    const mine = await shipped(alice, 35);
    const theirs = await shipped(bob, 35);
    const before = (await trackingOf(mine)).tracking.status;
    const body = fixture('aftership-tracking-update.json', upsNumber(35));
    const res = await post('aftership', body, signed.aftership!(body, SECRETS.bob!.AFTERSHIP!));
    expect(res.status).toBe(200);
    expect(res.json.fulfillments).toEqual([expect.objectContaining({ id: theirs })]);
    expect((await trackingOf(theirs)).tracking.status).toBe('OUT_FOR_DELIVERY');
    const untouched = await trackingOf(mine);
    expect(untouched.tracking.status).toBe(before);
    expect(untouched.checkpoints).toEqual([]);
  });

  it('a signature no candidate’s secret matches is refused and changes nothing', async () => {
    const id = await shipped(alice, 36);
    const other = await shipped(carol, 36);
    const body = fixture('aftership-tracking-update.json', upsNumber(36));
    for (const secret of ['someone-elses-secret', SECRETS.alice!.EASYPOST!]) {
      const res = await post('aftership', body, signed.aftership!(body, secret));
      expect(res.status).toBe(401);
      expect(res.json.errors[0].extensions.code).toBe('INVALID_SIGNATURE');
    }
    expect(noScans(await trackingOf(id))).toBe(true);
    expect(noScans(await trackingOf(other))).toBe(true);
    // Carol has the number but no AfterShip secret: nobody can sign for her.
    const onlyCarol = await shipped(carol, 37);
    const carolBody = fixture('aftership-tracking-update.json', upsNumber(37));
    const res = await post('aftership', carolBody, signed.aftership!(carolBody, SECRETS.alice!.AFTERSHIP!));
    expect(res.status).toBe(401);
    expect(noScans(await trackingOf(onlyCarol))).toBe(true);
  });

  it('a caller cannot tell whether a number is ours: a number no line carries answers as a bad signature; a body that is not JSON is 400', async () => {
    const known = await shipped(alice, 38);
    const unknownBody = fixture('aftership-tracking-update.json', upsNumber(99));
    const knownBody = fixture('aftership-tracking-update.json', upsNumber(38));
    const unknown = await post(
      'aftership',
      unknownBody,
      signed.aftership!(unknownBody, SECRETS.alice!.AFTERSHIP!),
    );
    const forged = await post('aftership', knownBody, signed.aftership!(knownBody, 'guessed-secret'));
    expect(unknown.status).toBe(401);
    expect(unknown.json).toEqual(forged.json);
    expect(forged.json.errors[0].extensions).toEqual({ code: 'INVALID_SIGNATURE' });
    expect(noScans(await trackingOf(known))).toBe(true);
    const bad = await post('aftership', 'not json', signed.aftership!('not json', 'x'));
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].extensions.code).toBe('INVALID');
  });

  it(`tries at most ${MAX_FEED_CANDIDATES} partners sharing one number`, async () => {
    const sharing: { partner: Partner; line: string }[] = [];
    for (let i = 0; i <= MAX_FEED_CANDIDATES; i++) {
      const partner = await createPartner(admin, app, `Sharing ${i}`);
      await admin.gql(SET_SECRET, {
        i: { partnerId: partner.id, provider: 'AFTERSHIP', secret: `sharing-secret-${i}` },
      });
      sharing.push({ partner, line: await shipped(partner, 40) });
    }
    const body = fixture('aftership-tracking-update.json', upsNumber(40));
    const first = await post('aftership', body, signed.aftership!(body, 'sharing-secret-0'));
    expect(first.status).toBe(200);
    expect(first.json.fulfillments).toEqual([expect.objectContaining({ id: sharing[0]!.line })]);
    // The partner past the bound (created last, so the highest id) is not tried.
    const last = `sharing-secret-${MAX_FEED_CANDIDATES}`;
    const beyond = await post('aftership', body, signed.aftership!(body, last));
    expect(beyond.status).toBe(401);
    expect(noScans(await trackingOf(sharing[MAX_FEED_CANDIDATES]!.line))).toBe(true);
  });

  it('the addressed route with a token still works beside it', async () => {
    const id = await shipped(alice, 38);
    const { setCarrierFeedSecret } = await admin.gql(SET_SECRET, {
      i: { partnerId: alice.id, provider: 'AFTERSHIP', secret: SECRETS.alice!.AFTERSHIP },
    });
    const body = fixture('aftership-tracking-update.json', upsNumber(38));
    const url = new URL(setCarrierFeedSecret.carrierFeed.url as string);
    const res = await fetch(`${app.url}${url.pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signed.aftership!(body, SECRETS.alice!.AFTERSHIP!) },
      body,
    });
    expect(res.status).toBe(200);
    expect((await trackingOf(id)).tracking.status).toBe('OUT_FOR_DELIVERY');
  });
});

/** The line got no carrier scans. */
const noScans = (line: { checkpoints: unknown[] }) => line.checkpoints.length === 0;
