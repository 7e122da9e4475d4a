import { mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, signIn, visible } from '../support/browser';
import { createFixture, upsNumber, UPS_WRONG_CHECK_DIGIT, type Fixture } from '../support/fixtures';
import { layoutProblems } from '../support/layout-check';

/** Where the screenshots go: one per screen, language and width. */
const OUT = process.env.SCREENS_DIR ?? path.join(os.tmpdir(), 'ft-layout-screens');
const LOCALES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../client/src/locales');
const en = JSON.parse(readFileSync(path.join(LOCALES, 'en.json'), 'utf8')) as Record<string, unknown>;
const de = JSON.parse(readFileSync(path.join(LOCALES, 'de.json'), 'utf8')) as Record<string, unknown>;
const SECTIONS = Object.keys(en);
const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

/** "a.b.c" for every string in a locale file. */
function keysOf(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keysOf(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('every screen fits a desktop and a phone, in English and German, with every text translated', () => {
  let browser: Browser;
  let fx: Fixture & { prefix: string };
  let trackPage: string;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    fx = await createFixture({
      orders: [
        { suffix: '1', skus: ['TENT-2P', 'STOVE-1'], customer: 'Grace Hopper' },
        { suffix: '2', customer: 'Jörg Bäcker' },
        { suffix: '3', customer: 'Ada Lovelace' },
        { suffix: '4', customer: 'Alan Turing' },
        { suffix: '5', customer: 'Renée Weiß' },
        { suffix: '6', customer: 'Edsger Dijkstra' },
      ],
    });
    const [o1] = fx.orders;
    await fx.api.mutate(
      `mutation($input: UpdateFulfillmentTrackingInput!) {
        updateFulfillmentTracking(input: $input) { fulfillment { id } userErrors { code message } }
      }`,
      {
        input: {
          fulfillmentId: o1.fulfillments[0].id,
          trackingNumber: upsNumber(60),
          shippingMethod: 'Ground',
        },
      },
      'updateFulfillmentTracking',
    );
    await fx.api.mutate(
      `mutation($input: RecordTrackingEventInput!) { recordTrackingEvent(input: $input) { fulfillments { id } userErrors { code message } } }`,
      { input: { fulfillmentId: o1.fulfillments[0].id, status: 'IN_TRANSIT' } },
      'recordTrackingEvent',
    );
    // An inbound email that waits for review: two orders, one number.
    const { partners } = await fx.api.gql<{ partners: { id: string; inboundEmailUrl: string }[] }>(
      '{ partners { id inboundEmailUrl } }',
    );
    const raw = [
      'From: Warehouse <dispatch@warehouse.example.com>',
      `Subject: Shipped today: ${fx.orders[1].reference} and ${fx.orders[2].reference}`,
      '',
      `Orders ${fx.orders[1].reference} and ${fx.orders[2].reference} left today. Tracking: ${upsNumber(61)}`,
    ].join('\r\n');
    const res = await fetch(partners.find((p) => p.id === fx.partnerId)!.inboundEmailUrl, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822' },
      body: raw,
    });
    expect(res.ok).toBe(true);
    // The member's shipping email links to the public Track item page.
    let link: string | undefined;
    for (let i = 0; i < 50 && !link; i++) {
      const { mailMessages } = await fx.api.gql<{ mailMessages: { recipients: string; text: string }[] }>(
        '{ mailMessages(first: 50) { recipients text } }',
      );
      link = mailMessages
        .filter((m) => m.recipients.includes(`1-${fx.prefix.toLowerCase()}@`))
        .map((m) => /https?:\/\/\S+\/track\/[A-Za-z0-9_-]+/.exec(m.text)?.[0])
        .find((u) => u !== undefined);
      if (!link) await new Promise((r) => setTimeout(r, 200));
    }
    if (!link) throw new Error('no shipping email with a Track item link arrived');
    trackPage = new URL(link).pathname;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('every English text has a German translation and no German one is left over', () => {
    // The server's messages are worded in English in the shared catalogue, not in en.json; the server's own
    // suite holds de.json's words for them to that catalogue.
    const own = (keys: string[]) => keys.filter((k) => !k.startsWith('messages.variant.')).sort();
    expect(own(keysOf(de))).toEqual(own(keysOf(en)));
  });

  for (const lang of ['en', 'de'] as const) {
    it(`${lang}: no screen scrolls sideways, cuts a text off or shows a key`, async () => {
      const page = await newPage(browser, fx.baseURL, lang === 'de' ? 'de-DE' : 'en-US');
      const missing: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'warning' && m.text().startsWith('i18n:')) missing.push(m.text());
      });
      const problems: string[] = [];
      /** The screen as it is now, at both widths: screenshots, and what is wrong with it. */
      const check = async (name: string, ready?: () => Promise<unknown>) => {
        for (const [size, viewport] of [
          ['wide', WIDE],
          ['phone', PHONE],
        ] as const) {
          await page.setViewportSize(viewport);
          await ready?.();
          await page.evaluate(() => document.fonts.ready);
          await page.screenshot({ path: `${OUT}/${lang}-${size}-${name}.png` });
          for (const p of await layoutProblems(page, SECTIONS)) problems.push(`${name} (${size}): ${p}`);
          // On a desktop the top menu is one row: the brand, the menu and the language/sign-out group side by side.
          const wrapped = await page.locator('.topbar > *').evaluateAll((els) => {
            const rects = els.map((e) => e.getBoundingClientRect()).filter((r) => r.height > 0);
            const firstRowEnd = Math.min(...rects.map((r) => r.bottom));
            return rects.some((r) => r.top >= firstRowEnd);
          });
          if (size === 'wide' && wrapped)
            problems.push(`${name} (${size}): the top menu wraps to a second row`);
        }
        await page.setViewportSize(WIDE);
      };

      await page.goto('/sign-in');
      await page.evaluate((l) => localStorage.setItem('ft.language', l), lang);
      await page.reload();
      await visible(page.locator('form'));
      await check('sign-in');
      await page.evaluate(() => localStorage.setItem('ft.language', 'en'));
      await signIn(page, fx.email, fx.password);
      await page.evaluate((l) => localStorage.setItem('ft.language', l), lang);

      const [o1, o2] = fx.orders;
      await page.goto(`/orders?q=${fx.prefix}`);
      await visible(page.locator('tbody input[type=checkbox]'));
      await check('find-orders');
      await page.locator('.column-chooser > button').click();
      await visible(page.getByRole('dialog'));
      await check('column-chooser');
      await page.keyboard.press('Escape');
      await page
        .locator('tbody input[type=checkbox]')
        .nth(lang === 'en' ? 3 : 4)
        .check();
      await page.locator('tbody input[type=checkbox]').nth(0).check();
      await check('bulk-selection');
      await page.locator('.bulk-bar .btn.primary').click();
      await visible(page.locator('.bulk-outcome'));
      await check('bulk-result');

      await page.goto(`/fulfillments?q=${fx.prefix}`);
      await visible(page.locator('tbody input[type=checkbox]'));
      await check('product-fulfillment');

      await page.goto(`/orders/${encodeURIComponent(o1.id)}`);
      await visible(page.locator('.timeline'));
      // A change's values as the page shows them elsewhere: the carrier by name, the date in the UI's format.
      const shippedOn = new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-US', {
        dateStyle: 'medium',
      }).format(new Date());
      const changes = page.locator('.timeline .changes li');
      const carrier = lang === 'de' ? 'Versandunternehmen' : 'Carrier';
      // A regular expression: a text filter ignores case, and the code "ups" is what must not show.
      await visible(changes.filter({ hasText: new RegExp(`^${carrier}: – → UPS$`) }));
      await visible(changes.filter({ hasText: `– → ${shippedOn}` }));
      await check('order');

      await page.goto(`/fulfillments/${encodeURIComponent(o2.fulfillments[0].id)}`);
      await visible(page.locator('form'));
      await page.locator('input[name="trackingNumber"]').fill(UPS_WRONG_CHECK_DIGIT);
      await page.locator('form button[type=submit]').first().click();
      await visible(page.locator('.field-error'));
      await check('fulfillment-error');

      const csv = [
        'Order ID,Tracking Number,Tracking Carrier,Shipped Date',
        `${lang === 'en' ? fx.orders[4].reference : fx.orders[5].reference},${upsNumber(lang === 'en' ? 62 : 63)},UPS,2026-11-02`,
        `AO-99999,${upsNumber(64)},UPS,2026-11-03`,
        `${o2.reference},${UPS_WRONG_CHECK_DIGIT},UPS,13/45/2026`,
      ].join('\r\n');
      await page.goto('/import/new?kind=tracking');
      await page
        .locator('input[type=file]')
        .setInputFiles({ name: 'tracking.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await check('import-choose-file');
      await page.locator('form button[type=submit]').click();
      await visible(page.locator('table.mapping'));
      await check('import-map-columns');
      await page.locator('form button[type=submit]').click();
      await visible(page.locator('.rows-table tbody tr'));
      // The server's verdicts in the UI language, with their values.
      await visible(
        page.getByRole('cell', {
          name: lang === 'de' ? 'Unbekannte Bestellung AO-99999' : 'Unknown order AO-99999',
        }),
      );
      // The format the file was read with, in the letters of the UI language.
      await visible(
        page.getByRole('cell', {
          name:
            lang === 'de'
              ? '13/45/2026 ist kein Datum (erwartet: MM/TT/JJJJ, JJJJ-MM-TT oder ein Excel-Datum)'
              : '13/45/2026 is not a date (expected MM/DD/YYYY, YYYY-MM-DD or an Excel date)',
        }),
      );
      await check('import-preview');
      await page.locator('.wizard-step .btn.primary').click();
      await visible(page.locator('.changed-links a'), 20_000);
      await check('import-summary');

      for (const [name, url, ready] of [
        ['partners', '/admin/partners', 'article.card'],
        ['users', '/admin/users', 'table'],
        ['carriers', '/admin/carriers', 'table'],
        ['mail', '/admin/mail', '.mail-view'],
        ['inbound-emails', '/admin/inbound', 'article.inbound'],
      ] as const) {
        await page.goto(url);
        await visible(page.locator(ready));
        if (name === 'inbound-emails')
          await visible(
            page.getByText(
              lang === 'de'
                ? `Keine Bestellung zu ${upsNumber(61)} gefunden`
                : `No order found for ${upsNumber(61)}`,
            ),
          );
        await check(name);
      }
      await page.goto(trackPage);
      await visible(page.locator('h1'));
      await check('track');
      await page.context().close();

      expect(missing, 'i18n keys looked up that no language has').toEqual([]);
      expect(problems, `screenshots in ${OUT}`).toEqual([]);
    });
  }
});
