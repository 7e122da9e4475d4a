import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, signIn, visible } from '../support/browser';
import { createFixture, upsNumber, UPS_WRONG_CHECK_DIGIT, type Fixture } from '../support/fixtures';

const OUT = process.env.SCREENS_DIR ?? '/tmp/screens';

describe('screenshots of every screen', () => {
  let browser: Browser;
  let fx: Fixture & { prefix: string };
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    fx = await createFixture({
      orders: [
        { suffix: '1001', skus: ['TENT-2P', 'STOVE-1'], customer: 'Grace Hopper' },
        { suffix: '1002', customer: 'Jörg Bäcker' },
        { suffix: '1003', skus: ['SHOE-42'], customer: 'Ada Lovelace' },
        { suffix: '1004', customer: 'Alan Turing' },
        { suffix: '1005', skus: ['POLE-2', 'GEL-12'], customer: 'Barbara Liskov' },
        { suffix: '1006', customer: 'Edsger Dijkstra' },
        { suffix: '1007', skus: ['LAMP-1', 'LAMP-2'], customer: 'Frances Allen' },
        { suffix: '1008', customer: 'Jürgen Müller' },
        { suffix: '1009', skus: ['LAMP-1', 'LAMP-2'], customer: 'Renée Weiß' },
        { suffix: '1010', skus: ['MAP-CA'], customer: 'Marie Curie' },
      ],
    });
    const up = `mutation($input: UpdateFulfillmentTrackingInput!) {
      updateFulfillmentTracking(input: $input) { fulfillment { id } userErrors { code message } }
    }`;
    const [o1, , o3, , o5] = fx.orders;
    await fx.api.mutate(
      up,
      {
        input: {
          fulfillmentId: o1.fulfillments[0].id,
          trackingNumber: upsNumber(20),
          shippingMethod: 'Ground',
        },
      },
      'updateFulfillmentTracking',
    );
    await fx.api.mutate(
      up,
      {
        input: {
          fulfillmentId: o3.fulfillments[0].id,
          trackingNumber: upsNumber(21),
          shippingMethod: 'Express',
        },
      },
      'updateFulfillmentTracking',
    );
    await fx.api.mutate(
      up,
      { input: { fulfillmentId: o5.fulfillments[0].id, trackingNumber: upsNumber(22) } },
      'updateFulfillmentTracking',
    );
    await fx.api.gql(
      'mutation($input: MarkFulfillmentsNotShippingInput!) { markFulfillmentsNotShipping(input: $input) { changedCount } }',
      { input: { ids: [o5.fulfillments[1].id], reason: 'Out of stock' } },
    );
    await fx.api.mutate(
      'mutation($input: SetGridPreferenceInput!) { setGridPreference(input: $input) { preference { grid } userErrors { code message } } }',
      {
        input: {
          grid: 'orders',
          columns: [
            'order',
            'customer',
            'status',
            'placed',
            'shippedDate',
            'carrier',
            'trackingNumber',
            'fulfillmentStatus',
          ],
        },
      },
      'setGridPreference',
    );
    // Carrier statuses and quirks, a webhook that cannot be reached, an inbound email waiting for review.
    const event = `mutation($input: RecordTrackingEventInput!) { recordTrackingEvent(input: $input) { fulfillments { id } userErrors { code message } } }`;
    const o10 = fx.orders[9];
    await fx.api.mutate(
      up,
      {
        input: {
          fulfillmentId: o10.fulfillments[0].id,
          trackingNumber: 'RR123456785CA',
          carrier: 'Canada Post',
        },
      },
      'updateFulfillmentTracking',
    );
    await fx.api.mutate(
      event,
      { input: { fulfillmentId: o10.fulfillments[0].id, status: 'NOT_FOUND' } },
      'recordTrackingEvent',
    );
    await fx.api.mutate(
      event,
      { input: { fulfillmentId: o1.fulfillments[0].id, status: 'LABEL_CREATED' } },
      'recordTrackingEvent',
    );
    await fx.api.mutate(
      event,
      { input: { fulfillmentId: o3.fulfillments[0].id, status: 'IN_TRANSIT' } },
      'recordTrackingEvent',
    );
    await fx.api.mutate(
      'mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret userErrors { code message } } }',
      { input: { partnerId: fx.partnerId, url: 'http://127.0.0.1:9/hooks/fulfillments' } },
      'createWebhookEndpoint',
    );
    await fx.api.gql(
      'mutation($input: UpdateFulfillmentTrackingInput!) { updateFulfillmentTracking(input: $input) { userErrors { code } } }',
      {
        input: { fulfillmentId: fx.orders[3].fulfillments[0].id, trackingNumber: upsNumber(23) },
      },
    );
    const { partners } = await fx.api.gql<{ partners: { id: string; inboundEmailUrl: string }[] }>(
      '{ partners { id inboundEmailUrl } }',
    );
    const inbound = partners.find((p) => p.id === fx.partnerId)!.inboundEmailUrl;
    const raw = [
      'From: Warehouse <dispatch@warehouse.example.com>',
      'To: tracking@example.com',
      `Subject: Shipped today: ${fx.orders[1].reference} and ${fx.orders[5].reference}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Hello,',
      '',
      `orders ${fx.orders[1].reference} and ${fx.orders[5].reference} left the warehouse today.`,
      `Tracking: ${upsNumber(50)}`,
      '',
      'Kind regards, Dispatch',
    ].join('\r\n');
    const res = await fetch(inbound, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822' },
      body: raw,
    });
    if (!res.ok) throw new Error(`inbound email: ${res.status} ${await res.text()}`);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function shoot(page: Page, lang: string, name: string) {
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${OUT}/${lang}-${name}.png`, fullPage: false });
  }

  for (const lang of ['en', 'de'] as const) {
    it(`${lang}: every screen`, async () => {
      const page = await newPage(browser, fx.baseURL, lang === 'de' ? 'de-DE' : 'en-US');
      await page.goto('/sign-in');
      await page.evaluate((l) => localStorage.setItem('ft.language', l), lang);
      await page.reload();
      await visible(page.locator('form'));
      await shoot(page, lang, '01-sign-in');
      await page.evaluate(() => localStorage.setItem('ft.language', 'en'));
      await signIn(page, fx.email, fx.password);
      await page.evaluate((l) => localStorage.setItem('ft.language', l), lang);

      const [o1, o2] = fx.orders;
      await page.goto(`/orders?q=${fx.prefix}`);
      await visible(page.locator('tbody input[type=checkbox]'));
      await shoot(page, lang, '02-find-orders');

      await page
        .locator('thead button[aria-expanded]')
        .first()
        .click()
        .catch(() => undefined);
      await page.locator('.column-chooser > button').click();
      await visible(page.getByRole('dialog'));
      await shoot(page, lang, '03-column-chooser');
      await page.keyboard.press('Escape');

      await page.locator('tbody input[type=checkbox]').nth(1).check();
      await page.locator('tbody input[type=checkbox]').nth(3).check();
      await shoot(page, lang, '04-bulk-selection');
      await page.locator('.bulk-bar .btn.primary').click();
      await visible(page.locator('.bulk-outcome'));
      await shoot(page, lang, '05-bulk-result');

      await page.goto(`/fulfillments?q=${fx.prefix}`);
      await visible(page.locator('tbody input[type=checkbox]'));
      await shoot(page, lang, '06-product-fulfillment');

      await page.goto(`/orders/${encodeURIComponent(o1.id)}`);
      await visible(page.locator('.timeline'));
      await shoot(page, lang, '07-order-detail');

      await page.goto(`/fulfillments/${encodeURIComponent(o2.fulfillments[0].id)}`);
      await visible(page.locator('form'));
      await page.locator('input[name="trackingNumber"]').fill(UPS_WRONG_CHECK_DIGIT);
      await visible(page.locator('.detection .bad'));
      await page.locator('form button[type=submit]').click();
      await visible(page.locator('.field-error'));
      await shoot(page, lang, '08-update-tracking-error');

      await page.goto('/admin/partners');
      await visible(page.locator('article.card').first());
      const card = page.locator('article.card').last();
      await card.locator('input[required]').first().fill(`Warehouse ${lang}`);
      await card.locator('input[required]').first().press('Enter');
      await visible(page.locator('.secret'));
      await shoot(page, lang, '09-partners');

      await page.goto('/admin/users');
      await visible(page.locator('table'));
      await shoot(page, lang, '10-users');

      await page.goto('/admin/carriers');
      await visible(page.locator('table'));
      await shoot(page, lang, '11-carriers');

      // The import wizard, step by step, on orders of this language's run.
      const [a, b] = lang === 'en' ? [fx.orders[5], fx.orders[6]] : [fx.orders[7], fx.orders[8]];
      const csv = [
        'Order ID,Member Name,Tracking Number,Tracking Carrier,Shipped Date,Notes',
        `${a.reference},Someone,${upsNumber(lang === 'en' ? 70 : 80)},UPS,11/02/2026,`,
        `${b.reference},"Someone, Else",${upsNumber(lang === 'en' ? 71 : 81)},ups ground,11/03/2026,call first`,
        `NO-SUCH-ORDER,Nobody,${upsNumber(lang === 'en' ? 72 : 82)},UPS,11/03/2026,`,
        `${a.reference},Someone,${UPS_WRONG_CHECK_DIGIT},UPS,13/45/2026,`,
      ].join('\r\n');
      await page.goto('/import/new?kind=tracking');
      await visible(page.locator('input[type=file]'));
      await page
        .locator('input[type=file]')
        .setInputFiles({ name: 'tracking.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await shoot(page, lang, '12-import-choose-file');
      await page.locator('form button[type=submit]').click();
      await visible(page.locator('table.mapping'));
      await shoot(page, lang, '13-import-map-columns');
      await page.locator('form button[type=submit]').click();
      await visible(page.locator('.preview-counts'));
      await visible(page.locator('.rows-table tbody tr'));
      await shoot(page, lang, '14-import-preview');
      await page.locator('.wizard-step .btn.primary').click();
      await visible(page.locator('.changed-links a'), 20_000);
      await shoot(page, lang, '15-import-summary');

      await page.goto('/import/new?kind=tracking');
      await page
        .locator('input[type=file]')
        .setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n"unclosed,1\n') });
      await page.locator('form button[type=submit]').click();
      await visible(page.locator('.error'));
      await shoot(page, lang, '16-import-bad-file');

      await page.goto('/fulfillments');
      await visible(page.locator('.page-actions'));
      await shoot(page, lang, '17-grid-import-export-buttons');

      await page.goto('/admin/mail');
      await visible(page.locator('.mail-view'));
      await shoot(page, lang, '18-mail');
      await page.locator('.segmented .btn').nth(1).click();
      await visible(page.locator('iframe.mail-html'));
      await shoot(page, lang, '19-mail-html');

      await page.goto('/admin/partners');
      const partner = page.locator('article.card').last();
      await visible(partner.locator('.delivery-log'));
      await partner.locator('.delivery-log summary').first().click();
      await page.waitForTimeout(300);
      await partner.screenshot({ path: `${OUT}/${lang}-20-partner-notifications.png` });

      await page.goto('/admin/inbound');
      await visible(page.locator('article.inbound'));
      await page.locator('article.inbound button[aria-expanded]').first().click();
      await shoot(page, lang, '21-inbound-review');

      await page.goto(`/orders/${encodeURIComponent(fx.orders[9].id)}`);
      await visible(page.locator('.quirk'));
      await shoot(page, lang, '22-order-detail-quirk');
      await page.goto(`/orders/${encodeURIComponent(o1.id)}`);
      await visible(page.locator('.quirk'));
      await shoot(page, lang, '23-order-detail-ups-quirk');

      await page.goto(`/fulfillments/${encodeURIComponent(fx.orders[9].fulfillments[0].id)}`);
      await visible(page.locator('form.carrier-event'));
      await shoot(page, lang, '24-update-tracking-carrier-event');
      await page.context().close();
    });
  }
});
