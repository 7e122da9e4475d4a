import { createHash, createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId } from '../src/graphql/ids.js';
import {
  type Client,
  createOrder,
  createPartner,
  createStaff,
  signIn,
  startTestApp,
  upsNumber,
  type TestApp,
} from './harness.js';

let app: TestApp;
let admin: Client;
let partner: { id: string; client: Client; secret: string };
const SECRETS = {
  EASYPOST: 'ep-webhook-secret-Ünïcode',
  SHIPPO: 'shippo-url-token-123',
  AFTERSHIP: 'aftership-webhook-secret',
  SEVENTEEN_TRACK: '17track-security-key',
};
const feeds: Record<string, string> = {};

const fixture = (name: string, trackingNumber: string) =>
  fs
    .readFileSync(path.join(import.meta.dirname, 'fixtures', 'carrier-events', name), 'utf8')
    .replaceAll('{{TRACKING_NUMBER}}', trackingNumber);

const SET_SECRET = `mutation($i: SetCarrierFeedSecretInput!) { setCarrierFeedSecret(input: $i) {
  carrierFeed { provider url } userErrors { code field message } } }`;
const UPDATE = `mutation($i: UpdateFulfillmentTrackingInput!) { updateFulfillmentTracking(input: $i) { userErrors { code message } } }`;

/** An order of the partner, shipped with this UPS number; its fulfillment's id. */
async function shipped(n: number, as = partner.client): Promise<string> {
  const order = await createOrder(as);
  const id = order.fulfillments[0].id as string;
  const { updateFulfillmentTracking } = await as.gql(UPDATE, {
    i: { fulfillmentId: id, trackingNumber: upsNumber(n) },
  });
  expect(updateFulfillmentTracking.userErrors).toEqual([]);
  return id;
}

const line = async (id: string) =>
  (
    await admin.gql(
      `query($id: ID!) { fulfillment(id: $id) { status tracking { status }
        checkpoints { at status location message source } history { type channel } } }`,
      { id },
    )
  ).fulfillment;

const signers: Record<string, (body: string) => Record<string, string>> = {
  easypost: (body) => ({
    'x-hmac-signature': `hmac-sha256-hex=${createHmac('sha256', SECRETS.EASYPOST.normalize('NFKD')).update(body).digest('hex')}`,
  }),
  shippo: () => ({}),
  aftership: (body) => ({
    'aftership-hmac-sha256': createHmac('sha256', SECRETS.AFTERSHIP).update(body).digest('base64'),
  }),
  '17track': (body) => ({
    sign: createHash('sha256').update(`${body}/${SECRETS.SEVENTEEN_TRACK}`).digest('hex'),
  }),
};

/** Posts a body to a feed as its provider would, signed with the partner's secret unless headers say otherwise. */
async function post(route: string, body: string, headers?: Record<string, string>, url = feeds[route]!) {
  const target = route === 'shippo' && !headers ? `${url}?token=${SECRETS.SHIPPO}` : url;
  const res = await fetch(target.replace(app.config.publicUrl, app.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(headers ?? signers[route]!(body)) },
    body,
  });
  return { status: res.status, json: (await res.json()) as any };
}

beforeAll(async () => {
  app = await startTestApp();
  admin = await signIn(app);
  partner = await createPartner(admin, app, 'Feed Partner');
  for (const [provider, secret] of Object.entries(SECRETS)) {
    // The partner sets EasyPost's itself; an admin sets the others for it.
    const { setCarrierFeedSecret } =
      provider === 'EASYPOST'
        ? await partner.client.gql(SET_SECRET, { i: { provider, secret } })
        : await admin.gql(SET_SECRET, { i: { partnerId: partner.id, provider, secret } });
    expect(setCarrierFeedSecret.userErrors).toEqual([]);
    const url = setCarrierFeedSecret.carrierFeed.url as string;
    feeds[new URL(url).pathname.split('/')[2]!] = url;
  }
});
afterAll(async () => {
  await app?.stop();
});

describe('aggregator webhooks', () => {
  it('an EasyPost tracker.updated delivers the line and stores every checkpoint, newest first', async () => {
    const id = await shipped(1);
    const { status, json } = await post('easypost', fixture('easypost-tracker-updated.json', upsNumber(1)));
    expect(status).toBe(200);
    expect(json).toMatchObject({
      trackingNumber: upsNumber(1),
      checkpointsAdded: 6,
      fulfillments: [{ id, status: 'DELIVERED', trackingStatus: 'DELIVERED' }],
    });
    const after = await line(id);
    expect(after.status).toBe('DELIVERED');
    expect(after.tracking.status).toBe('DELIVERED');
    expect(after.checkpoints).toHaveLength(6);
    expect(after.checkpoints[0]).toEqual({
      at: '2024-06-27T09:52:51.000Z',
      status: 'DELIVERED',
      location: 'CHARLESTON, SC, 29407',
      message: 'Delivered',
      source: 'EASYPOST',
    });
    expect(after.checkpoints.map((c: { status: string }) => c.status)).toEqual([
      'DELIVERED',
      'OUT_FOR_DELIVERY',
      'IN_TRANSIT',
      'IN_TRANSIT',
      'INFO_RECEIVED',
      'INFO_RECEIVED',
    ]);
    expect(after.history.at(-1)).toEqual({ type: 'DELIVERED', channel: 'CARRIER' });
    // The pipeline emails the member when the line ships, not again when the carrier delivers it.
    const mails: { topic: string }[] = await app.ds.query(
      `SELECT topic FROM outbox_message WHERE kind = 'EMAIL' AND topic LIKE 'member.%'`,
    );
    expect(mails.map((m) => m.topic)).toEqual(['member.shipped']);
  });

  it('the same webhook twice is stored once and changes nothing the second time', async () => {
    const id = await shipped(2);
    const body = fixture('easypost-tracker-updated.json', upsNumber(2));
    await post('easypost', body);
    const before = await line(id);
    const again = await post('easypost', body);
    expect(again.status).toBe(200);
    expect(again.json.checkpointsAdded).toBe(0);
    expect(await line(id)).toEqual(before);
  });

  it('a checkpoint older than the newest joins the timeline but never moves the status back', async () => {
    const id = await shipped(3);
    const full = JSON.parse(fixture('easypost-tracker-updated.json', upsNumber(3)));
    const early = structuredClone(full);
    early.result.status = 'in_transit';
    early.result.tracking_details = full.result.tracking_details.slice(0, 4);
    expect((await post('easypost', JSON.stringify(early))).json.fulfillments[0].trackingStatus).toBe(
      'IN_TRANSIT',
    );
    await post('easypost', JSON.stringify(full));
    expect((await line(id)).tracking.status).toBe('DELIVERED');
    // A late delivery of an old scan the carrier had not reported before.
    const late = structuredClone(early);
    late.result.tracking_details.push({
      ...early.result.tracking_details[3],
      message: 'Departed Facility',
      datetime: '2024-06-26T23:40:51Z',
    });
    const res = await post('easypost', JSON.stringify(late));
    expect(res.json.checkpointsAdded).toBe(1);
    const after = await line(id);
    expect(after).toMatchObject({ status: 'DELIVERED', tracking: { status: 'DELIVERED' } });
    expect(after.checkpoints).toHaveLength(7);
    expect(after.history.filter((h: { channel: string }) => h.channel === 'CARRIER')).toEqual([
      { type: 'TRACKING_IN_TRANSIT', channel: 'CARRIER' },
      { type: 'DELIVERED', channel: 'CARRIER' },
    ]);
  });

  it('a Shippo track_updated with the feed token reads a failed delivery attempt', async () => {
    const id = await shipped(4);
    const body = fixture('shippo-track-updated.json', upsNumber(4));
    const wrong = await post('shippo', body, {}, `${feeds.shippo}?token=not-the-token`);
    expect(wrong.status).toBe(401);
    expect(wrong.json.errors[0].extensions.code).toBe('INVALID_SIGNATURE');
    const missing = await post('shippo', body, {});
    expect(missing.status).toBe(401);
    const ok = await post('shippo', body);
    expect(ok.status).toBe(200);
    const after = await line(id);
    expect(after).toMatchObject({ status: 'SHIPPED', tracking: { status: 'FAILED_ATTEMPT' } });
    // The current status repeats the history's last entry: three scans, not four.
    expect(after.checkpoints.map((c: { status: string }) => c.status)).toEqual([
      'FAILED_ATTEMPT',
      'IN_TRANSIT',
      'INFO_RECEIVED',
    ]);
    expect(after.checkpoints[0]).toMatchObject({ location: 'Chicago, IL, 60611, US', source: 'SHIPPO' });
  });

  it('an AfterShip tracking_update is verified by its HMAC header and reads out for delivery', async () => {
    const id = await shipped(5);
    const body = fixture('aftership-tracking-update.json', upsNumber(5));
    const forged = await post('aftership', body, {
      'aftership-hmac-sha256': createHmac('sha256', 'a guess').update(body).digest('base64'),
    });
    expect(forged.status).toBe(401);
    expect((await line(id)).checkpoints).toEqual([]);
    expect((await post('aftership', body)).status).toBe(200);
    const after = await line(id);
    expect(after.tracking.status).toBe('OUT_FOR_DELIVERY');
    expect(after.checkpoints[0]).toEqual({
      at: '2024-01-10T12:48:00.000Z',
      status: 'OUT_FOR_DELIVERY',
      location: 'Columbus, OH, US',
      message: 'Out For Delivery Today',
      source: 'AFTERSHIP',
    });
    expect(after.checkpoints).toHaveLength(3);
  });

  it("a tracking number corrected by hand shows its own scans, not the wrong parcel's; the old number's come back with it", async () => {
    const id = await shipped(70);
    expect((await post('aftership', fixture('aftership-tracking-update.json', upsNumber(70)))).status).toBe(
      200,
    );
    const wrong = await line(id);
    expect(wrong.tracking.status).toBe('OUT_FOR_DELIVERY');
    expect(wrong.checkpoints).toHaveLength(3);

    const correct = (n: number | string) =>
      admin.gql(UPDATE, {
        i: { fulfillmentId: id, trackingNumber: typeof n === 'number' ? upsNumber(n) : n },
      });
    // A FedEx number reads no scan yet; a UPS number reads "Label created" at once.
    expect((await correct('986578788855')).updateFulfillmentTracking.userErrors).toEqual([]);
    expect(await line(id)).toMatchObject({ tracking: { status: 'UNKNOWN' }, checkpoints: [] });
    expect((await correct(71)).updateFulfillmentTracking.userErrors).toEqual([]);
    const corrected = await line(id);
    expect(corrected).toMatchObject({ tracking: { status: 'LABEL_CREATED' }, checkpoints: [] });
    // The wrong parcel's carrier goes on reporting it: no line of the partner carries that number any more.
    const stale = await post('aftership', fixture('aftership-tracking-update.json', upsNumber(70)));
    expect(stale.status).toBe(422);
    expect(await line(id)).toEqual(corrected);

    expect((await post('shippo', fixture('shippo-track-updated.json', upsNumber(71)))).status).toBe(200);
    const own = await line(id);
    expect(own.tracking.status).toBe('FAILED_ATTEMPT');
    expect(new Set(own.checkpoints.map((c: { source: string }) => c.source))).toEqual(new Set(['SHIPPO']));

    expect((await correct(70)).updateFulfillmentTracking.userErrors).toEqual([]);
    expect((await line(id)).checkpoints).toEqual(wrong.checkpoints);
  });

  it('a 17TRACK TRACKING_UPDATED is verified by its sign header and delivers the line', async () => {
    const id = await shipped(6);
    const body = fixture('17track-tracking-updated.json', upsNumber(6));
    expect((await post('17track', body, { sign: 'f'.repeat(64) })).status).toBe(401);
    const ok = await post('17track', body);
    expect(ok.status).toBe(200);
    const after = await line(id);
    expect(after.status).toBe('DELIVERED');
    expect(after.checkpoints.map((c: { status: string }) => c.status)).toEqual([
      'DELIVERED',
      'OUT_FOR_DELIVERY',
      'IN_TRANSIT',
      'INFO_RECEIVED',
    ]);
    expect(after.checkpoints[0]).toMatchObject({ location: 'COLUMBUS, OH, US', source: 'SEVENTEEN_TRACK' });
  });

  it('answers every refusal with a code and changes nothing', async () => {
    const id = await shipped(7);
    const before = await line(id);
    const unknownFeed = await post(
      'easypost',
      '{}',
      {},
      `${app.url}/carrier-events/easypost/${'x'.repeat(32)}`,
    );
    expect(unknownFeed).toMatchObject({
      status: 404,
      json: { errors: [{ extensions: { code: 'NOT_FOUND' } }] },
    });

    const signedElsewhere = fixture('easypost-tracker-updated.json', upsNumber(7));
    const forged = await post('easypost', signedElsewhere, {
      'x-hmac-signature': `hmac-sha256-hex=${createHmac('sha256', 'another secret').update(signedElsewhere).digest('hex')}`,
    });
    expect(forged).toMatchObject({
      status: 401,
      json: { errors: [{ extensions: { code: 'INVALID_SIGNATURE' } }] },
    });
    expect((await post('easypost', signedElsewhere, {})).status).toBe(401);

    const unknownNumber = await post(
      'easypost',
      fixture('easypost-tracker-updated.json', '1Z999AA10123456784'),
    );
    expect(unknownNumber.status).toBe(422);
    expect(unknownNumber.json.errors[0].extensions).toEqual({
      code: 'NOT_FOUND',
      params: { trackingNumber: '1Z999AA10123456784' },
    });

    const malformed = await post('17track', JSON.stringify({ event: 'TRACKING_UPDATED', data: {} }));
    expect(malformed.status).toBe(400);
    expect(malformed.json.errors[0]).toMatchObject({ extensions: { code: 'INVALID' } });
    expect(malformed.json.errors[0].message).toMatch(/data.number is missing/);

    const notJson = await post('aftership', 'not json at all');
    expect(notJson).toMatchObject({ status: 400, json: { errors: [{ extensions: { code: 'INVALID' } }] } });

    const badDate = JSON.parse(fixture('easypost-tracker-updated.json', upsNumber(7)));
    badDate.result.tracking_details[2].datetime = 'yesterday';
    expect((await post('easypost', JSON.stringify(badDate))).status).toBe(400);

    const tooLong = JSON.parse(fixture('easypost-tracker-updated.json', upsNumber(7)));
    tooLong.result.tracking_details[0].message = 'x'.repeat(1001);
    const long = await post('easypost', JSON.stringify(tooLong));
    expect(long).toMatchObject({ status: 422, json: { errors: [{ extensions: { code: 'TOO_LONG' } }] } });

    const huge = await post('aftership', JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }));
    expect(huge.status).toBe(413);

    // A provider's other events are answered (so it does not retry) and applied to nothing.
    const other = await post(
      'easypost',
      JSON.stringify({ object: 'Event', description: 'batch.updated', result: {} }),
    );
    expect(other).toEqual({ status: 200, json: { ignored: true } });

    expect(await line(id)).toEqual(before);
    expect(before.checkpoints).toEqual([]);
  });

  it('a webhook with more checkpoints than one parcel has is refused whole; an unknown status word reads UNKNOWN', async () => {
    const id = await shipped(31);
    const before = await line(id);
    const event = JSON.parse(fixture('easypost-tracker-updated.json', upsNumber(31)));
    const detail = event.result.tracking_details[0];
    event.result.tracking_details = Array.from({ length: 501 }, (_, i) => ({
      ...detail,
      datetime: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
    }));
    const tooMany = await post('easypost', JSON.stringify(event));
    expect(tooMany).toMatchObject({
      status: 413,
      json: { errors: [{ extensions: { code: 'LIMIT_EXCEEDED' } }] },
    });
    expect(await line(id)).toEqual(before);

    event.result.tracking_details = [{ ...detail, status: 'constructor' }];
    const odd = await post('easypost', JSON.stringify(event));
    expect(odd.status).toBe(200);
    expect((await line(id)).checkpoints.map((c: { status: string }) => c.status)).toContain('UNKNOWN');
  });

  it("a feed applies to its partner's lines only; another partner's number is unknown to it", async () => {
    const other = await createPartner(admin, app, 'Other Feed Partner');
    const theirs = await shipped(8, other.client);
    const res = await post('easypost', fixture('easypost-tracker-updated.json', upsNumber(8)));
    expect(res.status).toBe(422);
    expect(await line(theirs)).toMatchObject({ status: 'SHIPPED', checkpoints: [] });
    const { setCarrierFeedSecret } = await other.client.gql(SET_SECRET, {
      i: { partnerId: partner.id, provider: 'SHIPPO', secret: 'taken-over-token' },
    });
    expect(setCarrierFeedSecret.userErrors[0].code).toBe('FORBIDDEN');
  });

  it('the secret is stored, never shown; too short a secret is refused; support staff cannot set one', async () => {
    const { partners } = await partner.client.gql('{ partners { carrierFeeds { provider url updatedAt } } }');
    expect(partners[0].carrierFeeds.map((f: { provider: string }) => f.provider).sort()).toEqual([
      'AFTERSHIP',
      'EASYPOST',
      'SEVENTEEN_TRACK',
      'SHIPPO',
    ]);
    expect(JSON.stringify(partners)).not.toContain(SECRETS.EASYPOST);
    const rows: { secret: string }[] = await app.ds.query(`SELECT secret FROM carrier_feed`);
    expect(rows.map((r) => r.secret)).toContain(SECRETS.EASYPOST);

    const { setCarrierFeedSecret } = await admin.gql(SET_SECRET, {
      i: { partnerId: partner.id, provider: 'AFTERSHIP', secret: 'short' },
    });
    expect(setCarrierFeedSecret).toMatchObject({ carrierFeed: null, userErrors: [{ code: 'INVALID' }] });
    const support = await createStaff(admin, app, 'SUPPORT');
    const denied = await support.raw(SET_SECRET, {
      i: { partnerId: partner.id, provider: 'AFTERSHIP', secret: 'support-secret' },
    });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a new secret replaces the old one at the same address', async () => {
    const id = await shipped(9);
    const { setCarrierFeedSecret } = await admin.gql(SET_SECRET, {
      i: { partnerId: partner.id, provider: 'AFTERSHIP', secret: 'rotated-aftership-secret' },
    });
    expect(setCarrierFeedSecret.carrierFeed.url).toBe(feeds.aftership);
    const body = fixture('aftership-tracking-update.json', upsNumber(9));
    expect((await post('aftership', body)).status).toBe(401);
    const signed = createHmac('sha256', 'rotated-aftership-secret').update(body).digest('base64');
    expect((await post('aftership', body, { 'aftership-hmac-sha256': signed })).status).toBe(200);
    expect((await line(id)).tracking.status).toBe('OUT_FOR_DELIVERY');
    await admin.gql(SET_SECRET, {
      i: { partnerId: partner.id, provider: 'AFTERSHIP', secret: SECRETS.AFTERSHIP },
    });
  });
});

describe('tracking status vocabulary', () => {
  it('a shipped line with no news for 30 days reads EXPIRED, and a new scan brings it back', async () => {
    const id = await shipped(10);
    const shippedStatus = (await line(id)).tracking.status;
    expect(shippedStatus).not.toBe('EXPIRED');
    const old = new Date(Date.now() - 31 * 86_400_000);
    await app.ds
      .createQueryBuilder()
      .update('fulfillment')
      .set({ updatedAt: old })
      .where('id = :id', { id: fromGlobalId('Fulfillment', id) })
      .execute();
    expect((await line(id)).tracking.status).toBe('EXPIRED');
    const res = await fetch(`${app.url}/carrier-events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${partner.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        trackingNumber: upsNumber(10),
        status: 'IN_TRANSIT',
        description: 'Arrived at hub',
      }),
    });
    expect(res.status).toBe(200);
    const after = await line(id);
    expect(after.tracking.status).toBe('IN_TRANSIT');
    // The plain carrier-event route leaves its checkpoint in the timeline too.
    expect(after.checkpoints).toMatchObject([
      { status: 'IN_TRANSIT', message: 'Arrived at hub', source: 'API' },
    ]);
  });

  it('checkpoints are limited on request, and the limit has a ceiling', async () => {
    const id = await shipped(11);
    await post('easypost', fixture('easypost-tracker-updated.json', upsNumber(11)));
    const { fulfillment } = await admin.gql(
      `query($id: ID!) { fulfillment(id: $id) { checkpoints(limit: 2) { status } } }`,
      { id },
    );
    expect(fulfillment.checkpoints).toEqual([{ status: 'DELIVERED' }, { status: 'OUT_FOR_DELIVERY' }]);
    const tooMany = await admin.raw(
      `query($id: ID!) { fulfillment(id: $id) { checkpoints(limit: 5000) { status } } }`,
      {
        id,
      },
    );
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');
  });
});
