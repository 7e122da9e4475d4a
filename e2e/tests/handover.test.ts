import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, openTrackingForm, signIn, visible } from '../support/browser';
import { createFixture, upsNumber, type Fixture } from '../support/fixtures';

const LAST_MILE = `query($id: ID!) { order(id: $id) { fulfillments { lastMileCarrierCode lastMile { number url } } } }`;
const POST_NUMBER = 'RR123456785DE';

describe('tracking conversion', () => {
  let browser: Browser;
  let fx: Fixture & { prefix: string };
  beforeAll(async () => {
    fx = await createFixture({ orders: [{ suffix: 'HO1', skus: ['SKU-H'] }] });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('an admin defines a handover rule; the shipment then takes the last-mile number and links it', async () => {
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await page.goto('/admin/partners');
    const partner = `Partner ${fx.prefix}`;
    const form = page.getByRole('form', { name: `Add a handover rule for ${partner}` });
    await visible(form);
    await form.getByRole('combobox', { name: 'Carrier of the number' }).selectOption('ups');
    await form.getByRole('textbox', { name: 'Supplier' }).fill('Transatlantic Co');
    await form.getByRole('combobox', { name: 'Handed over to' }).selectOption('deutsche_post');
    await form.getByRole('button', { name: 'Save rule' }).click();
    const card = page.getByRole('article', { name: partner });
    await visible(card.getByRole('status').filter({ hasText: 'Rule saved.' }));
    await visible(card.getByRole('button', { name: 'Delete the rule UPS → Deutsche Post' }));

    const order = fx.orders[0]!;
    await openTrackingForm(page, order.reference, 'SKU-H');
    await page.getByRole('textbox', { name: 'Tracking number' }).fill(upsNumber(61));
    await page.getByRole('textbox', { name: 'Shipping method' }).fill('transatlantic co');
    await page.getByRole('button', { name: 'Save tracking' }).click();
    await visible(page.getByText('Tracking saved.'));
    await visible(page.getByText('Handed over to Deutsche Post: enter its number once it is known.'));

    const lastMile = page.getByRole('textbox', { name: 'Last-mile number' });
    await lastMile.fill('RR123456784DE');
    await page.getByRole('button', { name: 'Save tracking' }).click();
    await visible(
      page.getByText("This tracking number fails its carrier's check digit. Check it for a typo."),
    );
    expect(await lastMile.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe(
      'lastMileTrackingNumber',
    );

    await lastMile.fill('RR 123 456 785 DE');
    await page.getByRole('button', { name: 'Save tracking' }).click();
    await visible(page.getByText('Tracking saved.'));
    const link = page.getByRole('link', { name: POST_NUMBER });
    await visible(link);
    expect(await link.getAttribute('href')).toBe(
      `https://www.deutschepost.de/de/s/sendungsverfolgung.html?piececode=${POST_NUMBER}`,
    );
    await visible(page.getByText('Handed over to Deutsche Post', { exact: true }));
    expect(await lastMile.inputValue()).toBe(POST_NUMBER);

    const { order: saved } = await fx.api.gql<{
      order: { fulfillments: { lastMileCarrierCode: string; lastMile: { number: string } | null }[] };
    }>(LAST_MILE, { id: order.id });
    expect(saved.fulfillments[0]).toMatchObject({
      lastMileCarrierCode: 'deutsche_post',
      lastMile: { number: POST_NUMBER },
    });
    await page.context().close();
  });
});
