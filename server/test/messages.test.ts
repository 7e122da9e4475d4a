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
let admin: Client;
let partner: { id: string; client: Client; secret: string };

const ROWS = `rows(first: 20) { line outcome code message params field }`;
const PREVIEW = `mutation($i: PreviewImportInput!) { previewImport(input: $i) { importJob { id ${ROWS} } userErrors { field code message params } } }`;

async function upload(body: string, kind = 'tracking') {
  const res = await fetch(`${app.url}/imports?kind=${kind}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${partner.secret}`, 'content-type': 'text/csv' },
    body,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { importId: string }).importId;
}

async function preview(importId: string) {
  const { previewImport } = await partner.client.gql(PREVIEW, { i: { importId } });
  expect(previewImport.userErrors).toEqual([]);
  return previewImport.importJob.rows as {
    line: number;
    code: string | null;
    message: string;
    params: string;
  }[];
}

beforeAll(async () => {
  app = await startTestApp();
  admin = await signIn(app);
  partner = await createPartner(admin, app, 'Messages Partner');
  await createOrder(partner.client, {
    reference: 'MS-1',
    fulfillments: [{ sku: 'SHOE-42', productName: 'Shoe', quantity: 1 }],
  });
});
afterAll(async () => {
  await app?.stop();
});

describe('every row verdict names its message and values, so a client can word it in any language', () => {
  it('tracking rows: an unknown order, a missing SKU, a bad date, a duplicate and a change each carry a variant and their values', async () => {
    const rows = await preview(
      await upload(
        [
          'Order ID,SKU,Tracking Number,Shipped Date',
          `AO-99999,,${upsNumber(1)},`,
          `MS-1,NOPE-1,${upsNumber(2)},`,
          `MS-1,,${upsNumber(3)},31/31/2026`,
          `MS-1,,${upsNumber(4)},`,
          `MS-1,,${upsNumber(4)},`,
        ].join('\n'),
      ),
    );
    const byLine = new Map(rows.map((r) => [r.line, { ...r, params: JSON.parse(r.params) }]));
    expect(byLine.get(2)).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Unknown order AO-99999',
      params: { variant: 'unknownOrder', reference: 'AO-99999' },
    });
    expect(byLine.get(3)?.params).toEqual({ variant: 'noSkuOnOrder', reference: 'MS-1', sku: 'NOPE-1' });
    expect(byLine.get(4)).toMatchObject({
      code: 'INVALID_DATE',
      params: { variant: 'notADate', value: '31/31/2026', expected: 'MM/DD/YYYY' },
    });
    expect(byLine.get(5)).toMatchObject({ code: null, params: { variant: 'ships' } });
    expect(byLine.get(6)).toMatchObject({
      code: 'DUPLICATE_ROW',
      params: { variant: 'sameAsLine', line: 5 },
    });
  });

  it('a tracking number the carrier rejects carries the number and the carrier', async () => {
    const rows = await preview(
      await upload(`Order ID,Tracking Number,Carrier\nMS-1,1Z5R89390357567002,UPS\n`),
    );
    expect(rows[0]).toMatchObject({ code: 'INVALID_TRACKING_NUMBER' });
    expect(JSON.parse(rows[0]!.params)).toEqual({
      variant: 'checkDigit',
      number: '1Z5R89390357567002',
      carrier: 'UPS',
    });
  });

  it('return rows: a status that is neither RETURNED nor CANCELLED names the value', async () => {
    const rows = await preview(await upload(`Order ID,Status\nMS-1,LOST\n`, 'returns'));
    expect(rows[0]).toMatchObject({ code: 'INVALID' });
    expect(JSON.parse(rows[0]!.params)).toEqual({ variant: 'returnStatus', value: 'LOST' });
  });
});
