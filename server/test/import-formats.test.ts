import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_FORMATS } from '@ft/shared';
import { MAX_PREAMBLE_LINES } from '../src/imports/csv-reader.js';
import { type Client, createOrder, createPartner, signIn, startTestApp, type TestApp } from './harness.js';

/**
 * Other platforms' files (server/test/fixtures/import-formats, written from each platform's documented
 * columns; docs/import-formats.md) go through the real upload route: the format is recognised, the
 * suggested mapping needs no change, and preview and apply ship the lines the file names.
 */
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/import-formats');

const JOB = `id status rowCount changeCount unchangedCount errorCount appliedCount rows(first: 20) { line outcome code message }`;
const PREVIEW = `mutation($i: PreviewImportInput!) { previewImport(input: $i) { importJob { ${JOB} } userErrors { field code message } } }`;
const APPLY = `mutation($i: ApplyImportInput!) { applyImport(input: $i) { importJob { ${JOB} } userErrors { field code message } } }`;
const FULFILLMENT = `query($id: ID!) { fulfillment(id: $id) { sku status shippedOn tracking { number url method carrier { code } carrierName } } }`;

interface Shipped {
  number: string;
  carrier: string;
  shippedOn?: string;
  method?: string;
  url?: string;
}

interface Case {
  file: string;
  format: { id: string; name: string; carrier?: string };
  /** Order reference → the SKUs of its lines. */
  orders: Record<string, string[]>;
  /** Every column the suggestion maps, and to what; every other column stays unmapped. */
  mapping: Record<string, string>;
  rows: number;
  /** The day/month order the wizard asks for when the file's dates read both ways (11/09/2026). */
  dateFormat?: 'MM/DD/YYYY' | 'DD.MM.YYYY';
  /** The carrier the upload pre-sets for rows without one (a carrier's own file without a carrier column). */
  defaultCarrier?: string;
  /** Rows left untouched, by code (a voided label); every other row changes. */
  unchanged?: Record<string, number>;
  /** Order reference and SKU → what the line ships with. */
  shipped: [string, string, Shipped][];
}

const CASES: Case[] = [
  {
    file: 'shopify-orders.csv',
    format: { id: 'shopify-orders', name: 'Shopify orders export' },
    orders: { '#1001': ['MUG-11', 'TEE-M'], '#1002': ['TOTE-1'] },
    mapping: {
      Name: 'orderReference',
      'Fulfilled at': 'shippedOn',
      'Shipping Method': 'shippingMethod',
      'Lineitem sku': 'sku',
      'Tracking Number': 'trackingNumber',
      'Tracking Company': 'carrier',
    },
    rows: 3,
    shipped: [
      // Fulfilled at 2026-11-02 10:15:34 -0500: the day in the shop's own offset.
      ['#1001', 'MUG-11', { number: '1Z5R89390347936550', carrier: 'ups', shippedOn: '2026-11-02' }],
      // Shopify writes the order's own columns on its first line only: this one ships today.
      ['#1001', 'TEE-M', { number: '1Z5R89390347936550', carrier: 'ups' }],
      [
        '#1002',
        'TOTE-1',
        { number: '9400259399877601952401', carrier: 'usps', shippedOn: '2026-11-03', method: 'Standard' },
      ],
    ],
  },
  {
    file: 'matrixify-orders.csv',
    format: { id: 'matrixify-orders', name: 'Shopify orders (Matrixify)' },
    orders: { '#M1001': ['BAG-1'], '#M1002': ['CAP-2'] },
    // Fulfillment: ID is Shopify's id for its fulfillment; mapped as ours it would name no line of ours.
    mapping: {
      Name: 'orderReference',
      'Line: SKU': 'sku',
      'Fulfillment: Created At': 'shippedOn',
      'Fulfillment: Tracking Company': 'carrier',
      'Fulfillment: Tracking Number': 'trackingNumber',
      'Fulfillment: Tracking URL': 'trackingUrl',
    },
    rows: 2,
    shipped: [
      ['#M1001', 'BAG-1', { number: '2182347182', carrier: 'dhl', shippedOn: '2026-11-04' }],
      [
        '#M1002',
        'CAP-2',
        {
          number: 'RR106184367CA',
          carrier: 'canada_post',
          shippedOn: '2026-11-04',
          url: 'https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor=RR106184367CA',
        },
      ],
    ],
  },
  {
    file: 'woocommerce-shipment-tracking.csv',
    format: { id: 'woocommerce-shipment-tracking', name: 'WooCommerce Shipment Tracking' },
    orders: { '5101': ['W-1'], '5102': ['W-2'], '5103': ['W-3'] },
    mapping: {
      order_id: 'orderReference',
      tracking_provider: 'carrier',
      custom_tracking_provider: 'carrierName',
      tracking_number: 'trackingNumber',
      custom_tracking_link: 'trackingUrl',
      date_shipped: 'shippedOn',
    },
    rows: 3,
    shipped: [
      ['5101', 'W-1', { number: '1Z5R89394562805469', carrier: 'ups', shippedOn: '2026-11-05' }],
      [
        '5102',
        'W-2',
        {
          number: 'H01ABC2345678901',
          carrier: 'hermes',
          url: 'https://www.evri.com/track/parcel/H01ABC2345678901',
        },
      ],
      // WooCommerce's provider name for DHL Paket; "DHL…" alone would be DHL Express.
      ['5103', 'W-3', { number: '00340434161094042557', carrier: 'dhl_paket' }],
    ],
  },
  {
    file: 'ast-orders.csv',
    format: { id: 'advanced-shipment-tracking', name: 'Advanced Shipment Tracking (WooCommerce)' },
    // 05-11-2026 reads both ways: the user says day first, as AST's import settings do.
    dateFormat: 'DD.MM.YYYY',
    orders: { '5201': ['A-1'], '5202': ['A-2'] },
    mapping: {
      order_id: 'orderReference',
      tracking_provider: 'carrier',
      tracking_number: 'trackingNumber',
      date_shipped: 'shippedOn',
    },
    rows: 2,
    shipped: [
      ['5201', 'A-1', { number: '9400830189356272115484', carrier: 'usps' }],
      ['5202', 'A-2', { number: 'RR962914382GB', carrier: 'royal_mail', shippedOn: '2026-11-05' }],
    ],
  },
  {
    file: 'ast-items.csv',
    format: {
      id: 'advanced-shipment-tracking-items',
      name: 'Advanced Shipment Tracking, per item (WooCommerce)',
    },
    dateFormat: 'DD.MM.YYYY',
    orders: { '5301': ['t-shirt', 'hoodie'] },
    mapping: {
      order_id: 'orderReference',
      tracking_provider: 'carrier',
      tracking_number: 'trackingNumber',
      date_shipped: 'shippedOn',
      sku: 'sku',
    },
    rows: 2,
    shipped: [
      ['5301', 't-shirt', { number: '9400833394446938111392', carrier: 'usps', shippedOn: '2026-11-05' }],
      ['5301', 'hoodie', { number: '840715907452', carrier: 'fedex', shippedOn: '2026-11-06' }],
    ],
  },
  {
    file: 'ebay-order-fulfillment.csv',
    format: { id: 'ebay-order-fulfillment', name: 'eBay order fulfillment upload' },
    orders: { '12-10952-83746': ['E-1'], '23-11043-92817': ['E-2'] },
    mapping: {
      'Order ID': 'orderReference',
      'Shipped Date': 'shippedOn',
      'Shipment Carrier': 'carrier',
      'Shipment Tracking': 'trackingNumber',
    },
    rows: 2,
    shipped: [
      // Written with spaces in the file; stored compact.
      [
        '12-10952-83746',
        'E-1',
        { number: '9400259399877601952401', carrier: 'usps', shippedOn: '2026-11-06' },
      ],
      ['23-11043-92817', 'E-2', { number: 'RR962914382GB', carrier: 'royal_mail', shippedOn: '2026-11-06' }],
    ],
  },
  {
    file: 'amazon-shipping-confirmation.txt',
    format: { id: 'amazon-shipping-confirmation', name: 'Amazon shipping confirmation' },
    orders: {
      '113-4938271-5502617': ['AZ-1'],
      '113-7720193-8834106': ['AZ-2'],
      '114-0028377-1190265': ['AZ-3'],
    },
    mapping: {
      'order-id': 'orderReference',
      'ship-date': 'shippedOn',
      'carrier-code': 'carrier',
      'carrier-name': 'carrierName',
      'tracking-number': 'trackingNumber',
      'ship-method': 'shippingMethod',
    },
    rows: 3,
    shipped: [
      [
        '113-4938271-5502617',
        'AZ-1',
        { number: '1Z5R89398454828618', carrier: 'ups', shippedOn: '2026-11-07', method: 'UPS Ground' },
      ],
      // carrier-code Other: the carrier is the one carrier-name names. Shipped 2026-11-07T18:40:12-08:00,
      // already the 8th in UTC: the day is the one where it shipped.
      [
        '113-7720193-8834106',
        'AZ-2',
        { number: '63371429851', carrier: 'gls', method: 'BusinessParcel', shippedOn: '2026-11-07' },
      ],
      // ship-date as the template documents it, yyyy-mm-dd.
      [
        '114-0028377-1190265',
        'AZ-3',
        { number: '9400830189356272115484', carrier: 'usps', shippedOn: '2026-11-07' },
      ],
    ],
  },
  {
    file: 'bigcommerce-shipments.csv',
    format: { id: 'bigcommerce-shipments', name: 'BigCommerce shipments' },
    orders: { '218': ['BC-1'], '219': ['BC-2'], '220': ['BC-3'] },
    mapping: {
      'Order ID': 'orderReference',
      'Date Created': 'shippedOn',
      'Tracking Number': 'trackingNumber',
      'Tracking Link': 'trackingUrl',
      'Shipping Method': 'shippingMethod',
      'Shipping Provider': 'carrierName',
      'Tracking Carrier': 'carrier',
    },
    rows: 3,
    shipped: [
      // Date Created in RFC 2822, as BigCommerce writes dates: Sun, 08 Nov 2026 14:21:24 +0000.
      [
        '218',
        'BC-1',
        { number: 'RR220644739GB', carrier: 'royal_mail', method: 'Tracked 48', shippedOn: '2026-11-08' },
      ],
      // No tracking carrier: the shipping provider code names it.
      ['219', 'BC-2', { number: '014809072531', carrier: 'fedex', shippedOn: '2026-11-08' }],
      ['220', 'BC-3', { number: 'RR106184367CA', carrier: 'canada_post' }],
    ],
  },
  {
    file: 'aftership.csv',
    format: { id: 'aftership-csv', name: 'AfterShip CSV upload' },
    orders: { 'AS-3001': ['S-1'], 'AS-3002': ['S-2'], 'AS-3003': ['S-3'] },
    mapping: { tracking_number: 'trackingNumber', courier: 'carrier', order_id: 'orderReference' },
    rows: 3,
    shipped: [
      ['AS-3001', 'S-1', { number: '1Z5R89399003784820', carrier: 'ups' }],
      ['AS-3002', 'S-2', { number: '00340434161094038604', carrier: 'dhl_paket' }],
      ['AS-3003', 'S-3', { number: 'RR941618424GB', carrier: 'royal_mail' }],
    ],
  },
  {
    file: 'ups-worldship.csv',
    format: { id: 'ups-worldship', name: 'UPS WorldShip export', carrier: 'ups' },
    defaultCarrier: 'UPS',
    orders: { 'UP-6001': ['U-1'], 'UP-6002': ['U-2'] },
    mapping: {
      'Void Indicator': 'voided',
      'Collection Date': 'shippedOn',
      'Service Type': 'shippingMethod',
      'Package Reference 1': 'orderReference',
      'Tracking Number': 'trackingNumber',
    },
    // UP-6002's first label was voided (Void Indicator Y) and a new one printed.
    rows: 3,
    unchanged: { VOIDED: 1 },
    shipped: [
      [
        'UP-6001',
        'U-1',
        { number: '1Z5R89394953362297', carrier: 'ups', shippedOn: '2026-11-09', method: 'Ground' },
      ],
      [
        'UP-6002',
        'U-2',
        { number: '1Z5R89390486358921', carrier: 'ups', shippedOn: '2026-11-09', method: 'Next Day Air' },
      ],
    ],
  },
  {
    file: 'fedex-ship-manager.csv',
    format: { id: 'fedex-ship-manager', name: 'FedEx Ship Manager export', carrier: 'fedex' },
    defaultCarrier: 'FedEx',
    // 11/09/2026 reads both ways: the user says month first.
    dateFormat: 'MM/DD/YYYY',
    orders: { 'FE-7001': ['F-1'], 'FE-7002': ['F-2'] },
    mapping: {
      'Ship Date': 'shippedOn',
      'Tracking Number': 'trackingNumber',
      'Service Type': 'shippingMethod',
      'Customer Reference': 'orderReference',
    },
    rows: 2,
    shipped: [
      [
        'FE-7001',
        'F-1',
        { number: '983428623480', carrier: 'fedex', shippedOn: '2026-11-09', method: 'FedEx Ground' },
      ],
      [
        'FE-7002',
        'F-2',
        { number: '047656348170', carrier: 'fedex', shippedOn: '2026-11-09', method: 'FedEx 2Day' },
      ],
    ],
  },
  {
    file: 'dpd-parcels.csv',
    format: { id: 'dpd-parcels', name: 'DPD parcel list', carrier: 'dpd' },
    orders: { 'DP-8001': ['D-1'], 'DP-8002': ['D-2'] },
    mapping: {
      Paketnummer: 'trackingNumber',
      'Referenz 1': 'orderReference',
      Versanddatum: 'shippedOn',
      Produkt: 'carrier',
    },
    rows: 2,
    shipped: [
      ['DP-8001', 'D-1', { number: '01905012345678', carrier: 'dpd', shippedOn: '2026-11-09' }],
      ['DP-8002', 'D-2', { number: '01905012345679', carrier: 'dpd' }],
    ],
  },
  {
    file: 'dhl-parcels.csv',
    format: { id: 'dhl-parcels', name: 'DHL shipment list', carrier: 'dhl_paket' },
    // No Produkt column: the list is DHL's, so its carrier is the default (the number alone reads as USPS).
    defaultCarrier: 'DHL Paket',
    orders: { 'DH-8101': ['H-1'], 'DH-8102': ['H-2'] },
    mapping: {
      Sendungsnummer: 'trackingNumber',
      Sendungsreferenz: 'orderReference',
      Versanddatum: 'shippedOn',
    },
    rows: 2,
    shipped: [
      ['DH-8101', 'H-1', { number: '00340434161094027731', carrier: 'dhl_paket', shippedOn: '2026-11-10' }],
      ['DH-8102', 'H-2', { number: '00340434161094015210', carrier: 'dhl_paket' }],
    ],
  },
  {
    file: 'royal-mail-click-drop.csv',
    format: { id: 'royal-mail-click-drop', name: 'Royal Mail Click & Drop export', carrier: 'royal_mail' },
    defaultCarrier: 'Royal Mail',
    orders: { 'RM-9001': ['R-1'], 'RM-9002': ['R-2'] },
    mapping: {
      'Order reference': 'orderReference',
      'Shipping service': 'shippingMethod',
      'Tracking number': 'trackingNumber',
      'Despatch date': 'shippedOn',
    },
    rows: 2,
    shipped: [
      [
        'RM-9001',
        'R-1',
        {
          number: 'RR941618424GB',
          carrier: 'royal_mail',
          // 10/11/2026 reads both ways; the file's 13/11/2026 settles it: day first.
          shippedOn: '2026-11-10',
          method: 'Royal Mail Tracked 24',
        },
      ],
      [
        'RM-9002',
        'R-2',
        {
          number: 'RR220644739GB',
          carrier: 'royal_mail',
          shippedOn: '2026-11-13',
          method: 'Royal Mail Tracked 48',
        },
      ],
    ],
  },
  {
    file: 'marketplace-shipments.csv',
    format: { id: 'marketplace-shipments', name: 'Marketplace shipment file (Mirakl)' },
    orders: { 'MK-77001-A': ['K-1'], 'MK-77002-A': ['K-2'], 'MK-77003-A': ['K-3'] },
    mapping: {
      'order-id': 'orderReference',
      'carrier-code': 'carrier',
      'carrier-name': 'carrierName',
      'carrier-url': 'trackingUrl',
      'tracking-number': 'trackingNumber',
    },
    rows: 3,
    shipped: [
      ['MK-77001-A', 'K-1', { number: '1Z5R89398271513161', carrier: 'ups' }],
      ['MK-77002-A', 'K-2', { number: 'H1000123456789', carrier: 'hermes' }],
      ['MK-77003-A', 'K-3', { number: '00340434161094038604', carrier: 'dhl_paket' }],
    ],
  },
  {
    file: 'german-shop.csv',
    format: { id: 'german-shop', name: 'German shop export' },
    orders: { 'DE-40001': ['WS-100'], 'DE-40002': ['TF-750'], 'DE-40003': ['SL-1'] },
    mapping: {
      'Bestell Nr.': 'orderReference',
      'Artikel Nr.': 'sku',
      Paketdienst: 'carrier',
      Versandart: 'shippingMethod',
      Sendungsnummer: 'trackingNumber',
      Versanddatum: 'shippedOn',
    },
    rows: 3,
    shipped: [
      // Written in groups of four with spaces, and with dashes: stored compact.
      [
        'DE-40001',
        'WS-100',
        { number: '00340434161094027731', carrier: 'dhl_paket', shippedOn: '2026-11-10', method: 'Paket' },
      ],
      ['DE-40002', 'TF-750', { number: '01905012345678', carrier: 'dpd', method: 'Classic' }],
      ['DE-40003', 'SL-1', { number: 'RR193140371DE', carrier: 'deutsche_post', shippedOn: '2026-11-11' }],
    ],
  },
];

let app: TestApp;
let admin: Client;

beforeAll(async () => {
  app = await startTestApp();
  admin = await signIn(app);
});
afterAll(async () => {
  await app?.stop();
});

async function upload(secret: string, body: Buffer, fileName: string) {
  const res = await fetch(`${app.url}/imports?kind=tracking&fileName=${encodeURIComponent(fileName)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'text/csv' },
    body: body as unknown as BodyInit,
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe("other platforms' files import without hand mapping", () => {
  for (const c of CASES) {
    it(`${c.format.name} (${c.file}): recognised, mapped and shipped as the file says`, async () => {
      // A partner of its own: no remembered mapping from another case, and its own rate budget.
      const partner = await createPartner(admin, app, `Formats ${c.format.id}`);
      const lines = new Map<string, string>();
      for (const [reference, skus] of Object.entries(c.orders)) {
        const order = await createOrder(partner.client, {
          reference,
          fulfillments: skus.map((sku) => ({ sku, productName: sku, quantity: 1 })),
        });
        for (const f of order.fulfillments) lines.set(`${reference}|${f.sku}`, f.id);
      }

      const up = await upload(partner.secret, fs.readFileSync(path.join(FIXTURES, c.file)), c.file);
      expect(up.status, JSON.stringify(up.body)).toBe(201);
      expect(up.body.format).toEqual({ carrier: null, ...c.format });
      expect(up.body.defaultCarrier).toBe(c.defaultCarrier ?? null);
      expect(up.body.rowCount).toBe(c.rows);
      const mapped = Object.fromEntries(
        (up.body.suggestedMapping as { column: string; field: string | null }[])
          .filter((m) => m.field)
          .map((m) => [m.column, m.field]),
      );
      expect(mapped).toEqual(c.mapping);

      const preview = (
        await partner.client.gql(PREVIEW, {
          i: { importId: up.body.importId, ...(c.dateFormat && { dateFormat: c.dateFormat }) },
        })
      ).previewImport;
      expect(preview.userErrors).toEqual([]);
      const untouched: Record<string, number> = {};
      for (const r of preview.importJob.rows.filter((r: any) => r.outcome !== 'CHANGE'))
        untouched[`${r.outcome} ${r.code}`] = (untouched[`${r.outcome} ${r.code}`] ?? 0) + 1;
      expect(untouched).toEqual(
        Object.fromEntries(Object.entries(c.unchanged ?? {}).map(([code, n]) => [`UNCHANGED ${code}`, n])),
      );
      const changes = c.rows - Object.values(c.unchanged ?? {}).reduce((a, b) => a + b, 0);
      expect(preview.importJob).toMatchObject({ changeCount: changes, errorCount: 0 });
      const applied = (await partner.client.gql(APPLY, { i: { importId: up.body.importId } })).applyImport;
      expect(applied.userErrors).toEqual([]);
      expect(applied.importJob).toMatchObject({ status: 'APPLIED', appliedCount: changes });

      for (const [reference, sku, want] of c.shipped) {
        const id = lines.get(`${reference}|${sku}`)!;
        const got = (await partner.client.gql(FULFILLMENT, { id })).fulfillment;
        expect(got, `${reference} ${sku}`).toMatchObject({
          status: 'SHIPPED',
          tracking: {
            number: want.number,
            carrier: { code: want.carrier },
            ...(want.method && { method: want.method }),
            ...(want.url && { url: want.url }),
          },
          ...(want.shippedOn && { shippedOn: want.shippedOn }),
        });
      }
    });
  }
});

describe('what recognition must never do, and what it finds', () => {
  it("a carrier's own file pre-sets its carrier for the wizard, and the user can clear it", async () => {
    const partner = await createPartner(admin, app, 'Formats default carrier');
    await createOrder(partner.client, { reference: 'DH-8101' });
    await createOrder(partner.client, { reference: 'DH-8102' });
    const up = await upload(
      partner.secret,
      fs.readFileSync(path.join(FIXTURES, 'dhl-parcels.csv')),
      'dhl.csv',
    );
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const job = await partner.client.gql(`query($id: ID!) { importJob(id: $id) { defaultCarrier } }`, {
      id: up.body.importId,
    });
    expect(job.importJob.defaultCarrier).toBe('DHL Paket');

    const cleared = (
      await partner.client.gql(
        `mutation($i: PreviewImportInput!) { previewImport(input: $i) { importJob { defaultCarrier } userErrors { code } } }`,
        { i: { importId: up.body.importId, defaultCarrier: '' } },
      )
    ).previewImport;
    expect(cleared.userErrors).toEqual([]);
    expect(cleared.importJob.defaultCarrier).toBeNull();
  });

  it("a partner who mapped our export's Fulfillment ID still gets Shopify's Fulfillment: ID left unmapped", async () => {
    const partner = await createPartner(admin, app, 'Formats remembered');
    const order = await createOrder(partner.client, { reference: '#R1001' });
    const ours = `Order Reference,Fulfillment ID,Tracking Number\n#R1001,${order.fulfillments[0].id},1Z5R89390784403325\n`;
    const first = await upload(partner.secret, Buffer.from(ours), 'export.csv');
    expect(first.body.suggestedMapping[1]).toEqual({ column: 'Fulfillment ID', field: 'fulfillmentId' });
    const previewed = await partner.client.gql(PREVIEW, { i: { importId: first.body.importId } });
    expect(previewed.previewImport.importJob.changeCount).toBe(1); // the mapping is now remembered

    const matrixify = fs.readFileSync(path.join(FIXTURES, 'matrixify-orders.csv'));
    const second = await upload(partner.secret, matrixify, 'matrixify-orders.csv');
    expect(second.body.suggestedMapping).toContainEqual({ column: 'Fulfillment: ID', field: null });
  });

  it('a header line below more title lines than are looked through is not searched for: the first line is the header', async () => {
    const partner = await createPartner(admin, app, 'Formats preamble');
    const title = Array.from({ length: MAX_PREAMBLE_LINES + 1 }, (_, i) => `Report line ${i + 1}`).join('\n');
    const up = await upload(
      partner.secret,
      Buffer.from(`${title}\norderId,trackingNumber\nX-1,1Z5R89390784403325\n`),
      'r.csv',
    );
    expect(up.status).toBe(201);
    expect(up.body.headers).toEqual(['Report line 1']);
    expect(up.body.rowCount).toBe(MAX_PREAMBLE_LINES + 2);
    expect(up.body.format).toBeNull();
  });

  it('every recognised format has a name in the English and German UI', () => {
    for (const lang of ['en', 'de']) {
      const file = path.resolve(
        path.dirname(fileURLToPath(import.meta.url)),
        `../../client/src/locales/${lang}.json`,
      );
      const names = JSON.parse(fs.readFileSync(file, 'utf8')).importFormats.names;
      expect(Object.keys(names).sort(), lang).toEqual(IMPORT_FORMATS.map((f) => f.id).sort());
    }
  });

  it('a semicolon table below a title line with a comma in it is read with semicolons, from its header line on', async () => {
    const partner = await createPartner(admin, app, 'Formats title');
    await createOrder(partner.client, { reference: 'DE-1' });
    const up = await upload(
      partner.secret,
      Buffer.from(
        'Versandbericht, November 2026\nBestell Nr.;Paketdienst;Sendungsnummer\nDE-1;Deutsche Post;RR193140371DE\n',
      ),
      'bericht.csv',
    );
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body.headers).toEqual(['Bestell Nr.', 'Paketdienst', 'Sendungsnummer']);
    expect(up.body.format).toMatchObject({ id: 'german-shop' });
    const preview = await partner.client.gql(PREVIEW, { i: { importId: up.body.importId } });
    expect(preview.previewImport.importJob.rows).toEqual([
      { line: 3, outcome: 'CHANGE', code: null, message: 'Ships with this tracking' },
    ]);
  });

  it('carrier names as platforms write them ship with our carriers; "Other" takes the carrier-name column', async () => {
    const partner = await createPartner(admin, app, 'Formats vocabulary');
    const rows: [string, string, string, string][] = [
      ['UPS Ground', '', '1Z5R89390784403325', 'ups'],
      ['USPS', '', '9400259399877601952401', 'usps'],
      ['Royal Mail Tracked 24', '', 'RR962914382GB', 'royal_mail'],
      ['dhl-express', '', '5892478281', 'dhl'],
      ['canada-post', '', 'RR106184367CA', 'canada_post'],
      ['Other', 'PostNL', '3SABCD0123456789', 'postnl'],
      ['dpd-uk', '', '15501234567890', 'dpd'],
    ];
    const ids: string[] = [];
    for (const [i] of rows.entries()) {
      const order = await createOrder(partner.client, { reference: `V-${i}` });
      ids.push(order.fulfillments[0].id);
    }
    // Tab-separated, numbers written with spaces and dashes.
    const tsv = [
      'order-id\tcarrier-code\tcarrier-name\ttracking-number\tship-date',
      ...rows.map(
        ([code, name, number], i) =>
          `V-${i}\t${code}\t${name}\t${number.replace(/(.{4})(?=.)/g, '$1 ')}\t2026-11-12`,
      ),
    ].join('\n');
    const up = await upload(partner.secret, Buffer.from(tsv), 'confirm.txt');
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const preview = await partner.client.gql(PREVIEW, { i: { importId: up.body.importId } });
    expect(preview.previewImport.importJob.rows.filter((r: any) => r.outcome !== 'CHANGE')).toEqual([]);
    const applied = await partner.client.gql(APPLY, { i: { importId: up.body.importId } });
    expect(applied.applyImport.userErrors).toEqual([]);
    for (const [i, [, , number, code]] of rows.entries()) {
      const got = (await partner.client.gql(FULFILLMENT, { id: ids[i] })).fulfillment;
      expect(got.tracking, rows[i]![0]).toMatchObject({ number, carrier: { code } });
    }
  });
});
