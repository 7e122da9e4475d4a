import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, signIn, visible } from '../support/browser';
import {
  createFixture,
  fulfillmentStatuses,
  upsNumber,
  UPS_WRONG_CHECK_DIGIT,
  type Fixture,
} from '../support/fixtures';

/** The export's columns, in order (docs/contract.md). */
const EXPORT_HEADER =
  'Order Reference,Client Fulfillment ID,Fulfillment ID,Customer Name,Customer Email,SKU,Product,Quantity,Status,Shipped Date,Tracking Carrier,Tracking Number,Tracking URL,Shipping Method,RMA Number,Placed At';

const csvFile = (name: string, text: string) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(text, 'utf8'),
});

async function readDownload(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8').replace(/^\uFEFF/, '') };
}

describe('CSV import wizard and export', () => {
  let browser: Browser;
  let fx: Fixture & { prefix: string };
  beforeAll(async () => {
    fx = await createFixture({
      orders: [
        { suffix: 'IM1' },
        { suffix: 'IM2', skus: ['LAMP-1', 'LAMP-2'] },
        { suffix: 'IM3' },
        { suffix: 'RT1' },
        { suffix: 'DE1', skus: ['ZELT-2', 'KOCHER-1'], customer: 'Jürgen Müller' },
        { suffix: 'QT1' },
        { suffix: 'QT2' },
        { suffix: 'QT3' },
      ],
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('imports tracking from a file: suggested mapping, preview with the bad row named, apply, summary, orders shipped', async () => {
    const [o1, o2, o3] = fx.orders;
    const good1 = upsNumber(61);
    const good2 = upsNumber(62);
    const csv = [
      'Order ID,Tracking Number,Tracking Carrier,Shipped Date,Notes',
      `${o1.reference},${good1},UPS,11/02/2026,first`,
      `${o2.reference},${good2},ups ground,11/03/2026,"two lines, one row"`,
      `${o3.reference},${UPS_WRONG_CHECK_DIGIT},UPS,11/03/2026,`,
    ].join('\r\n');

    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await page.getByRole('link', { name: 'Import tracking' }).click();
    await visible(page.getByRole('heading', { name: 'Import tracking', level: 1 }));
    await visible(page.getByRole('heading', { name: 'Choose file' }));

    await page.getByLabel('CSV file').setInputFiles(csvFile('tracking.csv', csv));
    await page.getByRole('button', { name: 'Upload file' }).click();
    await visible(page.getByRole('heading', { name: 'Map columns' }));

    const mapped = async (column: string) =>
      page.getByRole('combobox', { name: `Import column “${column}” as` }).inputValue();
    expect(await mapped('Order ID')).toBe('orderReference');
    expect(await mapped('Tracking Number')).toBe('trackingNumber');
    expect(await mapped('Tracking Carrier')).toBe('carrier');
    expect(await mapped('Shipped Date')).toBe('shippedOn');
    expect(await mapped('Notes')).toBe('');
    // The first rows of the file are shown under their columns.
    await visible(page.getByRole('cell', { name: good1 }));
    await visible(page.getByRole('group', { name: 'Dates with a slash or a dash' }));

    // Unmapping the required column is caught before the server is asked.
    await page.getByRole('combobox', { name: 'Import column “Tracking Number” as' }).selectOption('');
    await page.getByRole('button', { name: 'Preview import' }).click();
    await visible(page.getByRole('alert').filter({ hasText: 'Map a column to “Tracking number”' }));
    await page
      .getByRole('combobox', { name: 'Import column “Tracking Number” as' })
      .selectOption('trackingNumber');

    // 11/02/2026 reads two ways and no row settles it: the wizard asks, with the file's dates, and never guesses.
    await page.getByRole('button', { name: 'Preview import' }).click();
    const question = page.getByRole('group', {
      name: /Dates like 11\/02\/2026, 11\/03\/2026 can be read two ways/,
    });
    await visible(question);
    await page.getByRole('button', { name: 'Preview import' }).click();
    await visible(
      page.getByRole('alert').filter({ hasText: 'Choose whether the day or the month comes first.' }),
    );
    expect(await fulfillmentStatuses(fx.api, o1.id)).toEqual(['HOLD']);
    await visible(question.getByRole('radio', { name: 'Day first: 11/02/2026 is February 11, 2026' }));
    await question.getByRole('radio', { name: 'Month first: 11/02/2026 is November 2, 2026' }).check();
    await page.getByRole('button', { name: 'Preview import' }).click();
    await visible(page.getByRole('heading', { name: 'Preview' }));
    await visible(page.getByRole('status').filter({ hasText: '2 will change, 0 untouched, 1 error' }));
    const errorRow = page.getByRole('row').filter({ hasText: o3.reference });
    await visible(errorRow.filter({ hasText: 'INVALID_TRACKING_NUMBER' }));
    await visible(errorRow.filter({ hasText: `${UPS_WRONG_CHECK_DIGIT} fails the UPS check digit` }));
    expect(await fulfillmentStatuses(fx.api, o1.id)).toEqual(['HOLD']);

    // The error table downloads as CSV, with the file's own columns after the verdict.
    const errors = await readDownload(page, () =>
      page.getByRole('button', { name: 'Download as CSV' }).click(),
    );
    expect(errors.name).toBe('tracking-error.csv');
    const lines = errors.text.trim().split(/\r\n/);
    expect(lines[0]).toBe(
      'Line,Result,Column,Code,Message,Order ID,Tracking Number,Tracking Carrier,Shipped Date,Notes',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(
      `4,Error,Tracking Number (Tracking number),INVALID_TRACKING_NUMBER,${UPS_WRONG_CHECK_DIGIT} fails the UPS check digit,${o3.reference}`,
    );

    // Every row, filtered by outcome.
    await page.getByRole('combobox', { name: 'Show' }).selectOption('CHANGE');
    await visible(page.getByRole('row').filter({ hasText: o2.reference }));
    expect(await page.getByRole('row').filter({ hasText: o3.reference }).count()).toBe(0);

    await page.getByRole('button', { name: 'Import tracking data' }).click();
    await visible(page.getByRole('heading', { name: 'Summary' }), 20_000);
    await visible(page.getByRole('status').filter({ hasText: '2 rows changed, 0 untouched, 1 error' }));
    await visible(page.getByRole('link', { name: `${o1.reference} · SKU-A` }));
    await visible(page.getByRole('link', { name: `${o2.reference} · LAMP-1` }));
    await visible(page.getByRole('link', { name: `${o2.reference} · LAMP-2` }));

    expect(await fulfillmentStatuses(fx.api, o1.id)).toEqual(['SHIPPED']);
    expect(await fulfillmentStatuses(fx.api, o2.id)).toEqual(['SHIPPED', 'SHIPPED']);
    expect(await fulfillmentStatuses(fx.api, o3.id)).toEqual(['HOLD']);

    // The grid shows the new tracking.
    await page.getByRole('link', { name: `${o1.reference} · SKU-A` }).click();
    await visible(page.getByRole('heading', { name: `Order ${o1.reference}` }));
    await visible(page.getByText(good1).first());

    await page.goBack();
    await page.getByRole('link', { name: 'Upload a corrected file' }).click();
    await visible(page.getByRole('heading', { name: 'Choose file' }));
    await visible(page.getByRole('heading', { name: 'Import tracking', level: 1 }));
    expect(new URL(page.url()).search).toBe('?kind=tracking');
    await page.context().close();
  });

  it('shows why a file cannot be read, at the file step', async () => {
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await page.goto('/import/new?kind=tracking');
    await page.getByLabel('CSV file').setInputFiles(csvFile('empty.csv', '   \n'));
    await page.getByRole('button', { name: 'Upload file' }).click();
    await visible(page.getByRole('alert').filter({ hasText: 'The file is empty' }));
    await visible(page.getByRole('heading', { name: 'Choose file' }));
    await page.context().close();
  });

  it('uploads returns: the order is returned with its RMA number', async () => {
    const order = fx.orders[3];
    await fx.api.mutate(
      `mutation($input: UpdateFulfillmentTrackingInput!) {
        updateFulfillmentTracking(input: $input) { fulfillment { id } userErrors { code message } }
      }`,
      { input: { fulfillmentId: order.fulfillments[0].id, trackingNumber: upsNumber(63) } },
      'updateFulfillmentTracking',
    );
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await page.goto('/fulfillments');
    await page.getByRole('link', { name: 'Upload returns' }).click();
    await visible(page.getByRole('heading', { name: 'Upload returns', level: 1 }));
    await page
      .getByLabel('CSV file')
      .setInputFiles(
        csvFile('returns.csv', `orderId,status,rmaNumber\n${order.reference},RETURNED,RMA-${fx.prefix}\n`),
      );
    await page.getByRole('button', { name: 'Upload file' }).click();
    expect(await page.getByRole('combobox', { name: 'Import column “status” as' }).inputValue()).toBe(
      'status',
    );
    expect(await page.getByRole('group', { name: 'Dates with a slash or a dash' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Preview import' }).click();
    await visible(page.getByRole('status').filter({ hasText: '1 will change, 0 untouched, 0 errors' }));
    await page.getByRole('button', { name: 'Import returns' }).click();
    await visible(page.getByRole('status').filter({ hasText: '1 row changed' }), 20_000);
    expect(await fulfillmentStatuses(fx.api, order.id)).toEqual(['RETURNED']);
    await page.context().close();
  });

  it('a downloaded list with 2 rows filled in comes back quiet: 2 will change, the rest untouched, no errors', async () => {
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await page.goto(`/fulfillments?q=${fx.prefix}-QT`);
    await visible(page.getByRole('heading', { name: 'Product Fulfillment' }));
    const csv = await readDownload(page, () => page.getByRole('button', { name: 'Export CSV' }).click());
    const [header, ...lines] = csv.text.trim().split(/\r\n/);
    expect(lines).toHaveLength(3);
    const numberAt = header!.split(',').indexOf('Tracking Number');
    const filled = [upsNumber(64), upsNumber(65)];
    const edited = lines.map((l, i) => {
      const cells = l.split(',');
      if (i < 2) cells[numberAt] = filled[i]!;
      return cells.join(',');
    });

    await page.goto('/import/new?kind=tracking');
    await page.getByLabel('CSV file').setInputFiles(csvFile('list.csv', [header, ...edited].join('\r\n')));
    await page.getByRole('button', { name: 'Upload file' }).click();
    await visible(page.getByRole('heading', { name: 'Map columns' }));
    await page.getByRole('button', { name: 'Preview import' }).click();
    await visible(page.getByRole('heading', { name: 'Preview' }));
    await visible(page.getByRole('status').filter({ hasText: '2 will change, 1 untouched, 0 errors' }));
    await page.getByRole('combobox', { name: 'Show' }).selectOption('UNCHANGED');
    await visible(page.getByRole('row').filter({ hasText: 'No tracking number: left as it is' }));
    await page.context().close();
  });

  it('exports exactly the filtered fulfillments as CSV with the spec columns', async () => {
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await page.goto(`/fulfillments?q=${fx.prefix}-IM2`);
    await visible(page.getByRole('heading', { name: 'Product Fulfillment' }));
    const csv = await readDownload(page, () => page.getByRole('button', { name: 'Export CSV' }).click());
    expect(csv.name).toMatch(/^fulfillments-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.text.trim().split(/\r\n/);
    expect(lines[0]).toBe(EXPORT_HEADER);
    expect(lines.slice(1).map((l) => l.split(',')[5])).toEqual(['LAMP-1', 'LAMP-2']);
    expect(lines.slice(1).every((l) => l.startsWith(`${fx.prefix}-IM2,`))).toBe(true);

    // Find Orders exports with its filter too: the whole prefix, on hold only.
    await page.goto(`/orders?q=${fx.prefix}&fstatus=HOLD`);
    await visible(page.getByRole('heading', { name: 'Find Orders' }));
    const held = await readDownload(page, () => page.getByRole('button', { name: 'Export CSV' }).click());
    const rows = held.text.trim().split(/\r\n/).slice(1);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((l) => l.startsWith(`${fx.prefix}-`) && l.includes(',HOLD,'))).toBe(true);
    await page.context().close();
  });

  it('from the German UI exports for German Excel (BOM, German headers, semicolons, DD.MM.YYYY), and that file imports as it is', async () => {
    const order = fx.orders[4];
    for (const [i, line] of order.fulfillments.entries())
      await fx.api.mutate(
        `mutation($input: UpdateFulfillmentTrackingInput!) {
          updateFulfillmentTracking(input: $input) { fulfillment { id } userErrors { code message } }
        }`,
        {
          input: {
            fulfillmentId: line.id,
            trackingNumber: upsNumber(40 + i),
            shippingMethod: 'Paket; versichert',
          },
        },
        'updateFulfillmentTracking',
      );
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await page.goto(`/fulfillments?q=${order.reference}`);
    await visible(page.getByRole('heading', { name: 'Produkt-Fulfillment' }));
    const format = page.getByRole('combobox', { name: 'Exportformat' });
    expect(await format.inputValue()).toBe('excel-de');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'CSV exportieren' }).click(),
    ]);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toMatch(/^Bestellnummer;Kunden-Fulfillment-ID;Fulfillment-ID;Kundenname;/);
    expect(lines).toHaveLength(3);
    expect(
      lines
        .slice(1)
        .every((l) => /;Jürgen Müller;.*;SHIPPED;\d{2}\.\d{2}\.\d{4};UPS;.*;"Paket; versichert";/.test(l)),
    ).toBe(true);

    // Straight back in: German headers recognised, semicolons and dates read, nothing to change, no errors.
    await page.goto('/import/new?kind=tracking');
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: download.suggestedFilename(), mimeType: 'text/csv', buffer: bytes });
    await page.locator('form button[type=submit]').click();
    await visible(page.locator('table.mapping'));
    await page.locator('form button[type=submit]').click();
    await visible(
      page
        .locator('.preview-counts')
        .filter({ hasText: `0 werden geändert, ${lines.length - 1} bleiben unberührt, 0 Fehler` }),
    );

    // The plain format is one choice away.
    await page.goto(`/fulfillments?q=${order.reference}`);
    await page.getByRole('combobox', { name: 'Exportformat' }).selectOption('csv');
    const plain = await readDownload(page, () =>
      page.getByRole('button', { name: 'CSV exportieren' }).click(),
    );
    expect(plain.text.split('\r\n')[0]).toBe(EXPORT_HEADER);
    await page.context().close();
  });
});
