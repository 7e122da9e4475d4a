import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { gone, launchBrowser, newPage, signIn, visible } from '../support/browser';
import { createFixture, type Fixture } from '../support/fixtures';

describe('Find Orders search', () => {
  let browser: Browser;
  let fx: Fixture & { prefix: string };
  beforeAll(async () => {
    fx = await createFixture({
      orders: [
        { suffix: 'S1', customer: 'Grace Hopper' },
        { suffix: 'S2', customer: 'Edsger Dijkstra' },
        { suffix: 'S3', customer: 'Änne Ångström-Krüger' },
      ],
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('narrows the grid, keeps the view in the URL, and Back restores the previous view', async () => {
    const [a, b, c] = fx.orders;
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    const search = page.getByRole('searchbox', { name: 'Search orders' });

    await search.fill(fx.prefix);
    await page.waitForURL((u) => u.searchParams.get('q') === fx.prefix);
    await visible(page.getByRole('checkbox', { name: `Select ${a.reference}` }));
    await visible(page.getByRole('checkbox', { name: `Select ${b.reference}` }));

    await search.fill('Grace Hopper');
    await page.waitForURL((u) => u.searchParams.get('q') === 'Grace Hopper');
    await gone(page.getByRole('checkbox', { name: `Select ${b.reference}` }));
    await visible(page.getByRole('checkbox', { name: `Select ${a.reference}` }));
    expect(new URL(page.url()).searchParams.get('q')).toBe('Grace Hopper');

    // A link reproduces the view.
    const page2 = await newPage(browser, fx.baseURL);
    await signIn(page2, fx.email, fx.password);
    await page2.goto(new URL(page.url()).pathname + new URL(page.url()).search);
    await visible(page2.getByRole('checkbox', { name: `Select ${a.reference}` }));
    expect(await page2.getByRole('searchbox', { name: 'Search orders' }).inputValue()).toBe('Grace Hopper');
    expect(await page2.getByRole('checkbox', { name: `Select ${b.reference}` }).count()).toBe(0);
    await page2.context().close();

    await page.goBack();
    await visible(page.getByRole('checkbox', { name: `Select ${b.reference}` }));
    expect(await search.inputValue()).toBe(fx.prefix);

    // Sorting by reference, both ways.
    await page.getByRole('button', { name: 'Order' }).click();
    await visible(page.locator('th[aria-sort="ascending"]', { hasText: 'Order' }));
    const refs = () => page.locator('tbody tr td:nth-child(2)').allTextContents();
    await page.waitForFunction(
      (first) => document.querySelector('tbody tr td:nth-child(2)')?.textContent === first,
      a.reference,
    );
    expect(await refs()).toEqual([a.reference, b.reference, c.reference]);
    await page.getByRole('button', { name: 'Order' }).click();
    await visible(page.locator('th[aria-sort="descending"]', { hasText: 'Order' }));
    await page.waitForFunction(
      (first) => document.querySelector('tbody tr td:nth-child(2)')?.textContent === first,
      c.reference,
    );
    expect(await refs()).toEqual([c.reference, b.reference, a.reference]);
    await page.context().close();
  });

  it('finds any part of a reference, and names as typed: any case, with or without accents', async () => {
    const [a, b, c] = fx.orders;
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    const search = page.getByRole('searchbox', { name: 'Search orders' });

    // The middle of a reference, without its start.
    const part = c.reference.slice(2);
    await search.fill(part);
    await page.waitForURL((u) => u.searchParams.get('q') === part);
    await visible(page.getByRole('checkbox', { name: `Select ${c.reference}` }));
    await gone(page.getByRole('checkbox', { name: `Select ${a.reference}` }));

    for (const typed of ['angstrom-kruger', 'ÅNGSTRÖM-krü', 'nne Ångs']) {
      await search.fill(typed);
      await page.waitForURL((u) => u.searchParams.get('q') === typed);
      await visible(page.getByRole('checkbox', { name: `Select ${c.reference}` }));
      await gone(page.getByRole('checkbox', { name: `Select ${b.reference}` }));
      expect(await page.getByRole('checkbox', { name: /^Select T/ }).count(), typed).toBe(1);
    }
    await page.context().close();
  });
});
