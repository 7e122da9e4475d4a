import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createOrder,
  createPartner,
  previewChangeCount,
  signIn,
  startTestApp,
  upsNumber,
  uploadTrackingCsv,
  type TestApp,
} from './harness.js';

let app: TestApp;
let partner: { id: string; client: Client; secret: string };

const UPDATE = `mutation($i: UpdateFulfillmentTrackingInput!) { updateFulfillmentTracking(input: $i) {
  fulfillment { id status version tracking { number url carrierName carrier { code } } }
  userErrors { field code message params } } }`;
const FULFILLMENT = `query($id: ID!) { fulfillment(id: $id) { status version tracking { number carrierName carrier { code } } } }`;

const newLine = async () => (await createOrder(partner.client)).fulfillments[0];

beforeAll(async () => {
  app = await startTestApp();
  partner = await createPartner(await signIn(app), app, 'Carrier Checks Partner');
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
        params: JSON.stringify({ detected: 'UPS', detectedCode: 'ups', given: 'USPS' }),
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
          params: JSON.stringify({ given, suggestion: name, suggestionCode: code }),
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
  });
});
