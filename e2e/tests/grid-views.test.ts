import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { gone, launchBrowser, newPage, signIn, visible } from '../support/browser';
import { createFixture, fulfillmentStatuses, upsNumber, type Fixture } from '../support/fixtures';

const SHIP = `mutation($input: UpdateFulfillmentTrackingInput!) {
  updateFulfillmentTracking(input: $input) { fulfillment { id } userErrors { code message } }
}`;
const NOT_SHIPPING = `mutation($input: MarkFulfillmentsNotShippingInput!) {
  markFulfillmentsNotShipping(input: $input) { actionId userErrors { code message } }
}`;

const activeIsInside = (page: Page, selector: string) =>
  page.evaluate((s) => Boolean(document.activeElement?.closest(s)), selector);

describe('Find Orders and Product Fulfillment like a commerce admin', () => {
  let browser: Browser;
  let fx: Fixture & { prefix: string };
  /** Orders the tracking panel changes, apart from those the filters are tested on. */
  let edits: Fixture & { prefix: string };
  // 0: waiting, 1: waiting, 2: shipped, 3: not shipping
  beforeAll(async () => {
    fx = await createFixture({
      orders: [
        { suffix: 'WAIT', skus: ['SKU-W'] },
        { suffix: 'MORE', skus: ['SKU-M'] },
        { suffix: 'SHIP', skus: ['SKU-S'] },
        { suffix: 'STOP', skus: ['SKU-X'] },
      ],
    });
    edits = await createFixture({
      orders: [
        { suffix: 'TRK', skus: ['SKU-W'] },
        { suffix: 'MULTI', skus: ['SKU-M1', 'SKU-M2'] },
      ],
    });
    const shipped = fx.orders[2].fulfillments[0];
    await fx.api.mutate(
      SHIP,
      { input: { fulfillmentId: shipped.id, trackingNumber: upsNumber(21), version: shipped.version } },
      'updateFulfillmentTracking',
    );
    await fx.api.mutate(
      NOT_SHIPPING,
      { input: { ids: [fx.orders[3].fulfillments[0].id], reason: 'Out of stock' } },
      'markFulfillmentsNotShipping',
    );
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const ordersGrid = (page: Page) => page.getByRole('table', { name: 'Orders' });
  const references = async (page: Page) =>
    (
      await ordersGrid(page)
        .getByRole('link', { name: new RegExp(`^${fx.prefix}-`) })
        .allTextContents()
    ).sort();

  async function signedIn(as: Fixture = fx): Promise<Page> {
    const page = await newPage(browser, as.baseURL);
    await signIn(page, as.email, as.password);
    return page;
  }

  it('Product Fulfillment: "Update tracking info" in the Shipped cell opens a side panel that saves in place', async () => {
    const page = await signedIn(edits);
    const order = edits.orders[0];
    await page.goto(`/fulfillments?q=${order.reference}`);
    const open = page.getByRole('button', { name: `Update tracking info for ${order.reference} SKU-W` });
    await visible(open);
    expect(await page.getByRole('columnheader', { name: 'Shipped Date' }).count()).toBe(1);

    // Escape closes it and focus comes back to the button.
    await open.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('dialog', { name: `Tracking for ${order.reference} · SKU-W` });
    await visible(panel);
    await page.waitForFunction(() => document.activeElement?.closest('dialog') != null);
    await page.keyboard.press('Escape');
    await gone(panel);
    expect(await open.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/fulfillments');

    await open.click();
    await visible(panel);
    const number = upsNumber(22);
    await panel.getByRole('textbox', { name: 'Tracking number' }).fill(number);
    await panel.getByRole('button', { name: 'Save tracking' }).click();
    await gone(panel);
    expect(new URL(page.url()).pathname).toBe('/fulfillments');
    const grid = page.getByRole('table', { name: 'Fulfillments' });
    const row = grid.getByRole('row').filter({ hasText: 'SKU-W' });
    await visible(row.getByText('Shipped', { exact: true }));
    await visible(
      page.getByRole('status').filter({ hasText: `Tracking saved for ${order.reference} · SKU-W` }),
    );
    expect(await fulfillmentStatuses(edits.api, order.id)).toEqual(['SHIPPED']);
    expect(await activeIsInside(page, 'table')).toBe(true);
    await page.context().close();
  });

  it("Find Orders: each line has its own aligned sub-row, and the second line's tracking is updated from its Shipped cell", async () => {
    const page = await signedIn(edits);
    const order = edits.orders[1];
    await page.goto(`/orders?q=${order.reference}`);
    const row = ordersGrid(page).getByRole('row').filter({ hasText: order.reference });
    await visible(row);
    // Two lines: two sub-rows in each line column, at the same heights.
    const tops = await row.evaluate((tr) =>
      Array.from(tr.querySelectorAll('.line-list')).map((ul) =>
        Array.from(ul.children).map((li) => Math.round(li.getBoundingClientRect().top)),
      ),
    );
    expect(tops.length).toBeGreaterThanOrEqual(2);
    for (const col of tops) expect(col).toEqual(tops[0]);
    expect(tops[0]).toHaveLength(2);

    await row.getByRole('button', { name: `Update tracking info for ${order.reference} SKU-M2` }).click();
    const panel = page.getByRole('dialog', { name: `Tracking for ${order.reference} · SKU-M2` });
    await visible(panel);
    expect(await activeIsInside(page, 'dialog')).toBe(true);
    await panel.getByRole('textbox', { name: 'Tracking number' }).fill(upsNumber(23));
    await panel.getByRole('button', { name: 'Save tracking' }).click();
    await gone(panel);
    expect(new URL(page.url()).pathname).toBe('/orders');
    // The second sub-row changed; the first line still waits and still offers the form.
    await visible(row.getByRole('button', { name: `Update tracking info for ${order.reference} SKU-M2` }));
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('checkbox', { name: 'Fulfillment Status' }).check();
    await page.keyboard.press('Escape');
    const statuses = row.locator('td .line-list').last().locator('li');
    await visible(statuses.nth(1).getByText('Shipped'));
    expect(await statuses.allTextContents()).toEqual(['Awaiting shipment', 'Shipped']);
    expect(await fulfillmentStatuses(edits.api, order.id)).toEqual(['HOLD', 'SHIPPED']);
    await page.context().close();
  });

  it('view tabs are filter presets: Awaiting shipment, Shipped, Problems, All', async () => {
    const page = await signedIn();
    await page.goto(`/orders?q=${fx.prefix}`);
    const tabs = page.getByRole('tablist', { name: 'Order views' });
    await visible(ordersGrid(page).getByRole('link', { name: fx.orders[3].reference }));
    expect(await tabs.getByRole('tab', { name: 'All' }).getAttribute('aria-selected')).toBe('true');

    await tabs.getByRole('tab', { name: 'Shipped' }).click();
    await gone(ordersGrid(page).getByRole('link', { name: fx.orders[0].reference, exact: true }));
    expect(await tabs.getByRole('tab', { name: 'Shipped' }).getAttribute('aria-selected')).toBe('true');
    expect(new URL(page.url()).searchParams.get('q')).toBe(fx.prefix);
    expect(await references(page)).toContain(fx.orders[2].reference);
    expect(await references(page)).not.toContain(fx.orders[3].reference);

    // Problems means shipped lines at risk; the shipped order is on time and the stopped one not shipped.
    await tabs.getByRole('tab', { name: 'Problems' }).click();
    await gone(ordersGrid(page).getByRole('link', { name: fx.orders[2].reference, exact: true }));
    await gone(ordersGrid(page).getByRole('link', { name: fx.orders[3].reference, exact: true }));
    expect(await references(page)).toEqual([]);

    // Arrow keys move between tabs and choose them.
    await tabs.getByRole('tab', { name: 'Problems' }).focus();
    await page.keyboard.press('Home');
    await visible(ordersGrid(page).getByRole('link', { name: fx.orders[0].reference, exact: true }));
    expect(await tabs.getByRole('tab', { name: 'All' }).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowRight');
    await gone(ordersGrid(page).getByRole('link', { name: fx.orders[3].reference, exact: true }));
    expect(await tabs.getByRole('tab', { name: 'Awaiting shipment' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    expect(await references(page)).toContain(fx.orders[0].reference);
    await page.context().close();
  });

  it('filter chips show what is in force and each one is removed with its × from the keyboard', async () => {
    const page = await signedIn();
    await page.goto(`/orders?q=${fx.prefix}&fstatus=SHIPPED&tracking=yes`);
    const chips = page.getByRole('list', { name: 'Active filters' });
    await visible(chips.getByText('Fulfillment Status: Shipped'));
    await visible(chips.getByText(`Search: ${fx.prefix}`));
    await visible(ordersGrid(page).getByRole('link', { name: fx.orders[2].reference }));
    expect(await references(page)).toEqual([fx.orders[2].reference]);

    const remove = chips.getByRole('button', { name: 'Remove filter Fulfillment Status: Shipped' });
    await remove.focus();
    await page.keyboard.press('Enter');
    await gone(chips.getByText('Fulfillment Status: Shipped'));
    expect(new URL(page.url()).searchParams.get('fstatus')).toBeNull();
    // Focus moved on to the next chip, not to the top of the page.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).toMatch(
      /^Remove filter /,
    );
    // The rest, one at a time: each Enter removes the focused chip and focus moves on to the next.
    for (let left = await chips.getByRole('button').count(); left > 0; left--) {
      await page.waitForFunction(
        () => document.activeElement?.getAttribute('aria-label')?.startsWith('Remove filter ') ?? false,
      );
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        (n) => document.querySelectorAll('[aria-label="Active filters"] button').length < n,
        left,
      );
    }
    await gone(chips);
    await visible(ordersGrid(page).getByRole('link', { name: fx.orders[0].reference, exact: true }));
    expect(new URL(page.url()).search).toBe('');
    await page.context().close();
  });

  it('a saved view keeps filters, columns and sort, survives a reload and is applied again', async () => {
    const page = await signedIn();
    await page.goto(`/orders?q=${fx.prefix}&fstatus=SHIPPED&sort=REFERENCE&dir=ASC`);
    await visible(ordersGrid(page).getByRole('link', { name: fx.orders[2].reference }));
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('checkbox', { name: 'Tracking Number' }).check();
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Save view' }).click();
    await page.getByRole('textbox', { name: 'View name' }).fill('Shipped lately');
    await page.getByRole('button', { name: 'Save as new view' }).click();
    await visible(page.getByText('Saved as “Shipped lately”'));

    // Elsewhere, with other columns, then back through the saved view.
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('checkbox', { name: 'Tracking Number' }).uncheck();
    await page.keyboard.press('Escape');
    await page.goto('/orders');
    await page.reload();
    const views = page.getByRole('combobox', { name: 'Saved views' });
    await visible(views);
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('option')).some((o) => o.textContent === 'Shipped lately'),
    );
    await views.selectOption({ label: 'Shipped lately' });
    await visible(page.getByRole('columnheader', { name: 'Tracking Number' }));
    const params = new URL(page.url()).searchParams;
    expect(params.get('q')).toBe(fx.prefix);
    expect(params.get('fstatus')).toBe('SHIPPED');
    expect(params.get('sort')).toBe('REFERENCE');
    expect(params.get('dir')).toBe('ASC');
    // The rows of the unfiltered page stay on screen until the saved view's query answers.
    await expect.poll(() => references(page)).toEqual([fx.orders[2].reference]);
    await visible(ordersGrid(page).getByRole('link', { name: upsNumber(21) }));

    // Another person does not see it.
    const other = await createFixture({ orders: [] });
    const theirs = await other.api.gql<{ savedViews: { name: string }[] }>(
      'query { savedViews(grid: "orders") { name } }',
    );
    expect(theirs.savedViews).toEqual([]);
    await page.context().close();
  });

  it('Previous and Next page through the matches with "2–2 of 4"', async () => {
    const page = await signedIn();
    await page.goto(`/orders?q=${fx.prefix}&size=1&sort=REFERENCE&dir=ASC`);
    const pager = page.getByRole('navigation', { name: 'Pages' });
    const previous = pager.getByRole('button', { name: 'Previous page' });
    const next = pager.getByRole('button', { name: 'Next page' });
    const sorted = fx.orders.map((o) => o.reference).sort();
    await visible(pager.getByText('1–1 of 4'));
    expect(await previous.isDisabled()).toBe(true);
    await expect.poll(() => references(page)).toEqual([sorted[0]]);

    await next.click();
    await visible(pager.getByText('2–2 of 4'));
    await expect.poll(() => references(page)).toEqual([sorted[1]]);
    await next.click();
    await visible(pager.getByText('3–3 of 4'));
    await expect.poll(() => references(page)).toEqual([sorted[2]]);
    await next.click();
    await visible(pager.getByText('4–4 of 4'));
    await expect.poll(() => references(page)).toEqual([sorted[3]]);
    await expect.poll(() => next.isDisabled()).toBe(true);

    await previous.click();
    await visible(pager.getByText('3–3 of 4'));
    await expect.poll(() => references(page)).toEqual([sorted[2]]);
    await previous.click();
    await visible(pager.getByText('2–2 of 4'));
    await expect.poll(() => references(page)).toEqual([sorted[1]]);
    await previous.click();
    await visible(pager.getByText('1–1 of 4'));
    await expect.poll(() => references(page)).toEqual([sorted[0]]);
    expect(await previous.isDisabled()).toBe(true);
    await page.context().close();
  });

  it('the whole row opens the order, by click or Enter; its checkbox and links still do their own thing', async () => {
    const page = await signedIn();
    const order = fx.orders[0];
    await page.goto(`/orders?q=${order.reference}`);
    const row = ordersGrid(page).getByRole('row', { name: order.reference });
    await visible(row);

    await row.getByRole('checkbox', { name: `Select ${order.reference}` }).check();
    expect(new URL(page.url()).pathname).toBe('/orders');

    await row.getByText(`Customer WAIT`).click();
    await visible(page.getByRole('heading', { name: `Order ${order.reference}` }));
    await page.goBack();
    await visible(row);
    await row.focus();
    await page.keyboard.press('Enter');
    await visible(page.getByRole('heading', { name: `Order ${order.reference}` }));
    await page.context().close();
  });

  it('placed dates show the day only; the time is on hover', async () => {
    const page = await signedIn();
    await page.goto(`/orders?q=${fx.orders[0].reference}`);
    const time = ordersGrid(page).locator('time').first();
    await visible(time);
    const text = (await time.textContent()) ?? '';
    expect(text).not.toMatch(/\d:\d\d/);
    expect((await time.getAttribute('title')) ?? '').toMatch(/\d:\d\d/);
    await page.context().close();
  });
});
