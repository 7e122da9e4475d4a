import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, openTrackingForm, signIn, visible } from '../support/browser';
import { createFixture, fulfillmentStatuses, upsNumber, type Fixture } from '../support/fixtures';

const TRACKING = `query($id: ID!) { order(id: $id) { fulfillments { tracking { number carrierName carrier { code } } } } }`;
const trackingOf = async (fx: Fixture, orderId: string) =>
  (await fx.api.gql<{ order: { fulfillments: { tracking: unknown }[] } }>(TRACKING, { id: orderId })).order
    .fulfillments[0]!.tracking;

describe('carriers', () => {
  let browser: Browser;
  let fx: Fixture & { prefix: string };
  beforeAll(async () => {
    fx = await createFixture({
      orders: [
        { suffix: 'CM1', skus: ['SKU-M'] },
        { suffix: 'CM2', skus: ['SKU-Y'] },
      ],
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a UPS number saved as USPS is questioned; nothing changes until the user confirms USPS', async () => {
    const order = fx.orders[0]!;
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await openTrackingForm(page, order.reference, 'SKU-M');
    const number = upsNumber(41);
    await page.getByRole('textbox', { name: 'Tracking number' }).fill(number);
    await page.getByRole('combobox', { name: 'Carrier', exact: true }).fill('USPS');
    await page.getByRole('button', { name: 'Save tracking' }).click();

    const question = await visible(page.getByRole('alert').filter({ hasText: 'is a UPS number' }));
    expect(await question.textContent()).toContain(
      `${number} is a UPS number, not USPS. Save it with USPS anyway?`,
    );
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    expect(await fulfillmentStatuses(fx.api, order.id)).toEqual(['HOLD']);
    await visible(page.getByRole('button', { name: 'Use UPS' }));

    await page.getByRole('button', { name: 'Save with USPS' }).click();
    await visible(page.getByText('Tracking saved.'));
    expect(await fulfillmentStatuses(fx.api, order.id)).toEqual(['SHIPPED']);
    expect(await trackingOf(fx, order.id)).toEqual({ number, carrierName: null, carrier: { code: 'usps' } });
    await page.context().close();
  });

  it('a typo of a known carrier is answered with "Did you mean FedEx?", and the suggestion is saved', async () => {
    const order = fx.orders[1]!;
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await openTrackingForm(page, order.reference, 'SKU-Y');
    await page.getByRole('textbox', { name: 'Tracking number' }).fill('ABC123XYZ9');
    await page.getByRole('combobox', { name: 'Carrier', exact: true }).fill('Fedx');
    await page.getByRole('button', { name: 'Save tracking' }).click();
    await visible(page.getByText('“Fedx” is not a carrier we know. Did you mean FedEx?'));
    expect(await fulfillmentStatuses(fx.api, order.id)).toEqual(['HOLD']);

    await page.getByRole('button', { name: 'Use FedEx' }).click();
    await visible(page.getByText('Tracking saved.'));
    expect(await page.getByRole('combobox', { name: 'Carrier', exact: true }).inputValue()).toBe('FedEx');
    expect(await trackingOf(fx, order.id)).toEqual({
      number: 'ABC123XYZ9',
      carrierName: null,
      carrier: { code: 'fedex' },
    });
    await page.context().close();
  });

  it('an admin adds a carrier on the Carriers page, is told what a URL template needs, and edits it', async () => {
    const code = `c_${fx.prefix.toLowerCase()}`.slice(0, 32);
    const name = `Speedy ${fx.prefix}`;
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await page.goto(`${fx.baseURL}/admin/carriers`);
    await page.getByRole('button', { name: 'Add carrier' }).click();
    const form = page.getByRole('form', { name: 'New carrier' });
    await form.getByRole('textbox', { name: 'Code' }).fill(code);
    await form.getByRole('textbox', { name: 'Name' }).fill(name);
    const template = form.getByRole('textbox', { name: 'Tracking URL template' });
    await template.fill('https://speedy.example/track');
    await form.getByRole('textbox', { name: 'Recognised spellings' }).fill('Speedy Parcels, SPX');
    await form
      .getByRole('textbox', { name: 'Pickup window' })
      .fill('Collected every business day 2:30–5 PM Eastern');
    await form
      .getByRole('textbox', { name: 'Note for staff and members' })
      .fill('Scans appear the morning after pickup.');
    await form.getByRole('checkbox', { name: /Label created/ }).check();
    await form.getByRole('button', { name: 'Save carrier' }).click();
    await visible(form.getByText('Enter an http(s) address containing {number}'));
    expect(await template.getAttribute('aria-invalid')).toBe('true');

    await template.fill('https://speedy.example/track/{number}');
    await form.getByRole('button', { name: 'Save carrier' }).click();
    await visible(page.getByRole('status').filter({ hasText: `${name} saved.` }));
    const row = page.getByRole('row').filter({ hasText: code });
    await visible(row.getByText('Pickup: Collected every business day 2:30–5 PM Eastern'));
    await visible(row.getByText('speedyparcels, spx'));

    await page.getByRole('button', { name: `Edit ${name}` }).click();
    const edit = page.getByRole('form', { name: `Edit ${name}` });
    expect(await edit.getByRole('checkbox', { name: /Label created/ }).isChecked()).toBe(true);
    await edit.getByRole('textbox', { name: 'Name' }).fill(`${name} Express`);
    await edit.getByRole('textbox', { name: 'Pickup window' }).fill('');
    await edit.getByRole('button', { name: 'Save carrier' }).click();
    await visible(page.getByRole('status').filter({ hasText: `${name} Express saved.` }));
    // Focus goes back to the carrier's Edit button, which reads the new name once the list has it.
    await page.waitForFunction(
      (label) => document.activeElement?.getAttribute('aria-label') === label,
      `Edit ${name} Express`,
      { timeout: 10_000 },
    );

    const { carriers } = await fx.api.gql<{ carriers: Record<string, unknown>[] }>(
      '{ carriers { code name trackingUrlTemplate aliases quirkNote pickupWindow labelScanAtOnce } }',
    );
    expect(carriers.find((c) => c.code === code)).toEqual({
      code,
      name: `${name} Express`,
      trackingUrlTemplate: 'https://speedy.example/track/{number}',
      aliases: ['speedyparcels', 'spx'],
      quirkNote: 'Scans appear the morning after pickup.',
      pickupWindow: null,
      labelScanAtOnce: true,
    });
    await page.context().close();
  });
});
