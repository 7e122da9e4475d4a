import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, signIn, visible } from '../support/browser';
import { createFixture, fulfillmentStatuses, type Fixture } from '../support/fixtures';

describe('German UI', () => {
  let browser: Browser;
  let fx: Fixture & { prefix: string };
  beforeAll(async () => {
    fx = await createFixture({ orders: [{ suffix: 'DE1' }] });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('switches to German, remembers it, and works the grid in German', async () => {
    const order = fx.orders[0];
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await visible(page.getByRole('heading', { name: 'Bestellungen finden' }));
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');

    await page.goto(`/orders?q=${order.reference}`);
    await visible(page.getByRole('heading', { name: 'Bestellungen finden' }));
    await page.getByRole('button', { name: 'Spalten' }).click();
    await visible(page.getByRole('checkbox', { name: 'Trackingnummer' }));
    await page.keyboard.press('Escape');

    await page.getByRole('checkbox', { name: `${order.reference} auswählen` }).check();
    await visible(page.getByRole('button', { name: 'Als versendet kennzeichnen' }));
    await page.getByRole('button', { name: 'Als „wird nicht versendet“ kennzeichnen' }).click();
    await visible(page.getByRole('status').filter({ hasText: '1 geändert, 0 übersprungen' }));
    await page.getByRole('button', { name: 'Rückgängig' }).click();
    await visible(page.getByRole('status').filter({ hasText: '1 wiederhergestellt' }));
    expect(await fulfillmentStatuses(fx.api, order.id)).toEqual(['HOLD']);

    // Dates follow the locale: 24.11.2026 style, not Nov 24, 2026; the grid shows the day, the time on hover.
    const placed = page.locator('tbody tr td:nth-child(6) time').first();
    expect(await placed.textContent()).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    expect(await placed.getAttribute('title')).toMatch(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/);
    await page.context().close();
  });

  it('dates are typed as German writes them (TT.MM.JJJJ), whatever language the browser speaks', async () => {
    const order = fx.orders[0];
    // An English browser: a native date field would show mm/dd/yyyy on the German page.
    const page = await newPage(browser, fx.baseURL, 'en-US');
    await signIn(page, fx.email, fx.password);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await page.goto(`/orders?q=${order.reference}`);
    const row = page.getByRole('checkbox', { name: `${order.reference} auswählen` });
    await visible(row);
    // By the start of its name: the field's error joins its label.
    const placedFrom = page.getByRole('textbox', { name: /^Bestellt ab/ });
    expect(await placedFrom.getAttribute('placeholder')).toBe('TT.MM.JJJJ');

    const tomorrow = new Date(Date.now() + 86_400_000);
    const iso = tomorrow.toISOString().slice(0, 10);
    const [y, m, d] = iso.split('-');
    await placedFrom.fill(`${d}.${m}.${y}`);
    await page.waitForURL((url) => url.searchParams.get('placedFrom') === iso);
    await row.waitFor({ state: 'detached' });

    // No such day: said under the field, and neither it nor the date it replaced filters the grid.
    await placedFrom.fill('31.02.2026');
    await placedFrom.press('Enter');
    const error = page.getByText('31.02.2026 ist kein Datum; bitte als TT.MM.JJJJ eingeben');
    await visible(error);
    expect(await placedFrom.getAttribute('aria-invalid')).toBe('true');
    await page.waitForURL((url) => !url.searchParams.has('placedFrom'));
    await visible(row);
    await placedFrom.fill('');
    await placedFrom.press('Enter');
    await error.waitFor({ state: 'detached' });
    await visible(row);

    // The tracking form shows today's date the same way and takes one typed so.
    await page.goto(`/fulfillments/${encodeURIComponent(order.fulfillments[0].id)}`);
    const shippedOn = page.getByRole('textbox', { name: /^Versanddatum/ });
    expect(await shippedOn.inputValue()).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    await shippedOn.fill('30.02.2026');
    await page.getByLabel('Trackingnummer', { exact: true }).fill('1Z999AA10123456784');
    await page.getByRole('button', { name: 'Tracking speichern' }).click();
    await visible(page.getByText('30.02.2026 ist kein Datum; bitte als TT.MM.JJJJ eingeben'));
    expect(await fulfillmentStatuses(fx.api, order.id)).toEqual(['HOLD']);
    await page.context().close();
  });

  it('words what the server refuses in German: a taken email, a future shipped date', async () => {
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await page.goto('/admin/users');
    await visible(page.getByRole('heading', { name: 'Benutzer', exact: true }));
    await page.getByLabel('E-Mail').fill(fx.email);
    await page.getByLabel('Passwort').fill('long-enough-password');
    await page.getByRole('button', { name: 'Benutzer anlegen' }).click();
    await visible(page.getByRole('alert').filter({ hasText: `${fx.email} hat bereits ein Konto` }));

    // The server refuses a future shipped date with its English words and the message's name; the bar says it in German.
    const order = fx.orders[0];
    await page.goto(`/orders?q=${order.reference}`);
    await page.getByRole('checkbox', { name: `${order.reference} auswählen` }).check();
    await page.getByLabel('Versendet am').fill('2030-01-01');
    await page.getByRole('button', { name: 'Als versendet kennzeichnen' }).click();
    await visible(page.getByText('Das Versanddatum liegt in der Zukunft (2030-01-01)'));
    expect(await fulfillmentStatuses(fx.api, order.id)).toEqual(['HOLD']);
    await page.context().close();
  });
});
