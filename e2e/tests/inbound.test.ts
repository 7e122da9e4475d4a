import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { gone, launchBrowser, newPage, signIn, visible } from '../support/browser';
import { createFixture, fulfillmentStatuses, upsNumber, type Fixture } from '../support/fixtures';

describe('inbound email review list', () => {
  let browser: Browser;
  let fx: Fixture & { prefix: string };
  let inboundUrl: string;
  beforeAll(async () => {
    fx = await createFixture({ orders: [{ suffix: 'IN1', skus: ['SKU-IN'] }, { suffix: 'IN2' }] });
    const { partners } = await fx.api.gql<{ partners: { id: string; inboundEmailUrl: string }[] }>(
      '{ partners { id inboundEmailUrl } }',
    );
    inboundUrl = partners.find((p) => p.id === fx.partnerId)!.inboundEmailUrl;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** A forwarded mail that waits for review (it names no order of the partner's, or one that cannot take it). */
  async function forward(subject: string, number: string) {
    const raw = [
      'From: Dispatch <dispatch@warehouse.example.com>',
      `Subject: ${subject}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      `Your parcel is on its way. Tracking: ${number}`,
    ].join('\r\n');
    const res = await fetch(inboundUrl, { method: 'POST', body: raw });
    expect(((await res.json()) as { status: string }).status).toBe('REVIEW');
  }

  it('applies a waiting email to a line chosen by order reference, and dismisses another', async () => {
    const applySubject = `Shipped ${fx.prefix} A`;
    const dismissSubject = `Shipped ${fx.prefix} B`;
    await forward(applySubject, upsNumber(61));
    await forward(dismissSubject, upsNumber(62));
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await page.getByRole('link', { name: 'Inbound email' }).click();

    const card = page.getByRole('article', { name: applySubject });
    await visible(card);
    await visible(card.getByText(`No order found for ${upsNumber(61)}`));
    await card.getByRole('textbox', { name: 'Order reference' }).fill(fx.orders[0].reference);
    await card.getByRole('button', { name: 'Find lines' }).click();
    const line = card.getByRole('combobox', { name: 'Line' });
    await visible(line);
    expect(await line.locator('option').allTextContents()).toEqual([
      'SKU-IN · Product SKU-IN · Awaiting shipment',
    ]);
    expect(await card.getByRole('combobox', { name: 'Tracking number' }).inputValue()).toBe(upsNumber(61));
    await card.getByRole('button', { name: 'Apply tracking' }).click();
    await gone(card);
    expect(await fulfillmentStatuses(fx.api, fx.orders[0].id)).toEqual(['SHIPPED']);

    const other = page.getByRole('article', { name: dismissSubject });
    await other.getByRole('button', { name: 'Dismiss' }).click();
    await gone(other);
    const { inboundEmails } = await fx.api.gql<{ inboundEmails: { subject: string; status: string }[] }>(
      '{ inboundEmails(status: "APPLIED,DISMISSED") { subject status } }',
    );
    expect(inboundEmails.filter((m) => m.subject.includes(fx.prefix))).toEqual([
      { subject: dismissSubject, status: 'DISMISSED' },
      { subject: applySubject, status: 'APPLIED' },
    ]);
  });

  it('says in German why the order named in a mail cannot take its number', async () => {
    const cancelled = fx.orders[1];
    await fx.api.gql(
      'mutation($i: CancelFulfillmentsInput!) { cancelFulfillments(input: $i) { changedCount } }',
      { i: { ids: cancelled.fulfillments.map((f) => f.id) } },
    );
    const subject = `Order ${cancelled.reference} shipped`;
    await forward(subject, upsNumber(63));
    const page = await newPage(browser, fx.baseURL);
    await signIn(page, fx.email, fx.password);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await page.goto('/admin/inbound');
    const card = page.getByRole('article', { name: subject });
    await visible(
      card.getByText(
        `Bestellung ${cancelled.reference}: Im Status Storniert kann kein Tracking gesetzt werden`,
      ),
    );
    await page.context().close();
  });
});
