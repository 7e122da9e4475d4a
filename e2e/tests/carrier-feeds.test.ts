import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, openTrackingForm, signIn, visible } from '../support/browser';
import { createFixture, upsNumber, type Fixture } from '../support/fixtures';

const FIXTURES = path.join(import.meta.dirname, '..', '..', 'server', 'test', 'fixtures', 'carrier-events');
const SECRET = 'e2e-aftership-webhook-secret';

describe('a tracking aggregator webhook on the fulfillment page', () => {
  let browser: Browser;
  let fx: Fixture & { prefix: string };
  beforeAll(async () => {
    fx = await createFixture({ orders: [{ suffix: 'CF1', skus: ['SKU-F'] }] });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('an AfterShip tracking_update shows as carrier scans and in the history', async () => {
    const order = fx.orders[0];
    const number = upsNumber(80);
    await fx.api.mutate(
      `mutation($i: UpdateFulfillmentTrackingInput!) { updateFulfillmentTracking(input: $i) { userErrors { code message } } }`,
      { i: { fulfillmentId: order.fulfillments[0].id, trackingNumber: number } },
      'updateFulfillmentTracking',
    );
    const { carrierFeed } = await fx.api.mutate<{ carrierFeed: { url: string } }>(
      `mutation($i: SetCarrierFeedSecretInput!) { setCarrierFeedSecret(input: $i) { carrierFeed { url } userErrors { code message } } }`,
      { i: { partnerId: fx.partnerId, provider: 'AFTERSHIP', secret: SECRET } },
      'setCarrierFeedSecret',
    );
    const body = fs
      .readFileSync(path.join(FIXTURES, 'aftership-tracking-update.json'), 'utf8')
      .replaceAll('{{TRACKING_NUMBER}}', number);
    const res = await fetch(new URL(new URL(carrierFeed.url).pathname, fx.baseURL), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'aftership-hmac-sha256': createHmac('sha256', SECRET).update(body).digest('base64'),
      },
      body,
    });
    expect(res.status).toBe(200);

    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await openTrackingForm(page, order.reference, 'SKU-F');
    await visible(page.getByRole('heading', { name: 'Carrier scans' }));
    const scans = page.getByRole('list', { name: 'Carrier scans' }).getByRole('listitem');
    await visible(scans.first());
    expect(await scans.count()).toBe(3);
    const newest = scans.first();
    expect(await newest.textContent()).toContain('Out for delivery');
    expect(await newest.textContent()).toContain('Columbus, OH, US');
    expect(await newest.textContent()).toContain('Out For Delivery Today');
    expect(await newest.textContent()).toContain('reported by AfterShip');
    expect(await scans.last().textContent()).toContain('Information received');
    await visible(page.getByRole('list', { name: 'History' }).getByText('Carrier: Out for delivery'));
    await page.context().close();
  });
});
