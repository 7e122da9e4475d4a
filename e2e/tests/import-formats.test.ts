import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, signIn, visible } from '../support/browser';
import { createFixture, fulfillmentStatuses, upsNumber, type Fixture } from '../support/fixtures';

describe("another platform's file in the import wizard", () => {
  let browser: Browser;
  let fx: Fixture & { prefix: string };
  beforeAll(async () => {
    fx = await createFixture({ orders: [{ suffix: 'AZ1' }, { suffix: 'AZ2' }, { suffix: 'DH1' }] });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('an Amazon shipping confirmation file is named as such and mapped without a change, "Other" included', async () => {
    const [o1, o2] = fx.orders;
    const tsv = [
      'order-id\torder-item-id\tquantity\tship-date\tcarrier-code\tcarrier-name\ttracking-number\tship-method',
      `${o1.reference}\t05835637773450\t1\t2026-11-07\tUPS\t\t${upsNumber(71)}\tUPS Ground`,
      `${o2.reference}\t\t\t2026-11-07\tOther\tGLS\t63371429851\tBusinessParcel`,
    ].join('\n');

    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await page.getByRole('link', { name: 'Import tracking' }).click();
    await page.getByLabel('CSV file').setInputFiles({
      name: 'ShippingConfirmation.txt',
      mimeType: 'text/tab-separated-values',
      buffer: Buffer.from(tsv, 'utf8'),
    });
    await page.getByRole('button', { name: 'Upload file' }).click();
    await visible(page.getByRole('heading', { name: 'Map columns' }));
    await visible(page.getByRole('status').filter({ hasText: 'Recognised: Amazon shipping confirmation' }));

    const mapped = async (column: string) =>
      page.getByRole('combobox', { name: `Import column “${column}” as` }).inputValue();
    expect(await mapped('order-id')).toBe('orderReference');
    expect(await mapped('order-item-id')).toBe('');
    expect(await mapped('carrier-code')).toBe('carrier');
    expect(await mapped('carrier-name')).toBe('carrierName');
    expect(await mapped('tracking-number')).toBe('trackingNumber');

    await page.getByRole('button', { name: 'Preview import' }).click();
    await visible(page.getByRole('status').filter({ hasText: '2 will change, 0 untouched, 0 errors' }));
    await page.getByRole('button', { name: 'Import tracking data' }).click();
    await visible(page.getByRole('heading', { name: 'Summary' }), 20_000);
    expect(await fulfillmentStatuses(fx.api, o2.id)).toEqual(['SHIPPED']);
  });

  it('a DHL list without a product column gets DHL Paket pre-selected as the carrier, and ships with it', async () => {
    const order = fx.orders[2]!;
    const csv = [
      'Sendungsnummer;Sendungsreferenz;Abrechnungsnummer;Versanddatum;Empfänger Name;PLZ;Ort',
      `00340434161094051238;${order.reference};22222222220101;10.11.2026;Åsa Öberg;10115;Berlin`,
    ].join('\r\n');

    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await page.getByRole('link', { name: 'Import tracking' }).click();
    await page.getByLabel('CSV file').setInputFiles({
      name: 'sendungen.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.getByRole('button', { name: 'Upload file' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'Recognised: DHL shipment list' }));
    const carrier = page.getByLabel('Carrier for rows without one');
    await expect.poll(() => carrier.inputValue()).toBe('DHL Paket');

    await page.getByRole('button', { name: 'Preview import' }).click();
    await visible(page.getByRole('status').filter({ hasText: '1 will change, 0 untouched, 0 errors' }));
    await page.getByRole('button', { name: 'Import tracking data' }).click();
    await visible(page.getByRole('heading', { name: 'Summary' }), 20_000);
    const shipped = await fx.api.gql<{
      order: { fulfillments: { tracking: { carrier: { code: string } } }[] };
    }>('query($id: ID!) { order(id: $id) { fulfillments { tracking { carrier { code } } } } }', {
      id: order.id,
    });
    expect(shipped.order.fulfillments.map((f) => f.tracking.carrier.code)).toEqual(['dhl_paket']);
  });
});
