import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, openTrackingForm, signIn, visible } from '../support/browser';
import {
  createFixture,
  fulfillmentStatuses,
  upsNumber,
  UPS_WRONG_CHECK_DIGIT,
  type Fixture,
} from '../support/fixtures';

describe('update tracking of one fulfillment', () => {
  let browser: Browser;
  let fx: Fixture & { prefix: string };
  beforeAll(async () => {
    fx = await createFixture({
      orders: [
        { suffix: 'TR1', skus: ['SKU-T'] },
        { suffix: 'TR2', skus: ['SKU-C'] },
      ],
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('flags a wrong check digit while typing, refuses it on save, and accepts a valid number', async () => {
    const order = fx.orders[0];
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await openTrackingForm(page, order.reference, 'SKU-T');

    const number = page.getByRole('textbox', { name: 'Tracking number' });
    await number.fill(UPS_WRONG_CHECK_DIGIT);
    await visible(page.getByText('check digit invalid'));
    await visible(page.getByText('Detected carrier: UPS'));
    await page.getByRole('button', { name: 'Save tracking' }).click();
    await visible(page.getByText("This tracking number fails its carrier's check digit"));
    expect(await number.getAttribute('aria-invalid')).toBe('true');
    expect(await fulfillmentStatuses(fx.api, order.id)).toEqual(['HOLD']);

    const valid = upsNumber(7);
    await number.fill(valid);
    await visible(page.getByText('check digit valid'));
    await page.waitForFunction(
      (n) => (document.querySelector('input[type="url"]') as HTMLInputElement | null)?.value.includes(n),
      valid,
    );
    await page.getByRole('button', { name: 'Save tracking' }).click();
    await visible(page.getByText('Tracking saved.'));
    expect(await fulfillmentStatuses(fx.api, order.id)).toEqual(['SHIPPED']);
    await visible(page.getByRole('link', { name: valid }));
    await page.context().close();
  });

  it('tells the user when someone else changed the fulfillment, and reloads it on request', async () => {
    const order = fx.orders[1];
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await openTrackingForm(page, order.reference, 'SKU-C');

    const f = order.fulfillments[0];
    const theirs = upsNumber(11);
    await fx.api.mutate(
      `mutation($input: UpdateFulfillmentTrackingInput!) {
        updateFulfillmentTracking(input: $input) { fulfillment { id } userErrors { code message } }
      }`,
      { input: { fulfillmentId: f.id, trackingNumber: theirs, version: f.version } },
      'updateFulfillmentTracking',
    );

    await page.getByRole('textbox', { name: 'Tracking number' }).fill(upsNumber(12));
    await page.getByRole('button', { name: 'Save tracking' }).click();
    await visible(page.getByRole('alert').filter({ hasText: 'Someone else changed this fulfillment' }));
    await page.getByRole('button', { name: 'Reload' }).click();
    await page.waitForFunction(
      (n) => (document.querySelector('input[name="trackingNumber"]') as HTMLInputElement | null)?.value === n,
      theirs,
    );
    await page.context().close();
  });
});
