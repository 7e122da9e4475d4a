import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, signIn, visible } from '../support/browser';
import { createFixture, fulfillmentStatuses, upsNumber, type Fixture } from '../support/fixtures';

const ENTRY = `query($id: ID!) { actionLogEntry(id: $id) { alreadyNotifiedCount } }`;

describe('action log', () => {
  let browser: Browser;
  let fx: Fixture & { prefix: string };
  beforeAll(async () => {
    fx = await createFixture({
      orders: [{ suffix: 'L1' }, { suffix: 'R1' }, { suffix: 'E1' }, { suffix: 'E2' }, { suffix: 'U1' }],
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const lineOf = (i: number) => fx.orders[i]!.fulfillments[0]!.id;
  const bulk = (mutation: string, ids: string[]) =>
    fx.api.mutate<{ actionId: string }>(
      `mutation($input: ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { actionId userErrors { code message } } }`,
      { input: { ids } },
      mutation,
    );
  /** This fixture's admin's row of the log for an action of this kind. */
  const logRow = (page: Page, what: string) =>
    page.getByRole('row').filter({ hasText: fx.email }).filter({ hasText: what });

  it('lists a bulk action in the log reached from the top menu, and undoes it there after confirming', async () => {
    await bulk('markFulfillmentsNotShipping', [lineOf(0)]);
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Action log' }).click();
    await visible(page.getByRole('heading', { name: 'Action log', level: 1 }));

    const row = logRow(page, 'Marked as will not ship');
    await visible(row);
    const undoButton = row.getByRole('button', { name: /^Undo/ });
    await undoButton.click();
    const dialog = page.getByRole('alertdialog', { name: 'Undo this action?' });
    await visible(dialog.getByText('changed 1 line.'));
    // Escape leaves it as it was, and focus goes back to the row's Undo.
    await page.keyboard.press('Escape');
    expect(await dialog.count()).toBe(0);
    expect(await undoButton.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await visible(dialog.getByText('changed 1 line.'));
    // Nothing shipped, so nobody was emailed.
    expect(await dialog.getByText('already emailed').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Undo', exact: true }).click();
    await visible(page.getByRole('status').filter({ hasText: 'Undone: 1 restored, 0 left as they were' }));
    await visible(row.getByText(/^Undone on /));
    expect(await row.getByRole('button', { name: /^Undo/ }).count()).toBe(0);
    expect(await fulfillmentStatuses(fx.api, fx.orders[0]!.id)).toEqual(['HOLD']);
  });

  it('warns before and after undoing a shipment that the customers were already emailed', async () => {
    const { actionId } = await bulk('markFulfillmentsShipped', [lineOf(2), lineOf(3)]);
    // The server's outbox worker sends the two shipped emails within seconds.
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { actionLogEntry } = await fx.api.gql<{ actionLogEntry: { alreadyNotifiedCount: number } }>(
        ENTRY,
        { id: actionId },
      );
      if (actionLogEntry.alreadyNotifiedCount === 2) break;
      if (Date.now() > deadline) throw new Error('the shipped emails were not sent within 20 s');
      await new Promise((r) => setTimeout(r, 500));
    }
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await page.goto('/actions');
    const row = logRow(page, 'Marked as shipped');
    await visible(row);
    await row.getByRole('button', { name: /^Undo/ }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Undo this action?' });
    await visible(dialog.getByText('2 customers were already emailed that the item has shipped.'));
    await visible(dialog.getByText('Undo cannot take that email back.'));
    await dialog.getByRole('button', { name: 'Undo', exact: true }).click();
    await visible(
      page
        .getByRole('status')
        .filter({ hasText: '2 customers were already emailed that the item has shipped.' }),
    );
    expect(await fulfillmentStatuses(fx.api, fx.orders[2]!.id)).toEqual(['HOLD']);
  });

  it('undoes an applied import from the log: its lines are awaiting shipment again', async () => {
    const order = fx.orders[4]!;
    const importId = await fx.api.upload(
      'tracking',
      'undo-me.csv',
      `Order ID,Tracking Number,Carrier\n${order.reference},${upsNumber(66)},UPS\n`,
    );
    await fx.api.mutate(
      'mutation($i: PreviewImportInput!) { previewImport(input: $i) { userErrors { code message } } }',
      { i: { importId } },
      'previewImport',
    );
    await fx.api.mutate(
      'mutation($i: ApplyImportInput!) { applyImport(input: $i) { userErrors { code message } } }',
      { i: { importId } },
      'applyImport',
    );
    expect(await fulfillmentStatuses(fx.api, order.id)).toEqual(['SHIPPED']);
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await page.goto('/actions');
    const row = page.getByRole('row').filter({ hasText: 'undo-me.csv' });
    await visible(row);
    await row.getByRole('button', { name: /^Undo/ }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Undo this action?' });
    await visible(dialog.getByText('changed 1 line.'));
    await dialog.getByRole('button', { name: 'Undo', exact: true }).click();
    await visible(page.getByRole('status').filter({ hasText: 'Undone: 1 restored, 0 left as they were' }));
    await visible(row.getByText(/^Undone on /));
    expect(await fulfillmentStatuses(fx.api, order.id)).toEqual(['HOLD']);
  });

  it('reopens a line that will not ship from its page', async () => {
    await bulk('markFulfillmentsNotShipping', [lineOf(1)]);
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await page.goto(`/fulfillments/${encodeURIComponent(lineOf(1))}`);
    await page.getByRole('button', { name: 'Reopen' }).click();
    await visible(
      page.getByRole('status').filter({ hasText: 'Reopened: the line is awaiting shipment again.' }),
    );
    // Awaiting shipment again, it takes tracking.
    await visible(page.getByRole('textbox', { name: 'Tracking number' }));
    expect(await page.getByRole('button', { name: 'Reopen' }).count()).toBe(0);
    expect(await fulfillmentStatuses(fx.api, fx.orders[1]!.id)).toEqual(['HOLD']);
  });

  it('keeps the German top menu on one line at 1440 px, and shows the log in German', async () => {
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await visible(page.getByRole('link', { name: 'Protokoll' }));
    const tops = await page
      .getByRole('navigation', { name: 'Hauptmenü' })
      .getByRole('listitem')
      .evaluateAll((items) => items.map((li) => Math.round(li.getBoundingClientRect().top)));
    expect(tops.length).toBeGreaterThan(5);
    expect(new Set(tops).size).toBe(1);
    const bar = await page.locator('header.topbar').evaluate((el) => el.scrollWidth <= el.clientWidth);
    expect(bar).toBe(true);

    // The log in German: the action undone above says when, in German.
    await page.getByRole('link', { name: 'Protokoll' }).click();
    await visible(page.getByRole('heading', { name: 'Aktionsprotokoll', level: 1 }));
    const undone = logRow(page, 'Als „wird nicht versendet“ gekennzeichnet');
    await visible(undone.getByText(/^Rückgängig gemacht am \d{2}\.\d{2}\.\d{4}/));
  });
});
