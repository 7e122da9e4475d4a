import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createOrder,
  createPartner,
  previewChangeCount,
  createStaff,
  signIn,
  startSecondServer,
  startTestApp,
  upsNumber,
  uploadTrackingCsv,
  type TestApp,
} from './harness.js';

let app: TestApp;
let partner: { id: string; client: Client; secret: string };
let admin: Client;

const UPDATE = `mutation($i: UpdateFulfillmentTrackingInput!) { updateFulfillmentTracking(input: $i) {
  fulfillment { id status version tracking { number url carrierName carrier { code } } }
  userErrors { field code message params } } }`;
const FULFILLMENT = `query($id: ID!) { fulfillment(id: $id) { status version tracking { number carrierName carrier { code } } } }`;

const newLine = async () => (await createOrder(partner.client)).fulfillments[0];

beforeAll(async () => {
  app = await startTestApp();
  admin = await signIn(app);
  partner = await createPartner(admin, app, 'Carrier Checks Partner');
});
afterAll(async () => {
  await app?.stop();
});

describe('a number of another carrier than the one named', () => {
  it('is CARRIER_MISMATCH naming both carriers and changes nothing, until the caller confirms', async () => {
    const f = await newLine();
    const refused = (
      await partner.client.gql(UPDATE, {
        i: { fulfillmentId: f.id, trackingNumber: upsNumber(3), carrier: 'USPS', version: f.version },
      })
    ).updateFulfillmentTracking;
    expect(refused.fulfillment).toBeNull();
    expect(refused.userErrors).toEqual([
      {
        field: ['input', 'carrier'],
        code: 'CARRIER_MISMATCH',
        message: `${upsNumber(3)} is a UPS number, not USPS`,
        params: JSON.stringify({
          variant: 'carrierMismatch',
          number: upsNumber(3),
          detected: 'UPS',
          detectedCode: 'ups',
          given: 'USPS',
        }),
      },
    ]);
    expect((await partner.client.gql(FULFILLMENT, { id: f.id })).fulfillment).toMatchObject({
      status: 'HOLD',
      version: f.version,
      tracking: null,
    });

    const confirmed = (
      await partner.client.gql(UPDATE, {
        i: {
          fulfillmentId: f.id,
          trackingNumber: upsNumber(3),
          carrier: 'USPS',
          version: f.version,
          acceptCarrierMismatch: true,
        },
      })
    ).updateFulfillmentTracking;
    expect(confirmed.userErrors).toEqual([]);
    expect(confirmed.fulfillment).toMatchObject({
      status: 'SHIPPED',
      tracking: { number: upsNumber(3), carrier: { code: 'usps' } },
    });
  });

  it("the named carrier's own numbers, and numbers of a carrier of the same family, pass without asking", async () => {
    const ups = await newLine();
    const a = (
      await partner.client.gql(UPDATE, {
        i: { fulfillmentId: ups.id, trackingNumber: upsNumber(4), carrier: 'UPS Ground' },
      })
    ).updateFulfillmentTracking;
    expect(a.userErrors).toEqual([]);
    const paket = await newLine();
    const b = (
      await partner.client.gql(UPDATE, {
        i: { fulfillmentId: paket.id, trackingNumber: 'RR123456785DE', carrier: 'DHL Paket' },
      })
    ).updateFulfillmentTracking;
    expect(b.userErrors).toEqual([]);
    expect(b.fulfillment.tracking.carrier).toEqual({ code: 'dhl_paket' });
  });
});

describe('a carrier name that is a typo of a known one', () => {
  it.each([
    ['Fedx', 'FedEx', 'fedex'],
    ['Fedx Ground', 'FedEx', 'fedex'],
    ['Canda Post', 'Canada Post', 'canada_post'],
  ])(
    '"%s" is CARRIER_UNKNOWN suggesting %s, and is kept as written only when confirmed',
    async (given, name, code) => {
      const f = await newLine();
      const refused = (
        await partner.client.gql(UPDATE, {
          i: { fulfillmentId: f.id, trackingNumber: 'ABC123XYZ9', carrier: given },
        })
      ).updateFulfillmentTracking;
      expect(refused.fulfillment).toBeNull();
      expect(refused.userErrors).toEqual([
        {
          field: ['input', 'carrier'],
          code: 'CARRIER_UNKNOWN',
          message: `${given} is not a known carrier; did you mean ${name}?`,
          params: JSON.stringify({
            variant: 'carrierDidYouMean',
            given,
            suggestion: name,
            suggestionCode: code,
          }),
        },
      ]);
      const kept = (
        await partner.client.gql(UPDATE, {
          i: {
            fulfillmentId: f.id,
            trackingNumber: 'ABC123XYZ9',
            carrier: given,
            acceptCarrierMismatch: true,
          },
        })
      ).updateFulfillmentTracking;
      expect(kept.userErrors).toEqual([]);
      expect(kept.fulfillment.tracking).toMatchObject({ carrier: null, carrierName: given });
    },
  );

  it('a name far from every known carrier is kept as free text without asking', async () => {
    const f = await newLine();
    const r = (
      await partner.client.gql(UPDATE, {
        i: { fulfillmentId: f.id, trackingNumber: 'ABC123XYZ9', carrier: 'Speedy Couriers Ltd' },
      })
    ).updateFulfillmentTracking;
    expect(r.userErrors).toEqual([]);
    expect(r.fulfillment.tracking).toMatchObject({ carrier: null, carrierName: 'Speedy Couriers Ltd' });
  });
});

describe('an import', () => {
  it('previews a mismatched row as a change with a CARRIER_MISMATCH warning that applies as written; a typo row is an error naming the suggestion', async () => {
    const a = await createOrder(partner.client);
    const b = await createOrder(partner.client);
    const c = await createOrder(partner.client);
    const csv = [
      'orderId,trackingNumber,carrier',
      `${a.reference},${upsNumber(5)},USPS`,
      `${b.reference},${upsNumber(6)},Fedx`,
      `${c.reference},${upsNumber(7)},UPS`,
    ].join('\n');
    const importId = await uploadTrackingCsv(app.url, partner.secret, csv);
    expect(await previewChangeCount(partner.client, importId)).toBe(2);
    const { importJob } = await partner.client.gql(
      `query($id: ID!) { importJob(id: $id) { rows { line outcome code message } } }`,
      { id: importId },
    );
    expect(importJob.rows).toEqual([
      {
        line: 2,
        outcome: 'CHANGE',
        code: 'CARRIER_MISMATCH',
        message: `Ships with this tracking; warning: ${upsNumber(5)} is a UPS number, not USPS`,
      },
      {
        line: 3,
        outcome: 'ERROR',
        code: 'CARRIER_UNKNOWN',
        message: 'Fedx is not a known carrier; did you mean FedEx?',
      },
      { line: 4, outcome: 'CHANGE', code: null, message: 'Ships with this tracking' },
    ]);
    const { applyImport } = await partner.client.gql(
      `mutation($i: ApplyImportInput!) { applyImport(input: $i) { userErrors { code message } } }`,
      { i: { importId } },
    );
    expect(applyImport.userErrors).toEqual([]);
    const shipped = (await partner.client.gql(FULFILLMENT, { id: a.fulfillments[0].id })).fulfillment;
    expect(shipped).toMatchObject({
      status: 'SHIPPED',
      tracking: { number: upsNumber(5), carrier: { code: 'usps' } },
    });
    const held = (await partner.client.gql(FULFILLMENT, { id: b.fulfillments[0].id })).fulfillment;
    expect(held).toMatchObject({ status: 'HOLD', tracking: null });
    // A UPS label reads "Label created" at once, from an import too; the same number named USPS has no scan yet.
    const STATUS = `query($id: ID!) { fulfillment(id: $id) { tracking { status } } }`;
    const statusOf = async (id: string) =>
      (await partner.client.gql(STATUS, { id })).fulfillment.tracking.status;
    expect(await statusOf(c.fulfillments[0].id)).toBe('LABEL_CREATED');
    expect(await statusOf(a.fulfillments[0].id)).toBe('UNKNOWN');
  });
});

const SAVE = `mutation($i: SaveCarrierInput!) { saveCarrier(input: $i) {
  carrier { code name trackingUrlTemplate aliases quirkNote pickupWindow labelScanAtOnce } userErrors { field code } } }`;
const CARRIERS = `{ carriers { code name quirkNote pickupWindow labelScanAtOnce } }`;
const UPS = { code: 'ups', name: 'UPS', trackingUrlTemplate: 'https://www.ups.com/track?tracknum={number}' };

describe('carriers as data the admin owns', () => {
  it('an admin edits the quirk note and pickup window; omitted they stay, empty they go; others may not edit', async () => {
    const { saveCarrier } = await admin.gql(SAVE, {
      i: {
        ...UPS,
        aliases: ['ups', 'UPS Ground'],
        quirkNote: 'Label Created means the label is printed; UPS has not scanned the parcel yet.',
        pickupWindow: 'Collected every business day 2:30–5 PM Eastern',
      },
    });
    expect(saveCarrier).toEqual({
      carrier: {
        ...UPS,
        aliases: ['ups', 'upsground'],
        quirkNote: 'Label Created means the label is printed; UPS has not scanned the parcel yet.',
        pickupWindow: 'Collected every business day 2:30–5 PM Eastern',
        labelScanAtOnce: true,
      },
      userErrors: [],
    });
    const renamed = (
      await admin.gql(SAVE, { i: { ...UPS, name: 'UPS (United Parcel Service)', aliases: ['ups'] } })
    ).saveCarrier.carrier;
    expect(renamed).toMatchObject({
      name: 'UPS (United Parcel Service)',
      pickupWindow: 'Collected every business day 2:30–5 PM Eastern',
      labelScanAtOnce: true,
    });
    const cleared = (await admin.gql(SAVE, { i: { ...UPS, aliases: ['ups'], pickupWindow: '' } })).saveCarrier
      .carrier;
    expect(cleared.pickupWindow).toBeNull();
    expect(cleared.quirkNote).not.toBeNull();

    const bad = await admin.gql(SAVE, {
      i: { ...UPS, trackingUrlTemplate: 'https://www.ups.com/track', pickupWindow: 'x'.repeat(201) },
    });
    expect(bad.saveCarrier.userErrors.map((e: any) => [e.field.at(-1), e.code]).sort()).toEqual([
      ['pickupWindow', 'TOO_LONG'],
      ['trackingUrlTemplate', 'INVALID'],
    ]);
    expect((await admin.gql(CARRIERS)).carriers.find((c: any) => c.code === 'ups').name).toBe('UPS');

    const support = await createStaff(admin, app, 'SUPPORT');
    for (const who of [support, partner.client]) {
      const refused = await who.raw(SAVE, { i: { ...UPS, quirkNote: 'hacked' } });
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await admin.gql(CARRIERS)).carriers.find((c: any) => c.code === 'ups').quirkNote).not.toBe(
      'hacked',
    );
  });

  it('a new number of a carrier marked "label scan at once" reads LABEL_CREATED at once; others read UNKNOWN', async () => {
    const STATUS = `query($id: ID!) { fulfillment(id: $id) { tracking { status quirk carrier { code } } } }`;
    const ups = await newLine();
    await partner.client.gql(UPDATE, { i: { fulfillmentId: ups.id, trackingNumber: upsNumber(8) } });
    expect((await partner.client.gql(STATUS, { id: ups.id })).fulfillment.tracking).toMatchObject({
      status: 'LABEL_CREATED',
      quirk: 'UPS_LABEL_CREATED',
      carrier: { code: 'ups' },
    });
    const fedex = await newLine();
    await partner.client.gql(UPDATE, { i: { fulfillmentId: fedex.id, trackingNumber: '986578788855' } });
    expect((await partner.client.gql(STATUS, { id: fedex.id })).fulfillment.tracking.status).toBe('UNKNOWN');

    await admin.gql(SAVE, {
      i: {
        code: 'fedex',
        name: 'FedEx',
        trackingUrlTemplate: 'https://www.fedex.com/fedextrack/?trknbr={number}',
        aliases: ['fedex'],
        labelScanAtOnce: true,
      },
    });
    const later = await newLine();
    await partner.client.gql(UPDATE, { i: { fulfillmentId: later.id, trackingNumber: '986578788855' } });
    expect((await partner.client.gql(STATUS, { id: later.id })).fulfillment.tracking.status).toBe(
      'LABEL_CREATED',
    );
    await admin.gql(SAVE, {
      i: {
        code: 'fedex',
        name: 'FedEx',
        trackingUrlTemplate: 'https://www.fedex.com/fedextrack/?trknbr={number}',
        aliases: ['fedex'],
        labelScanAtOnce: false,
      },
    });
  });

  it("the member's track page shows the carrier's note and pickup window while the parcel waits for its scans", async () => {
    await admin.gql(SAVE, {
      i: {
        code: 'canada_post',
        name: 'Canada Post',
        trackingUrlTemplate:
          'https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor={number}',
        aliases: ['canadapost'],
        quirkNote: 'Drop-offs after 3 PM are scanned the next morning.',
        pickupWindow: 'Every business day 2:30–5 PM Eastern',
      },
    });
    const order = await createOrder(partner.client);
    await partner.client.gql(UPDATE, {
      i: { fulfillmentId: order.fulfillments[0].id, trackingNumber: 'ABC123XYZ9', carrier: 'Canada Post' },
    });
    const [{ t }] = await app.ds.query(
      `SELECT tracking_token AS t FROM orders WHERE reference = '${order.reference}'`,
    );
    const html = await (await fetch(`${app.url}/track/${t}`)).text();
    expect(html).toContain('Collected by the carrier</dt><dd>Every business day 2:30–5 PM Eastern</dd>');
    expect(html).toContain('<p class="hint">Drop-offs after 3 PM are scanned the next morning.</p>');
  });

  it('another server process sees a carrier edit within the carrier cache lifetime (5 s)', async () => {
    const second = await startSecondServer(app);
    try {
      const other = await signIn({ ...app, url: second.url });
      const nameThere = async () =>
        (await other.gql(CARRIERS)).carriers.find((c: any) => c.code === 'gls').name as string;
      expect(await nameThere()).toBe('GLS');
      await admin.gql(SAVE, {
        i: {
          code: 'gls',
          name: 'GLS Parcel',
          trackingUrlTemplate: 'https://gls-group.com/track/{number}',
          aliases: ['gls'],
        },
      });
      const since = Date.now();
      while ((await nameThere()) !== 'GLS Parcel') {
        expect(Date.now() - since).toBeLessThan(6_000);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    } finally {
      await second.stop();
    }
  }, 20_000);
});
