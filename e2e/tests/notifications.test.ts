import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, openTrackingForm, signIn, visible } from '../support/browser';
import { createFixture, fulfillmentStatuses, upsNumber, type Fixture } from '../support/fixtures';

const CANADA_POST_NUMBER = 'RR123456785CA';
const CANADA_POST_QUIRK = 'Canada Post shows a new number as “not found” until its first scan.';

describe('notifications and carrier status', () => {
  let browser: Browser;
  let fx: Fixture & { prefix: string };
  let partnerName: string;
  beforeAll(async () => {
    fx = await createFixture({
      orders: [
        { suffix: 'NT1', skus: ['SKU-N'] },
        { suffix: 'CP1', skus: ['SKU-CP'] },
      ],
    });
    partnerName = `Partner ${fx.prefix}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const partnerCard = (page: Page) => page.getByRole('article', { name: partnerName });

  it("sets a partner's recipients, ships an order in the UI, and the member's shipped email shows on the Mail page", async () => {
    const order = fx.orders[0];
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);

    await page.getByRole('link', { name: 'Partners' }).click();
    const card = partnerCard(page);
    await visible(card);
    const oldRecipient = `ops-${fx.prefix.toLowerCase()}@example.com`;
    const newRecipient = `digest-${fx.prefix.toLowerCase()}@example.com`;
    await card.getByRole('button', { name: `Remove recipient ${oldRecipient}` }).click();
    await card.getByRole('textbox', { name: 'Add recipient' }).fill(newRecipient);
    await card.getByRole('button', { name: 'Add', exact: true }).click();
    await card.getByRole('button', { name: 'Save recipients' }).click();
    await visible(card.getByText('Recipients saved.'));
    const saved = await fx.api.gql<{ partners: { id: string; notificationEmails: string[] }[] }>(
      '{ partners { id notificationEmails } }',
    );
    expect(saved.partners.find((p) => p.id === fx.partnerId)?.notificationEmails).toEqual([newRecipient]);

    await openTrackingForm(page, order.reference, 'SKU-N');
    const number = upsNumber(40);
    await page.getByRole('textbox', { name: 'Tracking number' }).fill(number);
    await page.getByRole('button', { name: 'Save tracking' }).click();
    await visible(page.getByText('Tracking saved.'));

    await page.getByRole('link', { name: 'Mail', exact: true }).click();
    await visible(page.getByRole('heading', { name: 'Mail', exact: true }));
    const subject = page.getByRole('button', { name: `Your item from ${partnerName} has shipped` });
    const deadline = Date.now() + 10_000;
    while ((await subject.count()) === 0) {
      if (Date.now() > deadline)
        throw new Error('the shipped email did not appear on the Mail page within 10 s');
      await page.waitForTimeout(500);
      await page.getByRole('button', { name: 'Refresh' }).click();
    }
    await subject.first().click();
    const memberEmail = `nt1-${fx.prefix.toLowerCase()}@example.com`;
    const view = page.getByRole('article', { name: `Your item from ${partnerName} has shipped` });
    await visible(view.getByText(memberEmail));
    await visible(view.getByText(number));
    // The HTML version stays inside a sandboxed frame.
    await view.getByRole('button', { name: 'HTML' }).click();
    const frame = view.locator('iframe');
    await visible(frame);
    expect(await frame.getAttribute('sandbox')).toBe('');
    await page.context().close();
  });

  it('creates a webhook endpoint and shows its signing secret only once', async () => {
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await page.goto('/admin/partners');
    const card = partnerCard(page);
    await visible(card);
    const url = `https://hooks.example.com/${fx.prefix.toLowerCase()}`;
    await card.getByRole('textbox', { name: 'New webhook URL' }).fill(url);
    await card.getByRole('button', { name: 'Add webhook' }).click();
    await visible(card.getByText('Copy this signing secret now. It is shown only once.'));
    const secret = (await card.locator('.secret-value').filter({ hasText: 'whsec_' }).textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    await visible(card.getByRole('button', { name: `Disable webhook ${url}` }));

    await page.reload();
    await visible(partnerCard(page).getByRole('button', { name: `Disable webhook ${url}` }));
    expect(await page.getByText(secret).count()).toBe(0);
    await page.context().close();
  });

  it('explains the Canada Post quirk for a new number the carrier reports as not found, and records delivery', async () => {
    const order = fx.orders[1];
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await openTrackingForm(page, order.reference, 'SKU-CP');
    await page.getByRole('textbox', { name: 'Tracking number' }).fill(CANADA_POST_NUMBER);
    await page.getByRole('combobox', { name: 'Carrier', exact: true }).fill('Canada Post');
    await page.getByRole('button', { name: 'Save tracking' }).click();
    await visible(page.getByText('Tracking saved.'));

    const eventForm = page.getByRole('form', { name: 'Record carrier event' });
    await eventForm.getByRole('combobox', { name: 'Carrier status' }).selectOption('NOT_FOUND');
    await eventForm.getByRole('button', { name: 'Record carrier event' }).click();
    await visible(eventForm.getByText('Recorded: Not found.'));

    await page.getByRole('link', { name: `← Order ${order.reference}` }).click();
    await visible(page.getByRole('heading', { name: `Order ${order.reference}` }));
    await visible(page.getByText(CANADA_POST_QUIRK));
    await visible(page.getByRole('table').getByText('Not found', { exact: true }));

    await page.getByRole('link', { name: 'Update tracking of SKU-CP' }).click();
    await eventForm.getByRole('combobox', { name: 'Carrier status' }).selectOption('DELIVERED');
    await eventForm.getByRole('button', { name: 'Record carrier event' }).click();
    await visible(eventForm.getByText('Recorded: Delivered.'));
    expect(await fulfillmentStatuses(fx.api, order.id)).toEqual(['DELIVERED']);
    await page.context().close();
  });
});
