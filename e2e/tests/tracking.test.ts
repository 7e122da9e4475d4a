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
        { suffix: 'TR3', skus: ['SKU-P'] },
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

  it('refuses text that is no tracking number or a future date, and saves a pasted number without its spaces and dashes', async () => {
    const order = fx.orders[2];
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await openTrackingForm(page, order.reference, 'SKU-P');

    const number = page.getByRole('textbox', { name: 'Tracking number' });
    await number.fill('hello world!!');
    await page.getByRole('button', { name: 'Save tracking' }).click();
    await visible(page.getByText('Not a tracking number. Check what was entered or pasted.'));
    expect(await number.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText("fails its carrier's check digit").count()).toBe(0);

    // Spaced and dashed, as copied from a label.
    const valid = upsNumber(21);
    const pasted = `${valid.slice(0, 2)} ${valid.slice(2, 5)}-${valid.slice(5, 8)} ${valid.slice(8)}`;
    await number.fill('');
    await number.focus();
    await page.keyboard.insertText(pasted);
    await visible(page.getByText('check digit valid'));
    await page.waitForFunction(
      (n) =>
        (document.querySelector('input[type="url"]') as HTMLInputElement | null)?.value.endsWith(`=${n}`),
      valid,
    );
    await page.getByLabel('Shipped date').fill('2030-01-01');
    await page.getByRole('button', { name: 'Save tracking' }).click();
    await visible(page.getByText('The shipped date cannot be in the future.'));
    expect(await fulfillmentStatuses(fx.api, order.id)).toEqual(['HOLD']);

    const today = new Date().toISOString().slice(0, 10);
    await page.getByLabel('Shipped date').fill(today);
    await page.getByRole('button', { name: 'Save tracking' }).click();
    await visible(page.getByText('Tracking saved.'));
    expect(await number.inputValue()).toBe(valid);
    const saved = await fx.api.gql<{
      fulfillment: { status: string; tracking: { number: string; url: string } };
    }>('query($id: ID!) { fulfillment(id: $id) { status tracking { number url } } }', {
      id: order.fulfillments[0].id,
    });
    expect(saved.fulfillment).toEqual({
      status: 'SHIPPED',
      tracking: { number: valid, url: `https://www.ups.com/track?tracknum=${valid}` },
    });
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
