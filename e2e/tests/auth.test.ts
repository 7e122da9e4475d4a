import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Request } from 'playwright-core';
import { launchBrowser, newPage, signIn, visible } from '../support/browser';
import { createFixture, type Fixture } from '../support/fixtures';

const isLogin = (request: Request) =>
  request.url().endsWith('/graphql') &&
  (request.postDataJSON() as { operationName?: string } | null)?.operationName === 'Login';

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

  it('an empty form and a wrong password are refused with a message', async () => {
    const page = await newPage(browser, fx.baseURL);
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('alert').filter({ hasText: 'Enter your email and password.' }));
    await page.getByLabel('Email').fill(fx.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('alert').filter({ hasText: 'Email or password is wrong.' }));
    await page.context().close();
  });

  it('after 10 failed sign-ins the page says to wait, with the minutes, in English and in German', async () => {
    // An account of its own: the tests above go on signing in as the fixture's user.
    const email = `locked-${fx.email}`;
    const password = 'locked-password-123';
    await fx.api.mutate(
      'mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } userErrors { code message } } }',
      { input: { email, password, role: 'SUPPORT' } },
      'createUser',
    );
    const page = await newPage(browser, fx.baseURL);
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(email);
    const submit = async (withPassword: string) => {
      await page.getByLabel('Password').fill(withPassword);
      await Promise.all([
        page.waitForResponse((r) => isLogin(r.request())),
        page.getByRole('button', { name: 'Sign in' }).click(),
      ]);
    };
    for (let i = 0; i < 10; i++) await submit('not-the-password');
    await visible(page.getByRole('alert').filter({ hasText: 'Email or password is wrong.' }));
    // Now even the right password is refused until the window has passed.
    await submit(password);
    await visible(
      page.getByRole('alert').filter({ hasText: /^Too many failed sign-ins; try again in 1[45] minutes\.$/ }),
    );
    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await visible(
      page.getByRole('alert').filter({
        hasText: /^Zu viele fehlgeschlagene Anmeldeversuche; bitte in 1[45] Minuten erneut versuchen\.$/,
      }),
    );
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.context().close();
  });

  it('words one minute in the singular, and shows the server message for a code it does not know', async () => {
    // The server counts down from 15 minutes; its answer is stood in for to reach 1 minute and a new code.
    const page = await newPage(browser, fx.baseURL);
    const answers = [
      {
        code: 'LIMIT_EXCEEDED',
        message: 'Too many failed sign-ins; try again in 1 minute',
        params: '{"minutes":1}',
      },
      { code: 'SOMETHING_NEW', message: 'The server says what happened', params: null },
    ];
    await page.route('**/graphql', async (route) => {
      if (!isLogin(route.request())) return route.continue();
      const error = answers.shift()!;
      await route.fulfill({
        json: {
          data: {
            login: {
              __typename: 'LoginPayload',
              user: null,
              userErrors: [{ __typename: 'UserError', field: null, ...error }],
            },
          },
        },
      });
    });
    await page.goto('/sign-in');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await page.getByLabel('E-Mail').fill(fx.email);
    await page.getByLabel('Passwort').fill('whatever-it-is');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await visible(
      page.getByRole('alert').filter({
        hasText: /^Zu viele fehlgeschlagene Anmeldeversuche; bitte in 1 Minute erneut versuchen\.$/,
      }),
    );
    await page.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
    await visible(
      page.getByRole('alert').filter({ hasText: /^Too many failed sign-ins; try again in 1 minute\.$/ }),
    );
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('alert').filter({ hasText: 'The server says what happened' }));
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
