import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

export async function newPage(browser: Browser, baseURL: string, locale = 'en-US'): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return page;
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Find Orders' }).waitFor();
}

/** Waits until the locator is visible (playwright-core has no `expect`). */
export async function visible(locator: Locator, timeout = 10_000): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible', timeout });
  return locator;
}

export async function gone(locator: Locator, timeout = 10_000): Promise<void> {
  await locator.first().waitFor({ state: 'detached', timeout });
}

/** From the order search to the tracking form of one of the order's fulfillments, the way a person gets there. */
export async function openTrackingForm(page: Page, reference: string, sku: string): Promise<void> {
  await page.goto(`/orders?q=${reference}`);
  await page.getByRole('link', { name: reference }).click();
  await visible(page.getByRole('heading', { name: `Order ${reference}` }));
  await page.getByRole('link', { name: `Update tracking of ${sku}` }).click();
  await visible(page.getByRole('heading', { name: 'Update tracking' }));
}
