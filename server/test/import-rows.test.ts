import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSheetDate } from '../src/imports/dates.js';
import {
  createOrder,
  createPartner,
  signIn,
  startTestApp,
  upsNumber,
  type Client,
  type TestApp,
} from './harness.js';

/** What an import row means: dates, the file's carrier, repeated rows, returns per line, the quiet round trip. */
let app: TestApp;
let admin: Client;
let partner: { id: string; client: Client; secret: string };

const JOB = `id changeCount unchangedCount errorCount dateFormat defaultCarrier verdictCounts { outcome code count }
  rows(first: 100) { line outcome code message field params }`;
const PREVIEW = `mutation($i: PreviewImportInput!) { previewImport(input: $i) { importJob { ${JOB} } userErrors { field code message params } } }`;
const APPLY = `mutation($i: ApplyImportInput!) { applyImport(input: $i) { importJob { changeCount appliedCount } userErrors { code message } } }`;
const FULFILLMENT = `query($id: ID!) { fulfillment(id: $id) { status shippedOn rmaNumber tracking { number carrier { code } } } }`;
const SHIP = `mutation($i: UpdateFulfillmentTrackingInput!) { updateFulfillmentTracking(input: $i) { userErrors { code message } } }`;

let upsSeq = 0;
const nextUps = () => upsNumber(++upsSeq);

async function upload(csv: string, kind = 'tracking') {
  const res = await fetch(`${app.url}/imports?kind=${kind}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${partner.secret}`, 'content-type': 'text/csv' },
    body: csv,
  });
  const body = (await res.json()) as any;
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body.importId as string;
}
const preview = async (importId: string, extra: Record<string, unknown> = {}) =>
  (await partner.client.gql(PREVIEW, { i: { importId, ...extra } })).previewImport;
async function apply(importId: string) {
  const { applyImport } = await partner.client.gql(APPLY, { i: { importId } });
  expect(applyImport.userErrors).toEqual([]);
  return applyImport.importJob;
}
const state = async (id: string) => (await partner.client.gql(FULFILLMENT, { id })).fulfillment;
const rowsOf = (job: any) => job.rows.map((r: any) => [r.line, r.outcome, r.code]);
const countOf = (job: any, code: string) => job.verdictCounts.find((c: any) => c.code === code)?.count ?? 0;

async function order(lines = 1) {
  return createOrder(partner.client, {
    fulfillments: Array.from({ length: lines }, (_, i) => ({
      sku: `SKU-${i + 1}`,
      productName: 'P',
      quantity: 1,
    })),
  });
}
async function ship(fulfillmentId: string, trackingNumber = nextUps()) {
  const r = await partner.client.gql(SHIP, { i: { fulfillmentId, trackingNumber } });
  expect(r.updateFulfillmentTracking.userErrors).toEqual([]);
  return trackingNumber;
}
async function exportCsv(query = '') {
  const res = await fetch(`${app.url}/exports/fulfillments.csv?${query}`, {
    headers: { authorization: `Bearer ${partner.secret}` },
  });
  return (await res.text()).replace(/^\uFEFF/, '');
}

beforeAll(async () => {
  app = await startTestApp();
  admin = await signIn(app);
  partner = await createPartner(admin, app, 'Rows Partner');
});
afterAll(async () => {
  await app?.stop();
});

describe('shipped dates', () => {
  it('reads the formats files write, day and month as the order says', () => {
    const cases: [string, 'MM/DD/YYYY' | 'DD.MM.YYYY', string | null][] = [
      ['11-06-2026', 'MM/DD/YYYY', '2026-11-06'],
      ['06-11-2026', 'DD.MM.YYYY', '2026-11-06'],
      ['06/11/2026', 'DD.MM.YYYY', '2026-11-06'],
      ['06.11.2026', 'MM/DD/YYYY', '2026-11-06'],
      ['2026-11-06 09:14:27 -0500', 'MM/DD/YYYY', '2026-11-06'],
      ['2026-11-06T09:14:27+01:00', 'MM/DD/YYYY', '2026-11-06'],
      ['2026-11-06T23:14:27Z', 'MM/DD/YYYY', '2026-11-06'],
      ['2026-11-06T17:14:27.000Z', 'MM/DD/YYYY', '2026-11-06'],
      ['Sun, 08 Nov 2026 14:21:24 +0000', 'DD.MM.YYYY', '2026-11-08'],
      ['Sun, 08 Nov 2026 23:21:24 -0500', 'MM/DD/YYYY', '2026-11-08'],
      ['8 Nov 2026', 'MM/DD/YYYY', '2026-11-08'],
      ['Mon, 31 Feb 2026 10:00:00 +0000', 'MM/DD/YYYY', null],
      ['Sun, 08 Noz 2026 14:21:24 +0000', 'MM/DD/YYYY', null],
      ['1762387200', 'MM/DD/YYYY', '2025-11-06'],
      ['1762387200000', 'MM/DD/YYYY', '2025-11-06'],
      ['20261106', 'MM/DD/YYYY', '2026-11-06'],
      ['20261306', 'MM/DD/YYYY', null],
      ['13/04/2026', 'MM/DD/YYYY', null],
      ['31-02-2026', 'DD.MM.YYYY', null],
    ];
    for (const [raw, format, want] of cases) expect([raw, parseSheetDate(raw, format)]).toEqual([raw, want]);
  });

  it("a file's unambiguous row settles its ambiguous ones: 13/04/2026 means day first", async () => {
    const [a, b] = [await order(), await order()];
    const id = await upload(
      `orderId,trackingNumber,shippedOn\n${a.reference},${nextUps()},03/04/2026\n${b.reference},${nextUps()},13/04/2026\n`,
    );
    const p = await preview(id);
    expect(p.userErrors).toEqual([]);
    expect(p.importJob.changeCount).toBe(2);
    await apply(id);
    expect((await state(a.fulfillments[0].id)).shippedOn).toBe('2026-04-03');
    expect((await state(b.fulfillments[0].id)).shippedOn).toBe('2026-04-13');
  });

  it('dates that read two ways are a question, never a guess; the answer decides them', async () => {
    const a = await order();
    const id = await upload(`orderId,trackingNumber,Ship Date\n${a.reference},${nextUps()},03/04/2026\n`);
    const asked = await preview(id);
    expect(asked.importJob).toBeNull();
    expect(asked.userErrors).toMatchObject([{ code: 'REQUIRED', field: ['input', 'dateFormat'] }]);
    expect(JSON.parse(asked.userErrors[0].params)).toEqual({
      variant: 'dateFormatAmbiguous',
      examples: '03/04/2026',
      column: 'Ship Date',
    });
    expect(await state(a.fulfillments[0].id)).toMatchObject({ status: 'HOLD', shippedOn: null });

    const p = await preview(id, { dateFormat: 'MM/DD/YYYY' });
    expect(p.userErrors).toEqual([]);
    expect(p.importJob.dateFormat).toBe('MM/DD/YYYY');
    await apply(id);
    expect((await state(a.fulfillments[0].id)).shippedOn).toBe('2026-03-04');
  });

  it('a shipped date more than a day ahead is refused per row, in imports and in bulk mark-shipped', async () => {
    const [a, b] = [await order(), await order()];
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const id = await upload(
      `orderId,trackingNumber,shippedOn\n${a.reference},${nextUps()},${future}\n${b.reference},${nextUps()},2026-11-02\n`,
    );
    const p = await preview(id);
    expect(rowsOf(p.importJob)).toEqual([
      [2, 'ERROR', 'INVALID_DATE'],
      [3, 'CHANGE', null],
    ]);
    expect(p.importJob.rows[0].message).toBe(`The shipped date is in the future (${future})`);
    expect(JSON.parse(p.importJob.rows[0].params)).toEqual({ variant: 'shippedInFutureOn', date: future });

    const bulk = await admin.gql(
      `mutation($i: MarkFulfillmentsShippedInput!) { markFulfillmentsShipped(input: $i) { changedCount userErrors { field code message } } }`,
      { i: { ids: [a.fulfillments[0].id], shippedOn: future } },
    );
    expect(bulk.markFulfillmentsShipped.userErrors).toMatchObject([
      { code: 'INVALID_DATE', field: ['input', 'shippedOn'] },
    ]);
    expect((await state(a.fulfillments[0].id)).status).toBe('HOLD');
  });
});

describe('one carrier for the whole file', () => {
  it("a carrier's own file without a carrier column takes the mapping's carrier; a row's own carrier cell wins", async () => {
    const [a, b] = [await order(), await order()];
    // No carrier's format claims these numbers, so without a carrier they are UNKNOWN_CARRIER.
    const id = await upload(
      `Reference,Tracking Number,Carrier\n${a.reference},QX7781234KK0,\n${b.reference},PARCEL4471X2,GLS\n`,
    );
    const without = await preview(id, { dateFormat: 'MM/DD/YYYY' });
    expect(rowsOf(without.importJob)[0]).toEqual([2, 'ERROR', 'UNKNOWN_CARRIER']);
    const unknown = await preview(id, { defaultCarrier: 'Pigeon Post' });
    expect(unknown.userErrors).toMatchObject([{ code: 'NOT_FOUND', field: ['input', 'defaultCarrier'] }]);

    const p = await preview(id, { defaultCarrier: 'dpd' });
    expect(p.userErrors).toEqual([]);
    expect(p.importJob.defaultCarrier).toBe('DPD');
    expect(rowsOf(p.importJob)).toEqual([
      [2, 'CHANGE', null],
      [3, 'CHANGE', null],
    ]);
    await apply(id);
    expect((await state(a.fulfillments[0].id)).tracking.carrier.code).toBe('dpd');
    expect((await state(b.fulfillments[0].id)).tracking.carrier.code).toBe('gls');
  });
});

describe('repeated rows', () => {
  it('the last row for a line wins and voided labels are skipped, each its own verdict with a count', async () => {
    const [a, b, c] = [await order(), await order(), await order()];
    const [first, last, voided] = [nextUps(), nextUps(), nextUps()];
    const id = await upload(
      [
        'orderId,trackingNumber,Voided',
        `${a.reference},${first},N`,
        `${b.reference},${nextUps()},`,
        `${a.reference},${last},N`,
        `${c.reference},${voided},Y`,
      ].join('\n'),
    );
    const p = await preview(id);
    expect(rowsOf(p.importJob)).toEqual([
      [2, 'UNCHANGED', 'SUPERSEDED'],
      [3, 'CHANGE', null],
      [4, 'CHANGE', null],
      [5, 'UNCHANGED', 'VOIDED'],
    ]);
    expect(p.importJob.rows[0].message).toBe(
      'Line 4 is a later row for the same fulfillment, and the last row for a line wins',
    );
    expect(JSON.parse(p.importJob.rows[0].params)).toEqual({ line: 4 });
    expect([p.importJob.changeCount, p.importJob.unchangedCount, p.importJob.errorCount]).toEqual([2, 2, 0]);
    expect([countOf(p.importJob, 'SUPERSEDED'), countOf(p.importJob, 'VOIDED')]).toEqual([1, 1]);
    expect((await apply(id)).appliedCount).toBe(2);
    expect((await state(a.fulfillments[0].id)).tracking.number).toBe(last);
    expect((await state(c.fulfillments[0].id)).status).toBe('HOLD');
  });

  it('a later row that only repeats what is stored still wins over an earlier change', async () => {
    const a = await order();
    const stored = await ship(a.fulfillments[0].id);
    const id = await upload(
      `orderId,trackingNumber\n${a.reference},${nextUps()}\n${a.reference},${stored}\n`,
    );
    const p = await preview(id);
    expect(rowsOf(p.importJob)).toEqual([
      [2, 'UNCHANGED', 'SUPERSEDED'],
      [3, 'UNCHANGED', null],
    ]);
    expect(p.importJob.changeCount).toBe(0);
  });
});

describe('returns per line', () => {
  it('an edited export with RETURNED on one row of a two-line order returns only that line, with its RMA', async () => {
    const o = await order(2);
    await ship(o.fulfillments[0].id);
    await ship(o.fulfillments[1].id);
    const csv = await exportCsv(`search=${encodeURIComponent(o.reference)}`);
    const [header, ...lines] = csv.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    const cols = header!.split(',');
    const edited = lines.map((l, i) => {
      const cells = l.split(',');
      if (i === 0) {
        cells[cols.indexOf('Status')] = 'RETURNED';
        cells[cols.indexOf('RMA Number')] = 'RMA-1';
      }
      return cells.join(',');
    });
    const id = await upload([header, ...edited].join('\r\n'), 'returns');
    const p = await preview(id);
    expect(p.userErrors).toEqual([]);
    expect(rowsOf(p.importJob)).toEqual([
      [2, 'CHANGE', null],
      [3, 'UNCHANGED', 'NOT_A_RETURN'],
    ]);
    await apply(id);
    expect(await state(o.fulfillments[0].id)).toMatchObject({ status: 'RETURNED', rmaNumber: 'RMA-1' });
    expect(await state(o.fulfillments[1].id)).toMatchObject({ status: 'SHIPPED', rmaNumber: null });
  });

  it('order reference + SKU names one line of a returns file', async () => {
    const o = await order(2);
    await ship(o.fulfillments[0].id);
    await ship(o.fulfillments[1].id);
    const id = await upload(`orderId,sku,status\n${o.reference},SKU-2,CANCELLED\n`, 'returns');
    expect((await preview(id)).importJob.changeCount).toBe(1);
    await apply(id);
    expect((await state(o.fulfillments[0].id)).status).toBe('SHIPPED');
    expect((await state(o.fulfillments[1].id)).status).toBe('CANCELLED');
  });
});

describe('the distribution-list round trip is quiet', () => {
  it('a downloaded list with 2 rows filled in previews as 2 will change, the rest untouched, no errors', async () => {
    const mine = await createPartner(admin, app, 'Round Trip Partner');
    const own = partner;
    partner = mine;
    try {
      const fresh = await Promise.all(Array.from({ length: 4 }, () => order(2)));
      await ship(fresh[0].fulfillments[0].id); // a shipped line: its tracking comes back unchanged
      const csv = await exportCsv();
      const [header, ...lines] = csv.trim().split('\r\n');
      expect(lines).toHaveLength(8);
      const unchanged = await preview(await upload(csv), { dateFormat: 'MM/DD/YYYY' });
      expect([
        unchanged.importJob.changeCount,
        unchanged.importJob.unchangedCount,
        unchanged.importJob.errorCount,
      ]).toEqual([0, 8, 0]);

      const cols = header!.split(',');
      let filled = 0;
      const edited = lines.map((l) => {
        const cells = l.split(',');
        if (filled < 2 && cells[cols.indexOf('Status')] === 'HOLD') {
          cells[cols.indexOf('Tracking Number')] = nextUps();
          filled++;
        }
        return cells.join(',');
      });
      const p = await preview(await upload([header, ...edited].join('\r\n')), { dateFormat: 'MM/DD/YYYY' });
      expect([p.importJob.changeCount, p.importJob.unchangedCount, p.importJob.errorCount]).toEqual([
        2, 6, 0,
      ]);

      const returns = await preview(await upload(csv, 'returns'));
      expect([returns.importJob.changeCount, returns.importJob.errorCount]).toEqual([0, 0]);
      expect(countOf(returns.importJob, 'NOT_A_RETURN')).toBe(8);
    } finally {
      partner = own;
    }
  });
});
