import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, signIn, visible } from '../support/browser';
import { createFixture, fulfillmentStatuses, type Fixture } from '../support/fixtures';

/** Enough lines that a result listing each skip would push Undo far below the fold. */
const MANY_SKUS = Array.from({ length: 40 }, (_, i) => `CAP-${String(i + 1).padStart(2, '0')}`);
/** The start of every global id of these types (base64url of `Fulfillment:`, `Order:`, `Subscription:`). */
const GLOBAL_ID = /RnVsZmlsbG1lbnQ6|T3JkZXI6|U3Vic2NyaXB0aW9uOj/;

/** The page's text holds none of these ids, nor anything that looks like a global id. */
async function expectNoGlobalIds(page: Page, ids: string[]): Promise<void> {
  const text = await page.evaluate(() => document.body.innerText);
  expect(text).not.toMatch(GLOBAL_ID);
  for (const id of ids) expect(text).not.toContain(id);
}

describe('bulk actions', () => {
  let browser: Browser;
  let fx: Fixture & { prefix: string };
  beforeAll(async () => {
    fx = await createFixture({
      orders: [
        { suffix: 'B1', skus: ['SKU-A', 'SKU-B'] },
        { suffix: 'B2' },
        { suffix: 'B3' },
        { suffix: 'B4' },
        { suffix: 'N1' },
        { suffix: 'N2' },
        { suffix: 'F1', skus: ['SKU-X', 'SKU-Y'] },
        { suffix: 'W1', skus: MANY_SKUS },
        { suffix: 'W2' },
      ],
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('marks three selected orders as shipped, with every fulfillment of each, and updates the rows in place', async () => {
    const [b1, b2, b3, b4] = fx.orders;
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await page.goto(`/orders?q=${fx.prefix}-B`);
    await visible(page.getByRole('checkbox', { name: `Select ${b4.reference}` }));

    // Rows are newest first: B4, B3, B2, B1. Click B3, shift-click B1 selects the range.
    await page.getByRole('checkbox', { name: `Select ${b3.reference}` }).check();
    await page.getByRole('checkbox', { name: `Select ${b1.reference}` }).click({ modifiers: ['Shift'] });
    expect(await page.getByRole('checkbox', { name: `Select ${b2.reference}` }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: `Select ${b4.reference}` }).isChecked()).toBe(false);
    await visible(page.getByText('3 orders selected'));

    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/graphql')) requests.push(r.postDataJSON()?.operationName ?? '');
    });
    await page.getByRole('button', { name: 'Mark as shipped' }).click();
    await visible(page.getByRole('status').filter({ hasText: '4 changed, 0 skipped' }));
    expect(requests).toEqual(['MarkFulfillmentsShipped']);

    const row = (ref: string) =>
      page.getByRole('row').filter({ has: page.getByRole('checkbox', { name: `Select ${ref}` }) });
    await visible(row(b1.reference).getByText('Closed'));
    await visible(row(b2.reference).getByText('Closed'));
    await visible(row(b3.reference).getByText('Closed'));
    await visible(row(b4.reference).getByText('Open'));
    expect(await fulfillmentStatuses(fx.api, b1.id)).toEqual(['SHIPPED', 'SHIPPED']);
    expect(await fulfillmentStatuses(fx.api, b2.id)).toEqual(['SHIPPED']);
    expect(await fulfillmentStatuses(fx.api, b4.id)).toEqual(['HOLD']);

    // Shipping them again is refused per item with a reason, never half-applied.
    await page.getByRole('checkbox', { name: `Select ${b1.reference}` }).check();
    await page.getByRole('checkbox', { name: `Select ${b4.reference}` }).check();
    await page.getByRole('button', { name: 'Mark as will not ship' }).click();
    await visible(page.getByRole('status').filter({ hasText: '1 changed, 2 skipped' }));
    const shippedAlready = page
      .getByRole('status')
      .getByRole('listitem')
      .filter({ hasText: 'Shipped: cannot be marked as will not ship (2)' });
    await visible(shippedAlready.getByText(`${b1.reference} · SKU-A`));
    await page.context().close();
  });

  it('marks an order as will not ship without a dialog, and Undo restores it', async () => {
    const n1 = fx.orders[4];
    const page = await newPage(browser, fx.baseURL);
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await signIn(page, fx.email, fx.password);
    await page.goto(`/orders?q=${fx.prefix}-N`);
    await page.getByRole('checkbox', { name: `Select ${n1.reference}` }).check();
    await page.getByLabel('Reason (optional)').fill('Out of stock');
    await page.getByRole('button', { name: 'Mark as will not ship' }).click();
    await visible(page.getByRole('status').filter({ hasText: '1 changed, 0 skipped' }));
    expect(dialogs).toBe(0);
    expect(await fulfillmentStatuses(fx.api, n1.id)).toEqual(['NOT_SHIPPING']);

    await page.getByRole('button', { name: 'Undo' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'Undone: 1 restored, 0 skipped' }));
    expect(await fulfillmentStatuses(fx.api, n1.id)).toEqual(['HOLD']);
    const row = page
      .getByRole('row')
      .filter({ has: page.getByRole('checkbox', { name: `Select ${n1.reference}` }) });
    await visible(row.getByText('Open'));
    await page.context().close();
  });

  it('names skipped lines by order and SKU under their reason with a count, with Undo on top, in English and German', async () => {
    const w1 = fx.orders[7];
    const w2 = fx.orders[8];
    await fx.api.mutate(
      'mutation($input: MarkFulfillmentsShippedInput!) { markFulfillmentsShipped(input: $input) { userErrors { code message } } }',
      { input: { ids: w1.fulfillments.map((f) => f.id) } },
      'markFulfillmentsShipped',
    );
    const ids = [w1, w2].flatMap((o) => [o.id, ...o.fulfillments.map((f) => f.id)]);
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await page.goto(`/orders?q=${fx.prefix}-W`);
    await page.getByRole('checkbox', { name: `Select ${w1.reference}` }).check();
    await page.getByRole('checkbox', { name: `Select ${w2.reference}` }).check();
    await page.getByRole('button', { name: 'Mark as shipped' }).click();
    const status = page.getByRole('status');
    await visible(status.filter({ hasText: '1 changed, 40 skipped' }));

    const group = status.getByRole('listitem').filter({ hasText: 'Already shipped (40)' });
    await visible(group.getByText(`${w1.reference} · CAP-01`));
    // The first few are named; the rest fold away until asked for.
    expect(await group.getByText(`${w1.reference} · CAP-05`).isVisible()).toBe(true);
    const rest = group.getByText(`${w1.reference} · CAP-40`);
    expect(await rest.isVisible()).toBe(false);
    await expectNoGlobalIds(page, ids);

    // Undo sits above the skips: on screen at 1440×900 without scrolling.
    const undo = page.getByRole('button', { name: 'Undo' });
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const box = (await undo.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(900);

    await group.getByText('Show 35 more').click();
    await visible(rest);
    await expectNoGlobalIds(page, ids);
    await undo.click();
    await visible(status.filter({ hasText: 'Undone: 1 restored, 0 skipped' }));
    expect(await fulfillmentStatuses(fx.api, w2.id)).toEqual(['HOLD']);
    await page.context().close();

    const de = await newPage(browser, fx.baseURL);
    await signIn(de, fx.email, fx.password);
    await de.evaluate(() => localStorage.setItem('ft.language', 'de'));
    await de.goto(`/orders?q=${fx.prefix}-W`);
    await de.getByRole('checkbox', { name: `${w1.reference} auswählen` }).check();
    await de.getByRole('button', { name: 'Als versendet kennzeichnen' }).click();
    await visible(de.getByRole('status').filter({ hasText: '0 geändert, 40 übersprungen' }));
    const gruppe = de.getByRole('status').getByRole('listitem').filter({ hasText: 'Bereits versendet (40)' });
    await visible(gruppe.getByText(`${w1.reference} · CAP-01`));
    await visible(gruppe.getByText('35 weitere anzeigen'));
    await expectNoGlobalIds(de, ids);
    await de.context().close();
  });

  it("an order's subscriptions are numbered and named by status, never shown by id", async () => {
    const { order } = await fx.api.mutate<{ order: { id: string; reference: string } }>(
      `mutation($input: CreateOrderInput!) {
        createOrder(input: $input) { order { id reference } userErrors { code message } }
      }`,
      {
        input: {
          partnerId: fx.partnerId,
          reference: `${fx.prefix}-S1`,
          subscriptionCount: 2,
          customer: { name: 'Subscriber', email: `s1-${fx.prefix.toLowerCase()}@example.com`, locale: 'en' },
          fulfillments: [{ sku: 'BOX-1', productName: 'Monthly box', quantity: 1 }],
        },
      },
      'createOrder',
    );
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await page.goto(`/orders/${encodeURIComponent(order.id)}`);
    await visible(page.getByRole('heading', { name: `Order ${order.reference}` }));
    await visible(page.getByText('Subscription 1 — Active'));
    await visible(page.getByText('Subscription 2 — Active'));
    await expectNoGlobalIds(page, [order.id]);
    await page.context().close();
  });

  it('"Select all N matching" acts on every order the filter matches, beyond the page', async () => {
    const [, , , , n1, n2] = fx.orders;
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    // One row per page, so the two matching orders span two pages.
    await page.goto(`/orders?q=${fx.prefix}-N&size=1`);
    await visible(page.getByRole('checkbox', { name: `Select ${n2.reference}` }));
    expect(await page.getByRole('checkbox', { name: `Select ${n1.reference}` }).count()).toBe(0);
    await page.getByRole('checkbox', { name: 'Select all' }).check();
    await visible(page.getByText('1 order selected'));
    await page.getByRole('button', { name: 'Select all 2 matching' }).click();
    await visible(page.getByText('2 orders selected'));
    await page.getByRole('button', { name: 'Mark as shipped' }).click();
    await visible(page.getByRole('status').filter({ hasText: '2 changed, 0 skipped' }));
    expect(await fulfillmentStatuses(fx.api, n1.id)).toEqual(['SHIPPED']);
    expect(await fulfillmentStatuses(fx.api, n2.id)).toEqual(['SHIPPED']);
    await page.context().close();
  });

  it('the product fulfillment view selects single lines of an order', async () => {
    const f1 = fx.orders[6];
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await page.getByRole('link', { name: 'Product Fulfillment' }).click();
    await visible(page.getByRole('heading', { name: 'Product Fulfillment' }));
    await page.getByRole('searchbox', { name: 'Search fulfillments' }).fill(f1.reference);
    await page.waitForURL((u) => u.searchParams.get('q') === f1.reference);
    await page.getByRole('checkbox', { name: `Select ${f1.reference} SKU-Y` }).check();
    await page.getByRole('button', { name: 'Mark as shipped' }).click();
    await visible(page.getByRole('status').filter({ hasText: '1 changed, 0 skipped' }));
    const row = page
      .getByRole('row')
      .filter({ has: page.getByRole('checkbox', { name: `Select ${f1.reference} SKU-Y` }) });
    await visible(row.getByText('Shipped'));
    expect(await fulfillmentStatuses(fx.api, f1.id)).toEqual(['HOLD', 'SHIPPED']);
    await page.context().close();
  });
});
