import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, signIn, visible } from '../support/browser';
import { createFixture, fulfillmentStatuses, type Fixture } from '../support/fixtures';

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
    await visible(page.getByRole('status').getByText(`${b1.reference} SKU-A`));
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
