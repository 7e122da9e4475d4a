import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { gone, launchBrowser, newPage, signIn, visible } from '../support/browser';
import { createFixture, upsNumber, type Fixture } from '../support/fixtures';

describe('column chooser', () => {
  let browser: Browser;
  let fx: Fixture & { prefix: string };
  const number = upsNumber(3);
  beforeAll(async () => {
    fx = await createFixture({ orders: [{ suffix: 'COL1' }] });
    const f = fx.orders[0].fulfillments[0];
    await fx.api.mutate(
      `mutation($input: UpdateFulfillmentTrackingInput!) {
        updateFulfillmentTracking(input: $input) { fulfillment { id } userErrors { code message } }
      }`,
      { input: { fulfillmentId: f.id, trackingNumber: number, version: f.version } },
      'updateFulfillmentTracking',
    );
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('turning on "Tracking Number" shows links to the carrier and survives a reload', async () => {
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await page.getByRole('searchbox', { name: 'Search orders' }).fill(fx.orders[0].reference);
    await visible(page.getByRole('checkbox', { name: `Select ${fx.orders[0].reference}` }));
    expect(await page.getByRole('columnheader', { name: 'Tracking Number' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Columns' }).click();
    const toggle = page.getByRole('checkbox', { name: 'Tracking Number' });
    expect(await toggle.isChecked()).toBe(false);
    await toggle.check();
    await page.keyboard.press('Escape');
    await gone(page.getByRole('dialog', { name: 'Columns' }));
    expect(
      await page.getByRole('button', { name: 'Columns' }).evaluate((el) => el === document.activeElement),
    ).toBe(true);

    await visible(page.getByRole('columnheader', { name: 'Tracking Number' }));
    const link = page.getByRole('link', { name: number });
    await visible(link);
    expect(await link.getAttribute('href')).toContain(number);
    expect(await link.getAttribute('href')).toMatch(/^https:\/\/www\.ups\.com\//);

    await page.reload();
    await visible(page.getByRole('columnheader', { name: 'Tracking Number' }));
    await visible(page.getByRole('link', { name: number }));
    await page.getByRole('button', { name: 'Columns' }).click();
    expect(await page.getByRole('checkbox', { name: 'Tracking Number' }).isChecked()).toBe(true);
    await page.context().close();
  });

  it('the choice follows the user to another browser', async () => {
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await visible(page.getByRole('columnheader', { name: 'Tracking Number' }));
    const saved = await fx.api.gql<{ gridPreference: { columns: string[] } }>(
      'query { gridPreference(grid: "orders") { columns } }',
    );
    expect(saved.gridPreference.columns).toContain('trackingNumber');
    await page.context().close();
  });
});
