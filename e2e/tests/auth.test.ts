import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, signIn, visible } from '../support/browser';
import { createFixture, type Fixture } from '../support/fixtures';

describe('signing in', () => {
  let browser: Browser;
  let fx: Fixture;
  beforeAll(async () => {
    fx = await createFixture({ orders: [{ suffix: 'AUTH1' }] });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a staff user signs in, lands on Find Orders, and signs out again', async () => {
    const page = await newPage(browser, fx.baseURL);
    await page.goto('/orders');
    await visible(page.getByRole('button', { name: 'Sign in' }));
    await signIn(page, fx.email, fx.password);
    expect(new URL(page.url()).pathname).toBe('/orders');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await visible(page.getByRole('button', { name: 'Sign in' }));
    await page.goto('/orders');
    await visible(page.getByRole('button', { name: 'Sign in' }));
    await page.context().close();
  });

  it('a wrong password is refused with a message', async () => {
    const page = await newPage(browser, fx.baseURL);
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(fx.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('alert').filter({ hasText: 'Email or password is wrong.' }));
    await page.context().close();
  });

  it('an expired session sends the user to sign in with an explanation', async () => {
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await page.context().clearCookies();
    await page.getByRole('link', { name: 'Product Fulfillment' }).click();
    await visible(page.getByText('Your session has expired, please sign in again'));
    await visible(page.getByRole('button', { name: 'Sign in' }));
    await page.context().close();
  });
});
