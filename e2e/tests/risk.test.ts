import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { gone, launchBrowser, newPage, signIn, visible } from '../support/browser';
import { createFixture, upsNumber, type Fixture } from '../support/fixtures';

const SHIP = `mutation($input: UpdateFulfillmentTrackingInput!) {
  updateFulfillmentTracking(input: $input) { fulfillment { id } userErrors { code message } }
}`;
const SCAN = `mutation($input: RecordTrackingEventInput!) {
  recordTrackingEvent(input: $input) { userErrors { code message } }
}`;

describe('shipments at risk', () => {
  let browser: Browser;
  let fx: Fixture & { prefix: string };
  beforeAll(async () => {
    fx = await createFixture({
      orders: [
        { suffix: 'HELD', skus: ['SKU-H'] },
        { suffix: 'MOVING', skus: ['SKU-M'] },
      ],
    });
    for (const [i, order] of fx.orders.entries()) {
      const line = order.fulfillments[0];
      await fx.api.mutate(
        SHIP,
        { input: { fulfillmentId: line.id, trackingNumber: upsNumber(60 + i), version: line.version } },
        'updateFulfillmentTracking',
      );
    }
    await fx.api.mutate(
      SCAN,
      {
        input: {
          fulfillmentId: fx.orders[0].fulfillments[0].id,
          status: 'EXCEPTION',
          description: 'Held at customs',
        },
      },
      'recordTrackingEvent',
    );
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the Problems tab shows an order whose line the carrier reports as an exception', async () => {
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await page.goto(`/orders?q=${fx.prefix}`);
    const grid = page.getByRole('table', { name: 'Orders' });
    const [held, moving] = fx.orders.map((o) => o.reference);
    await visible(grid.getByRole('link', { name: moving, exact: true }));

    await page.getByRole('tablist', { name: 'Order views' }).getByRole('tab', { name: 'Problems' }).click();
    await gone(grid.getByRole('link', { name: moving, exact: true }));
    await visible(grid.getByRole('link', { name: held, exact: true }));
    const chips = page.getByRole('list', { name: 'Active filters' });
    await visible(chips.getByText('Risk: At risk (any reason)'));
    expect(new URL(page.url()).searchParams.get('risk')).toBe(
      'NO_FIRST_SCAN,NO_PROGRESS,EXCEPTION,FAILED_ATTEMPT,LATE',
    );
    await page.context().close();
  });

  it('the risk filter on the fulfillments grid narrows to one reason, with its chip', async () => {
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await page.goto(`/fulfillments?q=${fx.prefix}`);
    const grid = page.getByRole('table', { name: 'Fulfillments' });
    await visible(grid.getByText(fx.orders[1].reference));
    await page.getByRole('combobox', { name: 'Risk' }).selectOption({ label: 'Failed delivery attempt' });
    await gone(grid.getByText(fx.orders[0].reference));
    await page.getByRole('combobox', { name: 'Risk' }).selectOption({ label: 'Exception' });
    await visible(grid.getByText(fx.orders[0].reference));
    await gone(grid.getByText(fx.orders[1].reference));
    const chip = page.getByRole('list', { name: 'Active filters' }).getByText('Risk: Exception');
    await visible(chip);
    await page.getByRole('button', { name: 'Remove filter Risk: Exception' }).click();
    await visible(grid.getByText(fx.orders[1].reference));
    await page.context().close();
  });
});
