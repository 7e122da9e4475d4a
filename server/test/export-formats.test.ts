import { parse } from 'csv-parse/sync';
import { EXPORT_COLUMNS, EXPORT_COLUMNS_DE } from '@ft/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  createOrder,
  createPartner,
  signIn,
  startTestApp,
  upsNumber,
  type TestApp,
} from './harness.js';

let app: TestApp;
let partner: { id: string; client: Client; secret: string };

const PREVIEW = `mutation($i: PreviewImportInput!) { previewImport(input: $i) {
  importJob { rowCount changeCount unchangedCount errorCount mapping { column field } rows(first: 50) { line outcome code message } }
  userErrors { code message } } }`;

const exportCsv = (query: string) =>
  fetch(`${app.url}/exports/fulfillments.csv?${query}`, {
    headers: { authorization: `Bearer ${partner.secret}` },
  });

async function reimport(body: Buffer) {
  const res = await fetch(`${app.url}/imports?kind=tracking`, {
    method: 'POST',
    headers: { authorization: `Bearer ${partner.secret}`, 'content-type': 'text/csv' },
    body: body as unknown as BodyInit,
  });
  const up = (await res.json()) as { importId: string; delimiter?: string };
  expect(res.status, JSON.stringify(up)).toBe(201);
  const { previewImport } = await partner.client.gql(PREVIEW, { i: { importId: up.importId } });
  expect(previewImport.userErrors).toEqual([]);
  return previewImport.importJob;
}

beforeAll(async () => {
  app = await startTestApp();
  const admin = await signIn(app);
  partner = await createPartner(admin, app, 'Export Formats Partner');
  const ship = `mutation($i: UpdateFulfillmentTrackingInput!) { updateFulfillmentTracking(input: $i) { userErrors { code message } } }`;
  const plan = [
    { reference: 'EF-1', customer: 'Jürgen Müller', method: 'Standard; signed', shippedOn: '2026-11-03' },
    { reference: 'EF-2', customer: 'Renée "Rae" Weiß', method: 'Express', shippedOn: '2026-01-24' },
    { reference: 'EF-3', customer: 'Ada Lovelace', method: null, shippedOn: null },
  ];
  for (const [i, p] of plan.entries()) {
    const order = await createOrder(partner.client, {
      reference: p.reference,
      customer: { name: p.customer, email: `ef${i}@example.com`, locale: 'de' },
      fulfillments: [{ sku: `SKU-${i}`, productName: 'Zelt für 2 Personen; grün', quantity: 2 }],
    });
    const { updateFulfillmentTracking } = await partner.client.gql(ship, {
      i: {
        fulfillmentId: order.fulfillments[0].id,
        trackingNumber: upsNumber(30 + i),
        shippingMethod: p.method,
        shippedOn: p.shippedOn,
      },
    });
    expect(updateFulfillmentTracking.userErrors).toEqual([]);
  }
  // A line awaiting shipment: not in a SHIPPED export.
  await createOrder(partner.client, { reference: 'EF-4' });
});
afterAll(async () => {
  await app?.stop();
});

describe('the German Excel export', () => {
  it('has a BOM, German headers, semicolons and DD.MM.YYYY dates, and quotes cells with a semicolon', async () => {
    const res = await exportCsv('statuses=SHIPPED&format=excel-de');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const [header] = text.split('\r\n');
    expect(header).toBe(EXPORT_COLUMNS_DE.join(';'));
    const rows = parse(text, { delimiter: ';', columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.Bestellnummer).sort()).toEqual(['EF-1', 'EF-2', 'EF-3']);
    const ef1 = rows.find((r) => r.Bestellnummer === 'EF-1')!;
    expect(ef1).toMatchObject({
      Kundenname: 'Jürgen Müller',
      Versanddatum: '03.11.2026',
      Versandart: 'Standard; signed',
      Produkt: 'Zelt für 2 Personen; grün',
      Menge: '2',
      Versandunternehmen: 'UPS',
    });
    expect(ef1['Bestellt am (UTC)']).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
    expect(text).toContain(';"Standard; signed";');
    expect(rows.find((r) => r.Bestellnummer === 'EF-2')!.Kundenname).toBe('Renée "Rae" Weiß');
  });

  it('imports again as it is: every column recognised, every row unchanged, no errors', async () => {
    const res = await exportCsv('statuses=SHIPPED&format=excel-de');
    const job = await reimport(Buffer.from(await res.arrayBuffer()));
    expect(
      job.mapping.filter((m: { field: string | null }) => m.field).map((m: { column: string }) => m.column),
    ).toEqual([
      'Bestellnummer',
      'Kunden-Fulfillment-ID',
      'Fulfillment-ID',
      'SKU',
      'Versanddatum',
      'Versandunternehmen',
      'Trackingnummer',
      'Tracking-URL',
      'Versandart',
    ]);
    expect(
      { rows: job.rowCount, errors: job.errorCount, changes: job.changeCount },
      JSON.stringify(job.rows),
    ).toEqual({ rows: 3, errors: 0, changes: 0 });
    expect(job.unchangedCount).toBe(3);
  });

  it('the standard CSV stays as it was: English headers, commas, ISO dates', async () => {
    const text = (await (await exportCsv('statuses=SHIPPED')).text()).replace(/^\uFEFF/, '');
    expect(text.split('\r\n')[0]).toBe(EXPORT_COLUMNS.join(','));
    expect(text).toMatch(/,2026-11-03,/);
    expect((await reimport(Buffer.from(text))).unchangedCount).toBe(3);
  });

  it('an unknown format is refused with a clear error', async () => {
    const res = await exportCsv('format=xlsx');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { userErrors: { code: string; field: string[] }[] };
    expect(body.userErrors).toMatchObject([{ code: 'INVALID', field: ['format'] }]);
  });
});
