import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMessage, isMessageVariant, MESSAGES, type MessageVariant } from '@ft/shared';
import {
  ADMIN,
  Client,
  createOrder,
  createPartner,
  signIn,
  startTestApp,
  upsNumber,
  type TestApp,
} from './harness.js';

let app: TestApp;
let admin: Client;
let partner: { id: string; client: Client; secret: string };

const ROWS = `rows(first: 20) { line outcome code message params field }`;
const PREVIEW = `mutation($i: PreviewImportInput!) { previewImport(input: $i) { importJob { id ${ROWS} } userErrors { field code message params } } }`;

async function upload(body: string, kind = 'tracking') {
  const res = await fetch(`${app.url}/imports?kind=${kind}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${partner.secret}`, 'content-type': 'text/csv' },
    body,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { importId: string }).importId;
}

async function preview(importId: string) {
  const { previewImport } = await partner.client.gql(PREVIEW, { i: { importId } });
  expect(previewImport.userErrors).toEqual([]);
  return previewImport.importJob.rows as {
    line: number;
    code: string | null;
    message: string;
    params: string;
  }[];
}

beforeAll(async () => {
  app = await startTestApp();
  admin = await signIn(app);
  partner = await createPartner(admin, app, 'Messages Partner');
  await createOrder(partner.client, {
    reference: 'MS-1',
    fulfillments: [{ sku: 'SHOE-42', productName: 'Shoe', quantity: 1 }],
  });
});
afterAll(async () => {
  await app?.stop();
});

describe('every row verdict names its message and values, so a client can word it in any language', () => {
  it('tracking rows: an unknown order, a missing SKU, a bad date, a duplicate and a change each carry a variant and their values', async () => {
    const rows = await preview(
      await upload(
        [
          'Order ID,SKU,Tracking Number,Shipped Date',
          `AO-99999,,${upsNumber(1)},`,
          `MS-1,NOPE-1,${upsNumber(2)},`,
          `MS-1,,${upsNumber(3)},31/31/2026`,
          `MS-1,,${upsNumber(4)},`,
          `MS-1,,${upsNumber(4)},`,
        ].join('\n'),
      ),
    );
    const byLine = new Map(rows.map((r) => [r.line, { ...r, params: JSON.parse(r.params) }]));
    expect(byLine.get(2)).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Unknown order AO-99999',
      params: { variant: 'unknownOrder', reference: 'AO-99999' },
    });
    expect(byLine.get(3)?.params).toEqual({ variant: 'noSkuOnOrder', reference: 'MS-1', sku: 'NOPE-1' });
    expect(byLine.get(4)).toMatchObject({
      code: 'INVALID_DATE',
      params: { variant: 'notADate', value: '31/31/2026', expected: 'MM/DD/YYYY' },
    });
    expect(byLine.get(5)).toMatchObject({ code: null, params: { variant: 'ships' } });
    expect(byLine.get(6)).toMatchObject({
      code: 'DUPLICATE_ROW',
      params: { variant: 'sameAsLine', line: 5 },
    });
  });

  it('a tracking number the carrier rejects carries the number and the carrier', async () => {
    const rows = await preview(
      await upload(`Order ID,Tracking Number,Carrier\nMS-1,1Z5R89390357567002,UPS\n`),
    );
    expect(rows[0]).toMatchObject({ code: 'INVALID_TRACKING_NUMBER' });
    expect(JSON.parse(rows[0]!.params)).toEqual({
      variant: 'checkDigit',
      number: '1Z5R89390357567002',
      carrier: 'UPS',
    });
  });

  it('return rows: a status that is neither RETURNED nor CANCELLED names the value', async () => {
    const rows = await preview(await upload(`Order ID,Status\nMS-1,LOST\n`, 'returns'));
    expect(rows[0]).toMatchObject({ code: 'INVALID' });
    expect(JSON.parse(rows[0]!.params)).toEqual({ variant: 'returnStatus', value: 'LOST' });
  });
});

const ERRORS = 'userErrors { field code message params }';

interface SentError {
  code: string;
  message: string;
  params: string | null;
}

/** The userErrors of a mutation, each checked to name its catalogue message and to be that message's English words. */
function catalogued(
  errors: SentError[],
): { code: string; variant: string; values: Record<string, unknown> }[] {
  expect(errors.length, 'the mutation should have refused').toBeGreaterThan(0);
  return errors.map((e) => {
    const { variant, ...values } = JSON.parse(e.params ?? '{}') as Record<string, string | number>;
    expect(
      typeof variant === 'string' && isMessageVariant(variant),
      `${e.code} "${e.message}" has no variant`,
    ).toBe(true);
    expect(e.message).toBe(formatMessage(variant as MessageVariant, values as never));
    return { code: e.code, variant: variant as string, values };
  });
}

describe('every userError names its catalogue message and values, so the UI can word it in German', () => {
  it('refusals across accounts, partners, orders, tracking, bulk actions, views, carriers and webhooks', async () => {
    const order = await createOrder(partner.client, {
      reference: 'MS-2',
      fulfillments: [{ sku: 'CAP-1', productName: 'Cap', quantity: 1 }],
    });
    const line = order.fulfillments[0].id as string;
    const cases: [string, Record<string, unknown>, string, string][] = [
      [
        `mutation($i: CreateUserInput!) { createUser(input: $i) { ${ERRORS} } }`,
        { i: { email: ADMIN.email, password: 'long-enough-password', role: 'SUPPORT' } },
        'createUser',
        'emailTaken',
      ],
      [
        `mutation($i: CreateUserInput!) { createUser(input: $i) { ${ERRORS} } }`,
        { i: { email: 'short@test.example', password: 'short', role: 'SUPPORT' } },
        'createUser',
        'atLeastChars',
      ],
      [
        `mutation($i: CreatePartnerInput!) { createPartner(input: $i) { ${ERRORS} } }`,
        { i: { name: 'Messages Partner' } },
        'createPartner',
        'partnerNameTaken',
      ],
      [
        `mutation($i: UpdateFulfillmentTrackingInput!) { updateFulfillmentTracking(input: $i) { ${ERRORS} } }`,
        { i: { fulfillmentId: line, trackingNumber: 'hello world!!' } },
        'updateFulfillmentTracking',
        'notATrackingNumber',
      ],
      [
        `mutation($i: UpdateFulfillmentTrackingInput!) { updateFulfillmentTracking(input: $i) { ${ERRORS} } }`,
        { i: { fulfillmentId: line, trackingNumber: upsNumber(7), shippedOn: '2030-01-01' } },
        'updateFulfillmentTracking',
        'shippedInFuture',
      ],
      [
        `mutation($i: MarkFulfillmentsShippedInput!) { markFulfillmentsShipped(input: $i) { ${ERRORS} } }`,
        { i: { ids: [line], shippedOn: '2030-01-01' } },
        'markFulfillmentsShipped',
        'shippedInFutureOn',
      ],
      [
        `mutation($i: MarkFulfillmentsShippedInput!) { markFulfillmentsShipped(input: $i) { ${ERRORS} } }`,
        { i: { ids: [] } },
        'markFulfillmentsShipped',
        'selectionEmpty',
      ],
      [
        `mutation($i: ReopenFulfillmentInput!) { reopenFulfillment(input: $i) { ${ERRORS} } }`,
        { i: { id: line } },
        'reopenFulfillment',
        'alreadyInStatus',
      ],
      [
        `mutation($i: SavedViewInput!) { createSavedView(input: $i) { ${ERRORS} } }`,
        { i: { grid: 'orders', name: ' ', filters: [], columns: [], sort: 'PLACED_AT', direction: 'DESC' } },
        'createSavedView',
        'viewNeedsName',
      ],
      [
        `mutation($i: SetGridPreferenceInput!) { setGridPreference(input: $i) { ${ERRORS} } }`,
        { i: { grid: 'nope', columns: [] } },
        'setGridPreference',
        'unknownGrid',
      ],
      [
        `mutation($i: SaveCarrierInput!) { saveCarrier(input: $i) { ${ERRORS} } }`,
        { i: { code: 'Bad Code!', name: 'Bad' } },
        'saveCarrier',
        'carrierCodeShape',
      ],
      [
        `mutation($i: SaveCarrierHandoverRuleInput!) { saveCarrierHandoverRule(input: $i) { ${ERRORS} } }`,
        { i: { partnerId: partner.id, fromCarrierCode: 'ups', toCarrierCode: 'ups' } },
        'saveCarrierHandoverRule',
        'handoverSameCarrier',
      ],
      [
        `mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { ${ERRORS} } }`,
        { i: { partnerId: partner.id, url: 'ftp://example.com/hook' } },
        'createWebhookEndpoint',
        'webhookUrlShape',
      ],
      [
        `mutation($i: RecordTrackingEventInput!) { recordTrackingEvent(input: $i) { ${ERRORS} } }`,
        { i: { status: 'IN_TRANSIT' } },
        'recordTrackingEvent',
        'eventNeedsTarget',
      ],
    ];
    for (const [query, variables, field, variant] of cases) {
      const data = await admin.gql(query, variables);
      const sent = catalogued(data[field].userErrors as SentError[]);
      expect(
        sent.map((e) => e.variant),
        field,
      ).toContain(variant);
    }
  });

  it('a refused sign-in names its message; the lockout gives the minutes as a count for the plural', async () => {
    const client = new Client(app.url);
    const login = async () =>
      (
        await client.gql(`mutation($i: LoginInput!) { login(input: $i) { ${ERRORS} } }`, {
          i: { email: 'nobody-messages@test.example', password: 'wrong-password' },
        })
      ).login.userErrors as SentError[];
    expect(catalogued(await login())[0]).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      variant: 'wrongCredentials',
    });
    let last = await login();
    for (let i = 0; i < 40 && last[0]?.code !== 'LIMIT_EXCEEDED'; i++) last = await login();
    const [locked] = catalogued(last);
    expect(locked).toMatchObject({ code: 'LIMIT_EXCEEDED', variant: 'signInLocked' });
    expect(locked!.values.count).toBeGreaterThan(0);
    expect(last[0]!.message).toMatch(/^Too many failed sign-ins; try again in \d+ minutes?$/);
  });
});

describe('the German UI words every server message', () => {
  const german = (
    JSON.parse(readFileSync(new URL('../../client/src/locales/de.json', import.meta.url), 'utf8')) as {
      messages: { variant: Record<string, string> };
    }
  ).messages.variant;
  const placeholders = (words: string) => [...words.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

  it('every catalogue message has German words naming the same values, and German has none the server lacks', () => {
    expect(Object.keys(german).sort()).toEqual(Object.keys(MESSAGES).sort());
    for (const [name, words] of Object.entries(MESSAGES)) {
      expect(placeholders(german[name]!), name).toEqual(placeholders(words));
      expect(german[name], `${name} is not translated`).not.toBe(words);
    }
  });
});
