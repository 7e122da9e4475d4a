import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimJob } from '../src/imports/import-job-states.js';
import { seedBulk } from '../src/seed/bulk.js';
import { makeTrackingNumber, seededRng } from '../src/seed/tracking-numbers.js';
import {
  type Client,
  createOrder,
  createPartner,
  DB_KIND,
  signIn,
  startTestApp,
  upsNumber,
  type TestApp,
} from './harness.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
let app: TestApp;
let admin: Client;
let partner: { id: string; client: Client; secret: string };
const orders = new Map<string, any>();

const JOB = `id status rowCount changeCount unchangedCount errorCount appliedCount mapping { column field } rows(first: 10) { line outcome code message field cells applied }`;
const PREVIEW = `mutation($i: PreviewImportInput!) { previewImport(input: $i) { importJob { ${JOB} } userErrors { field code message } } }`;
const APPLY = `mutation($i: ApplyImportInput!) { applyImport(input: $i) { importJob { ${JOB} } userErrors { field code message } } }`;
const FULFILLMENT = `query($id: ID!) { fulfillment(id: $id) { sku status shippedOn rmaNumber tracking { number url method carrier { code } carrierName }
  history { type channel } order { status subscriptions { status } } } }`;

async function upload(
  body: Buffer | string,
  kind = 'tracking',
  secret = partner.secret,
  extra: Record<string, string> = {},
) {
  const res = await fetch(`${app.url}/imports?kind=${kind}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'text/csv', ...extra },
    body: body as unknown as BodyInit,
  });
  return { status: res.status, body: (await res.json()) as any };
}
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const line = (ref: string, n = 0) => orders.get(ref).fulfillments[n].id as string;
const state = async (id: string) => (await partner.client.gql(FULFILLMENT, { id })).fulfillment;
const fulfillmentChecksum = async () =>
  JSON.stringify(
    await app.ds.query(
      'SELECT id, status, tracking_number, shipped_on, version FROM fulfillment ORDER BY id',
    ),
  );

/** The fixtures write month-first dates that read two ways (11/02/2026), so the tracking ones say which comes first. */
async function previewAndApply(file: string, kind = 'tracking') {
  const up = await upload(fixture(file), kind);
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  const dateFormat = kind === 'tracking' ? 'MM/DD/YYYY' : null;
  const preview = (await partner.client.gql(PREVIEW, { i: { importId: up.body.importId, dateFormat } }))
    .previewImport;
  expect(preview.userErrors).toEqual([]);
  const applied = (await partner.client.gql(APPLY, { i: { importId: up.body.importId } })).applyImport;
  expect(applied.userErrors).toEqual([]);
  return { up: up.body, preview: preview.importJob, applied: applied.importJob };
}

beforeAll(async () => {
  app = await startTestApp();
  admin = await signIn(app);
  partner = await createPartner(admin, app, 'Fixture Partner');
  const line1 = (sku: string, extra = {}) => ({ sku, productName: sku, quantity: 1, ...extra });
  const plan: [string, object[], number?, string?][] = [
    ['FX-1001', [line1('SHOE-42')]],
    ['FX-1002', [line1('VEST-M')]],
    ['FX-1003', [line1('LAMP-1'), line1('LAMP-2', { clientFulfillmentId: 'CF-3002' })]],
    ['FX-1004', [line1('SHOE-39')]],
    ['FX-1005', [line1('SOCK-3')]],
    ['FX-1006', [line1('POLE-2')], 0, 'Jürgen Müller'],
    ['FX-1007', [line1('BOTTLE-750')], 0, 'Renée Weiß'],
    ['FX-1008', [line1('LAMP-9')], 0, 'Åsa Öberg'],
    ['FX-1009', [line1('GEL-12', { clientFulfillmentId: 'CF-9001' })]],
    ['FX-1010', [line1('CAP-1')]],
    ['FX-1011', [line1('JACKET-L')], 1],
    ['FX-1012', [line1('SOCK-3')], 1],
  ];
  for (const [reference, fulfillments, subscriptionCount, name] of plan) {
    orders.set(
      reference,
      await createOrder(partner.client, {
        reference,
        fulfillments,
        subscriptionCount: subscriptionCount ?? 0,
        customer: { name: name ?? 'Ada Lovelace', email: 'member@example.com', locale: name ? 'de' : 'en' },
      }),
    );
  }
  const ship = `mutation($i: UpdateFulfillmentTrackingInput!) { updateFulfillmentTracking(input: $i) { userErrors { code } } }`;
  const shipped = await partner.client.gql(ship, {
    i: { fulfillmentId: line('FX-1011'), trackingNumber: upsNumber(39) },
  });
  expect(shipped.updateFulfillmentTracking.userErrors).toEqual([]);
});
afterAll(async () => {
  await app?.stop();
});

describe('the fixture files give the results their README states', () => {
  it('tracking-en.csv: 5 rows change; SKU narrows FX-1003 to LAMP-1; carriers detected or read from free text; URLs from templates', async () => {
    const { up, preview, applied } = await previewAndApply('tracking-en.csv');
    expect(up.suggestedMapping).toEqual([
      { column: 'Order ID', field: 'orderReference' },
      { column: 'Member Name', field: null },
      { column: 'Member Email', field: null },
      { column: 'Product', field: null },
      { column: 'SKU', field: 'sku' },
      { column: 'Quantity', field: null },
      { column: 'Shipped Date', field: 'shippedOn' },
      { column: 'Tracking Carrier', field: 'carrier' },
      { column: 'Tracking Number', field: 'trackingNumber' },
      { column: 'Tracking URL', field: 'trackingUrl' },
    ]);
    expect(preview).toMatchObject({ changeCount: 5, unchangedCount: 0, errorCount: 0 });
    expect(applied).toMatchObject({ status: 'APPLIED', appliedCount: 5 });
    expect(await state(line('FX-1001'))).toMatchObject({
      status: 'SHIPPED',
      shippedOn: '2026-11-02',
      tracking: {
        number: '1Z5R89390357567001',
        carrier: { code: 'ups' },
        url: 'https://www.ups.com/track?tracknum=1Z5R89390357567001',
      },
    });
    expect((await state(line('FX-1002'))).tracking.carrier.code).toBe('ups');
    expect(await state(line('FX-1003', 0))).toMatchObject({
      status: 'SHIPPED',
      shippedOn: '2026-11-03',
      tracking: {
        number: '986578788855',
        carrier: { code: 'fedex' },
        url: 'https://www.fedex.com/fedextrack/?trknbr=986578788855',
      },
    });
    expect((await state(line('FX-1003', 1))).status).toBe('HOLD');
    expect((await state(line('FX-1004'))).tracking.carrier.code).toBe('ups');
    expect(await state(line('FX-1005'))).toMatchObject({
      shippedOn: '2026-11-04',
      tracking: {
        carrier: { code: 'usps' },
        url: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=00340434292135100186',
      },
    });
    expect((await state(line('FX-1001'))).history.at(-1)).toEqual({ type: 'SHIPPED', channel: 'CSV_IMPORT' });
    const [{ n }] = await app.ds.query(
      `SELECT COUNT(*) AS n FROM outbox_message WHERE topic = 'member.shipped'`,
    );
    expect(Number(n)).toBe(6); // FX-1011 shipped in setup + 5

    const again = await partner.client.gql(APPLY, { i: { importId: up.importId } });
    expect(again.applyImport.importJob).toMatchObject({ status: 'APPLIED', appliedCount: 5 });
    const before = await fulfillmentChecksum();
    const second = await previewAndApply('tracking-en.csv');
    expect(second.preview).toMatchObject({ changeCount: 0, unchangedCount: 5, errorCount: 0 });
    expect(await fulfillmentChecksum()).toBe(before);
  });

  it('tracking-de.csv: Windows-1252, semicolons, German headers; 3 rows change and umlauts read back intact', async () => {
    const { preview } = await previewAndApply('tracking-de.csv');
    expect(preview.changeCount).toBe(3);
    expect(preview.mapping).toEqual([
      { column: 'Bestellnummer', field: 'orderReference' },
      { column: 'Mitglied', field: null },
      { column: 'Produkt', field: null },
      { column: 'Versanddatum', field: 'shippedOn' },
      { column: 'Tracking-Versandunternehmen', field: 'carrier' },
      { column: 'Trackingnummer', field: 'trackingNumber' },
      { column: 'Tracking-URL', field: 'trackingUrl' },
    ]);
    expect(preview.rows.map((r: any) => r.cells[1])).toEqual(['Jürgen Müller', 'Renée Weiß', 'Åsa Öberg']);
    expect(preview.rows[0].cells[2]).toBe('Wanderstöcke');
    expect(await state(line('FX-1006'))).toMatchObject({
      status: 'SHIPPED',
      shippedOn: '2026-11-05',
      tracking: { number: '1Z5R89390357567038' },
    });
    expect((await state(line('FX-1008'))).shippedOn).toBe('2026-11-06');
  });

  it('tracking-checkoutchamp.csv: a client fulfillment id names one line; an empty one falls back to the order; method stored', async () => {
    const { preview } = await previewAndApply('tracking-checkoutchamp.csv');
    expect(preview.changeCount).toBe(3);
    expect(await state(line('FX-1003', 1))).toMatchObject({
      status: 'SHIPPED',
      tracking: { number: '1Z5R89390357567083', method: '2nd Day Air' },
    });
    expect((await state(line('FX-1003', 0))).tracking.number).toBe('986578788855');
    expect(await state(line('FX-1009'))).toMatchObject({
      status: 'SHIPPED',
      tracking: { number: '1Z5R89390357567065', method: 'Ground' },
    });
    expect(await state(line('FX-1010'))).toMatchObject({
      status: 'SHIPPED',
      tracking: { method: 'Next Day Air' },
    });
  });

  it('returns.csv: FX-1011 returned with its RMA; FX-1012 cancelled and its subscription with it', async () => {
    const { preview } = await previewAndApply('returns.csv', 'returns');
    expect(preview.changeCount).toBe(2);
    expect(await state(line('FX-1011'))).toMatchObject({
      status: 'RETURNED',
      rmaNumber: 'RMA-55501',
      order: { subscriptions: [{ status: 'ACTIVE' }] },
    });
    expect(await state(line('FX-1012'))).toMatchObject({
      status: 'CANCELLED',
      order: { status: 'CANCELLED', subscriptions: [{ status: 'CANCELLED' }] },
    });
  });

  it("tracking-bad.csv: the preview names every row's problem with a code and writes nothing", async () => {
    const before = await fulfillmentChecksum();
    const up = await upload(fixture('tracking-bad.csv'));
    const { previewImport } = await partner.client.gql(PREVIEW, {
      i: { importId: up.body.importId, dateFormat: 'MM/DD/YYYY' },
    });
    const rows = previewImport.importJob.rows.map((r: any) => [r.line, r.outcome, r.code, r.field]);
    expect(rows).toEqual([
      [2, 'UNCHANGED', 'NO_TRACKING', null],
      [3, 'ERROR', 'INVALID_TRACKING_NUMBER', 'trackingNumber'],
      [4, 'ERROR', 'NOT_FOUND', 'orderReference'],
      [5, 'ERROR', 'INVALID_DATE', 'shippedOn'],
      [6, 'ERROR', 'INVALID', 'carrier'],
      [7, 'ERROR', 'TRANSITION_NOT_ALLOWED', 'orderReference'],
      [8, 'CHANGE', null, null],
      [10, 'UNCHANGED', 'DUPLICATE_ROW', null],
    ]);
    expect(previewImport.importJob.rows[3].message).toBe(
      '13/45/2026 is not a date (expected MM/DD/YYYY, YYYY-MM-DD or an Excel date)',
    );
    expect(previewImport.importJob.rows[4].message).toMatch(/looks like a spreadsheet formula/);
    expect(previewImport.importJob.rows[6].cells[4]).toBe('Ground, signature\nrequired');
    expect(await fulfillmentChecksum()).toBe(before);
  });
});

describe('export', () => {
  it("streams the filtered fulfillments in the spec's columns, neutralises formulas, and re-imports as is", async () => {
    await partner.client.gql(
      `mutation($i: UpdateFulfillmentTrackingInput!) { updateFulfillmentTracking(input: $i) { userErrors { code } } }`,
      {
        i: {
          fulfillmentId: line('FX-1001'),
          trackingNumber: '1Z5R89390357567001',
          shippingMethod: '=HYPERLINK("http://evil.example","x")',
        },
      },
    );
    const res = await fetch(`${app.url}/exports/fulfillments.csv?statuses=SHIPPED`, {
      headers: { authorization: `Bearer ${partner.secret}` },
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await res.text();
    const [header, ...lines] = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(header).toBe(
      'Order Reference,Client Fulfillment ID,Fulfillment ID,Customer Name,Customer Email,SKU,Product,Quantity,Status,Shipped Date,Tracking Carrier,Tracking Number,Tracking URL,Shipping Method,RMA Number,Placed At',
    );
    expect(lines.every((l) => l.includes(',SHIPPED,'))).toBe(true);
    expect(lines.find((l) => l.startsWith('FX-1001,'))).toContain(
      `"'=HYPERLINK(""http://evil.example"",""x"")"`,
    );
    expect(text).not.toMatch(/(^|,)"?=/m);

    const reimport = await upload(Buffer.from(text));
    expect(reimport.status).toBe(201);
    const { previewImport } = await partner.client.gql(PREVIEW, { i: { importId: reimport.body.importId } });
    expect(previewImport.userErrors, JSON.stringify(reimport.body.suggestedMapping)).toEqual([]);
    expect(
      previewImport.importJob.changeCount,
      JSON.stringify(previewImport.importJob.rows.filter((r: any) => r.outcome !== 'UNCHANGED')),
    ).toBe(0);
    // The neutralised formula reads back as the method stored: that row is unchanged too.
    expect(previewImport.importJob.unchangedCount).toBe(lines.length);
    expect(previewImport.importJob.errorCount).toBe(0);
  });

  it('a file of many pages has every line once, in order, with the placed time the API shows', async () => {
    const paged = await createPartner(admin, app, 'Paged Exporter');
    const partnerId = Number(Buffer.from(paged.id, 'base64url').toString().split(':')[1]);
    await seedBulk(app.ds, { orders: 1203, partnerId, secondLineEvery: 4, prefix: 'PG' });
    const text = await (
      await fetch(`${app.url}/exports/fulfillments.csv`, {
        headers: { authorization: `Bearer ${paged.secret}` },
      })
    ).text();
    const lines = (parse(text, { bom: true }) as string[][]).slice(1);
    const [{ n }] = await app.ds.query('SELECT COUNT(*) AS n FROM fulfillment WHERE partner_id = ?', [
      partnerId,
    ]);
    expect(Number(n)).toBeGreaterThan(1500);
    expect(lines).toHaveLength(Number(n));
    const ids = lines.map((l) => Number(Buffer.from(l[2]!, 'base64url').toString().split(':')[1]));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const { orders: api } = await paged.client.gql(
      `{ orders(first: 250, sort: { field: REFERENCE, direction: ASC }) { edges { node { reference placedAt } } } }`,
    );
    for (const { node } of api.edges)
      expect(lines.find((l) => l[0] === node.reference)![15]).toBe(node.placedAt);
  });

  it('a partner exports only its own rows; an invalid filter is a 400 that says why', async () => {
    const other = await createPartner(admin, app, 'Other Exporter');
    await createOrder(other.client, { reference: 'OTHER-1' });
    const text = await (
      await fetch(`${app.url}/exports/fulfillments.csv`, {
        headers: { authorization: `Bearer ${other.secret}` },
      })
    ).text();
    expect(text).toContain('OTHER-1');
    expect(text).not.toContain('FX-1001');
    const bad = await fetch(`${app.url}/exports/fulfillments.csv?placedFrom=2026-02-30`, {
      headers: { authorization: `Bearer ${other.secret}` },
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toBe('2026-02-30 is not a date (YYYY-MM-DD)');
  });
});

describe('bad uploads get a clear error and write nothing', () => {
  it.each([
    ['an empty file', '', 'The file is empty'],
    ['only blank lines', '   \r\n\t\n', 'The file is empty'],
    ['headers only', 'orderId,trackingNumber\r\n', 'The file has a header line but no data rows'],
    [
      'binary junk',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3, 0, 0]),
      'This is not a text file: save it from your spreadsheet as CSV',
    ],
    [
      'a row with 500 columns',
      `orderId,trackingNumber\nFX-1,${'x,'.repeat(499)}x\n`,
      'Line 2 has 501 columns; at most 200',
    ],
    [
      'a cell of 1 MB',
      `orderId,trackingNumber\nFX-1,${'9'.repeat(1024 * 1024)}\n`,
      'Line 2 is longer than 60000 characters',
    ],
    ['a quote never closed', 'orderId,trackingNumber\nFX-1,"1Z\n', /not valid CSV near line/],
    // Rows are written as the file is read; a fault after the first batches must still leave nothing behind.
    [
      'a bad line after 12,000 good ones',
      `orderId,trackingNumber\n${'FX-1001,1Z\n'.repeat(12_000)}FX-1,${'x,'.repeat(499)}x\n`,
      'Line 12002 has 501 columns; at most 200',
    ],
  ])('%s', async (_name, body, message) => {
    const before = Number((await app.ds.query('SELECT COUNT(*) AS n FROM import_job'))[0].n);
    const rowsBefore = Number((await app.ds.query('SELECT COUNT(*) AS n FROM import_row'))[0].n);
    const res = await upload(typeof body === 'string' ? Buffer.from(body) : body);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatch(message);
    expect(Number((await app.ds.query('SELECT COUNT(*) AS n FROM import_job'))[0].n)).toBe(before);
    expect(Number((await app.ds.query('SELECT COUNT(*) AS n FROM import_row'))[0].n)).toBe(rowsBefore);
  });

  it('a file over the limit is a 413, not a crash', async () => {
    const res = await upload(Buffer.alloc(51 * 1024 * 1024, 'a'));
    expect(res.status).toBe(413);
    expect(res.body.error).toBe('The file is larger than 50 MB');
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it('a browser session must send X-Requested-With (CSRF); anonymous uploads are refused', async () => {
    const cookie = admin.sessionCookie!;
    const res = await fetch(`${app.url}/imports?kind=tracking`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'text/csv' },
      body: 'a,b\n1,2\n',
    });
    expect(res.status).toBe(403);
    const ok = await fetch(`${app.url}/imports?kind=returns`, {
      method: 'POST',
      headers: { cookie, 'x-requested-with': 'fetch', 'content-type': 'text/csv' },
      body: fixture('returns.csv'),
    });
    expect(ok.status).toBe(201);
    const anonymous = await fetch(`${app.url}/imports?kind=tracking`, { method: 'POST', body: 'a,b\n1,2\n' });
    expect(anonymous.status).toBe(401);
  });

  it('an upload acts for one partner: a key for its own only, staff for any that exists', async () => {
    const other = await createPartner(admin, app, 'Upload Target');
    const csv = fixture('tracking-checkoutchamp.csv');
    // The kind goes first in the query string; the partner rides along after it.
    const forPartner = (partnerId: string) => `tracking&partnerId=${encodeURIComponent(partnerId)}`;
    const jobs = async () => Number((await app.ds.query('SELECT COUNT(*) AS n FROM import_job'))[0].n);
    const before = await jobs();
    const forbidden = await upload(csv, forPartner(other.id));
    expect(forbidden.status).toBe(422);
    expect(forbidden.body.userErrors).toEqual([
      expect.objectContaining({ code: 'FORBIDDEN', field: ['partnerId'] }),
    ]);
    expect(await jobs()).toBe(before);
    expect((await upload(csv, forPartner(partner.id))).status).toBe(201);

    const asStaff = (partnerId: string) =>
      fetch(`${app.url}/imports?kind=${forPartner(partnerId)}`, {
        method: 'POST',
        headers: { cookie: admin.sessionCookie!, 'x-requested-with': 'fetch', 'content-type': 'text/csv' },
        body: csv,
      });
    const forOther = await asStaff(other.id);
    expect(forOther.status).toBe(201);
    const { importId } = (await forOther.json()) as { importId: string };
    const [job] = await app.ds.query('SELECT partner_id FROM import_job WHERE id = ?', [
      Number(Buffer.from(importId, 'base64url').toString().split(':')[1]),
    ]);
    expect(Number(job.partner_id)).toBe(Number(Buffer.from(other.id, 'base64url').toString().split(':')[1]));
    for (const unknown of [Buffer.from('Partner:999999').toString('base64url'), 'not-an-id']) {
      const res = await asStaff(unknown);
      expect(res.status).toBe(422);
      expect(((await res.json()) as any).userErrors).toEqual([
        expect.objectContaining({ code: 'NOT_FOUND', field: ['partnerId'] }),
      ]);
    }
  });

  it('a multipart form upload works like a raw body', async () => {
    const form = new FormData();
    form.append(
      'file',
      new Blob([fixture('tracking-checkoutchamp.csv')], { type: 'text/csv' }),
      'checkoutchamp.csv',
    );
    const res = await fetch(`${app.url}/imports?kind=tracking`, {
      method: 'POST',
      headers: { authorization: `Bearer ${partner.secret}` },
      body: form,
    });
    expect(res.status).toBe(201);
    expect((await res.json()).headers).toEqual([
      'orderId',
      'clientFulfillmentId',
      'trackingNumber',
      'carrier',
      'method',
    ]);
  });

  it('a mapping without the required field is a userError and nothing is written', async () => {
    const up = await upload(fixture('tracking-checkoutchamp.csv'));
    const before = await fulfillmentChecksum();
    const { previewImport } = await partner.client.gql(PREVIEW, {
      i: {
        importId: up.body.importId,
        mapping: [
          { column: 'orderId', field: 'orderReference' },
          { column: 'trackingNumber', field: null },
        ],
      },
    });
    expect(previewImport.userErrors).toEqual([
      { field: ['input', 'mapping'], code: 'REQUIRED', message: 'Map a column to trackingNumber' },
    ]);
    const apply = await partner.client.gql(APPLY, { i: { importId: up.body.importId } });
    expect(apply.applyImport.userErrors[0].code).toBe('TRANSITION_NOT_ALLOWED');
    expect(await fulfillmentChecksum()).toBe(before);
  });
});

describe('mapping memory, dates and isolation', () => {
  it("remembers a partner's last mapping and suggests it first", async () => {
    const csv = 'Ref,Nummer,Datum\nFX-1002,1Z5R89390357567010,02.11.2026\n';
    const first = await upload(Buffer.from(csv));
    expect(first.body.suggestedMapping.map((m: any) => m.field)).toEqual([null, null, null]);
    const mapping = [
      { column: 'Ref', field: 'orderReference' },
      { column: 'Nummer', field: 'trackingNumber' },
      { column: 'Datum', field: 'shippedOn' },
    ];
    const { previewImport } = await partner.client.gql(PREVIEW, {
      i: { importId: first.body.importId, mapping, dateFormat: 'DD.MM.YYYY' },
    });
    expect(previewImport.userErrors).toEqual([]);
    const second = await upload(Buffer.from(csv));
    expect(second.body.suggestedMapping).toEqual(mapping);
  });

  it('a value longer than its column is a TOO_LONG row error in preview, and apply writes none of it', async () => {
    const order = await createOrder(partner.client, { reference: 'LONG-1' });
    const carrier = 'Spedition ' + 'x'.repeat(60);
    const method = 'm'.repeat(101);
    const csv = `orderId,trackingNumber,carrier,method\nLONG-1,ABC123456789,${carrier},\nLONG-1,ABC123456789,Local Courier,${method}\n`;
    const up = await upload(Buffer.from(csv));
    const { previewImport } = await partner.client.gql(PREVIEW, { i: { importId: up.body.importId } });
    expect(previewImport.importJob.rows.map((r: any) => [r.outcome, r.code, r.field, r.message])).toEqual([
      ['ERROR', 'TOO_LONG', 'carrier', 'The carrier has 70 characters; at most 64 fit'],
      ['ERROR', 'TOO_LONG', 'shippingMethod', 'The shippingMethod has 101 characters; at most 100 fit'],
    ]);
    const { applyImport } = await partner.client.gql(APPLY, { i: { importId: up.body.importId } });
    expect(applyImport.userErrors).toEqual([]);
    expect(applyImport.importJob.appliedCount).toBe(0);
    expect((await state(order.fulfillments[0].id)).status).toBe('HOLD');
  });

  it('rows follow the tracking form: text that is no tracking number is INVALID, a pasted number loses its spaces and dashes', async () => {
    const order = await createOrder(partner.client, { reference: 'SHAPE-1' });
    const n = upsNumber(40);
    const csv = `orderId,trackingNumber,carrier\nSHAPE-1,hello world!!,UPS\nSHAPE-1,${n.slice(0, 6)} ${n.slice(6, 12)}-${n.slice(12)},UPS\n`;
    const up = await upload(Buffer.from(csv));
    const { previewImport } = await partner.client.gql(PREVIEW, { i: { importId: up.body.importId } });
    expect(previewImport.importJob.rows.map((r: any) => [r.outcome, r.code, r.field, r.message])).toEqual([
      ['ERROR', 'INVALID', 'trackingNumber', 'Not a tracking number'],
      ['CHANGE', null, null, 'Ships with this tracking'],
    ]);
    const { applyImport } = await partner.client.gql(APPLY, { i: { importId: up.body.importId } });
    expect(applyImport.importJob.appliedCount).toBe(1);
    expect((await state(order.fulfillments[0].id)).tracking).toMatchObject({
      number: n,
      carrier: { code: 'ups' },
    });
  });

  it("another partner's import is invisible and its rows cannot reach this partner's orders", async () => {
    const other = await createPartner(admin, app, 'Nosy Partner');
    const up = await upload(fixture('tracking-checkoutchamp.csv'), 'tracking', other.secret);
    const { previewImport } = await other.client.gql(PREVIEW, { i: { importId: up.body.importId } });
    expect(previewImport.importJob.rows.map((r: any) => r.code)).toEqual([
      'NOT_FOUND',
      'NOT_FOUND',
      'NOT_FOUND',
    ]);
    const mine = await upload(fixture('returns.csv'), 'returns');
    expect(
      (await other.client.gql(`query($id: ID!) { importJob(id: $id) { id } }`, { id: mine.body.importId }))
        .importJob,
    ).toBeNull();
  });
});

describe('the import job moves through its states by one claim', () => {
  it('of two requests claiming a job one wins; a preview cannot take a job an apply has claimed', async () => {
    const up = await upload(fixture('tracking-checkoutchamp.csv'));
    const { previewImport } = await partner.client.gql(PREVIEW, { i: { importId: up.body.importId } });
    const id = Number(Buffer.from(up.body.importId, 'base64url').toString().split(':')[1]);
    expect(previewImport.importJob.status).toBe('PREVIEWED');
    const claims = await Promise.all([claimJob(app.ds, id, 'APPLYING'), claimJob(app.ds, id, 'APPLYING')]);
    expect(claims.sort()).toEqual([false, true]);
    expect(await claimJob(app.ds, id, 'PREVIEWING')).toBe(false);
    const again = await partner.client.gql(PREVIEW, { i: { importId: up.body.importId } });
    expect(again.previewImport.userErrors.map((e: any) => e.code)).toEqual(['TRANSITION_NOT_ALLOWED']);
    expect(await claimJob(app.ds, id, 'FAILED')).toBe(true);
    expect(await claimJob(app.ds, id, 'PREVIEWING')).toBe(true);
  });
});

describe('apply is atomic per batch and can be re-run', () => {
  it('a database failure mid-apply leaves nothing half-written; running apply again finishes the job once', async () => {
    const o1 = await createOrder(partner.client, { reference: 'RETRY-1' });
    const o2 = await createOrder(partner.client, { reference: 'RETRY-2' });
    const up = await upload(
      Buffer.from('orderId,trackingNumber\nRETRY-1,1Z5R89390357567109\nRETRY-2,1Z5R89390357567118\n'),
    );
    await partner.client.gql(PREVIEW, { i: { importId: up.body.importId } });
    if (DB_KIND === 'sqlite') {
      await app.ds.query(
        `CREATE TRIGGER fail_import BEFORE INSERT ON outbox_message BEGIN SELECT RAISE(ABORT, 'mail queue full'); END`,
      );
    } else {
      await app.ds.query(
        `CREATE TRIGGER fail_import BEFORE INSERT ON outbox_message FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'mail queue full'`,
      );
    }
    try {
      const failed = await partner.client.raw(APPLY, { i: { importId: up.body.importId } });
      expect(failed.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await app.ds.query('DROP TRIGGER fail_import');
    }
    expect((await state(o1.fulfillments[0].id)).status).toBe('HOLD');
    const { importJob } = await partner.client.gql(
      `query($id: ID!) { importJob(id: $id) { status lastError appliedCount } }`,
      { id: up.body.importId },
    );
    expect(importJob).toMatchObject({ status: 'FAILED', appliedCount: 0 });
    expect(importJob.lastError).toMatch(/mail queue full/);

    const retry = await partner.client.gql(APPLY, { i: { importId: up.body.importId } });
    expect(retry.applyImport.importJob).toMatchObject({ status: 'APPLIED', appliedCount: 2 });
    for (const o of [o1, o2]) {
      const s = await state(o.fulfillments[0].id);
      expect(s.status).toBe('SHIPPED');
      expect(s.history.filter((e: any) => e.type === 'SHIPPED')).toHaveLength(1);
    }
  });
});

describe('two applies of one import at once', () => {
  it('one writes, the other is told it is running (or finds it done): no line gets two history entries', async () => {
    // A partner of its own: the file's earlier tests have spent much of the shared partner's rate budget.
    const own = await createPartner(admin, app, 'Twice Partner');
    const refs = [];
    for (let i = 0; i < 40; i++)
      refs.push((await createOrder(own.client, { reference: `TWICE-${i}` })).reference);
    const rng = seededRng(33);
    const up = await upload(
      `orderId,trackingNumber,carrier\n${refs.map((r) => `${r},${makeTrackingNumber('ups', rng)},UPS`).join('\n')}\n`,
      'tracking',
      own.secret,
    );
    await own.client.gql(PREVIEW, { i: { importId: up.body.importId } });
    const both = await Promise.all(
      [0, 1].map(() => own.client.gql(APPLY, { i: { importId: up.body.importId } })),
    );
    for (const { applyImport } of both) {
      if (applyImport.userErrors.length)
        expect(applyImport.userErrors).toEqual([
          {
            field: ['input', 'importId'],
            code: 'TRANSITION_NOT_ALLOWED',
            message: 'This import is being applied already; watch its progress',
          },
        ]);
      else expect(applyImport.importJob).toMatchObject({ status: 'APPLIED', appliedCount: 40 });
    }
    const [{ n }] = await app.ds.query(
      `SELECT COUNT(*) AS n FROM fulfillment_event e JOIN fulfillment f ON f.id = e.fulfillment_id WHERE f.order_reference LIKE 'TWICE-%' AND e.channel = 'CSV_IMPORT'`,
    );
    expect(Number(n)).toBe(40);
    const { importJob } = await own.client.gql(
      `query($id: ID!) { importJob(id: $id) { status appliedCount } }`,
      { id: up.body.importId },
    );
    expect(importJob).toEqual({ status: 'APPLIED', appliedCount: 40 });
  });
});

describe('a file of several preview chunks', () => {
  it('rows past the first chunk get the same checks and the same messages', async () => {
    const partnerId = Number(Buffer.from(partner.id, 'base64url').toString().split(':')[1]);
    await seedBulk(app.ds, { orders: 6000, partnerId, prefix: 'BIG' });
    const rng = seededRng(21);
    const ref = (i: number) => `BIG-${String(i).padStart(7, '0')}`;
    const rows = Array.from({ length: 6000 }, (_, i) => [
      ref(i),
      makeTrackingNumber('ups', rng),
      i % 2 ? 'UPS' : '',
    ]);
    const good = rows[5100]![1]!;
    const wrongDigit = good.slice(0, -1) + String((Number(good.at(-1)) + 1) % 10);
    rows[5100] = [ref(5100), wrongDigit, 'UPS'];
    rows[5200] = [ref(5200), wrongDigit, ''];
    rows[5300] = [ref(5300), 'ABCDEF123', ''];
    const up = await upload(`orderId,trackingNumber,carrier\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    expect(up.status).toBe(201);
    const { previewImport } = await partner.client.gql(
      `mutation($i: PreviewImportInput!) { previewImport(input: $i) {
      importJob { changeCount errorCount rows(outcome: "ERROR") { line code message } } userErrors { message } } }`,
      { i: { importId: up.body.importId } },
    );
    expect(previewImport.userErrors).toEqual([]);
    expect(previewImport.importJob).toEqual({
      changeCount: 5997,
      errorCount: 3,
      rows: [
        { line: 5102, code: 'INVALID_TRACKING_NUMBER', message: `${wrongDigit} fails the UPS check digit` },
        {
          line: 5202,
          code: 'INVALID_TRACKING_NUMBER',
          message: `${wrongDigit} looks like UPS but its check digit is wrong`,
        },
        {
          line: 5302,
          code: 'UNKNOWN_CARRIER',
          message: "ABCDEF123 matches no known carrier's format; name the carrier",
        },
      ],
    });

    // More than one apply batch (5,000 rows, on MySQL two lanes of 5,000): every row is written once, none skipped or doubled.
    const { applyImport } = await partner.client.gql(
      `mutation($i: ApplyImportInput!) { applyImport(input: $i) { importJob { status appliedCount } userErrors { message } } }`,
      { i: { importId: up.body.importId } },
    );
    expect(applyImport).toEqual({ importJob: { status: 'APPLIED', appliedCount: 5997 }, userErrors: [] });
    const [written] = await app.ds
      .query(`SELECT COUNT(*) AS shipped, COUNT(DISTINCT e.fulfillment_id) AS distinctLines, COUNT(e.id) AS events
      FROM fulfillment f JOIN fulfillment_event e ON e.fulfillment_id = f.id AND e.channel = 'CSV_IMPORT'
      WHERE f.order_reference LIKE 'BIG-%' AND f.status = 'SHIPPED'`);
    expect([written.shipped, written.distinctLines, written.events].map(Number)).toEqual([5997, 5997, 5997]);
    const [held] = await app.ds.query(
      `SELECT COUNT(*) AS n FROM fulfillment WHERE order_reference IN ('BIG-0005100', 'BIG-0005200', 'BIG-0005300') AND status = 'HOLD'`,
    );
    expect(Number(held.n)).toBe(3);
  });
});

describe('preview never throws unhandled and never writes, whatever the file', () => {
  it('holds for random and malformed CSV', async () => {
    const before = await fulfillmentChecksum();
    const cell = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        'FX-1001',
        'FX-1003',
        '1Z5R89390357567001',
        '1Z5R89390357567002',
        '"',
        '""',
        '=1+1',
        '13/45/2026',
        '46328',
        ';',
        '\n',
        '\r\n',
        'Ü',
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(',', ';', '\t'),
        fc.boolean(),
        async (rows, sep, header) => {
          const text =
            (header ? ['orderId', 'trackingNumber', 'carrier', 'shippedOn'].join(sep) + '\n' : '') +
            rows.map((r) => r.join(sep)).join('\n');
          const up = await upload(Buffer.from(text));
          expect([201, 422]).toContain(up.status);
          if (up.status === 201) {
            // Forty previews in a row: a light selection, or they drain the partner's rate-limit bucket.
            const result = await partner.client.raw(
              `mutation($i: PreviewImportInput!) { previewImport(input: $i) { importJob { status rowCount } } }`,
              { i: { importId: up.body.importId } },
            );
            expect(result.errors).toBeUndefined();
          } else {
            expect(typeof up.body.error).toBe('string');
          }
        },
      ),
      { numRuns: 40, seed: 20261124 },
    );
    expect(await fulfillmentChecksum()).toBe(before);
  });
});
