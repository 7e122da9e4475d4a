import { inject } from 'vitest';
import { Api } from './api';

interface TestOrder {
  id: string;
  reference: string;
  fulfillments: { id: string; sku: string; version: number }[];
}

export interface Fixture {
  baseURL: string;
  api: Api;
  email: string;
  password: string;
  partnerId: string;
  orders: TestOrder[];
}

/** A valid UPS number 1Z5R89390357567 + two digits (n = 0..99) + UPS's mod-10 check digit. */
export function upsNumber(n: number): string {
  const body = `5R89390357567${String(n).padStart(2, '0')}`;
  let sum = 0;
  [...body].forEach((ch, i) => {
    const v = /\d/.test(ch) ? Number(ch) : (ch.charCodeAt(0) - 63) % 10;
    sum += i % 2 === 1 ? v * 2 : v;
  });
  return `1Z${body}${(10 - (sum % 10)) % 10}`;
}
export const UPS_WRONG_CHECK_DIGIT = '1Z5R89390357567002';

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();

/**
 * Everything a test file needs, made through the API: its own admin user (so grid
 * preferences do not leak between files), a partner and orders with a shared prefix.
 */
export async function createFixture(opts: {
  orders: { suffix: string; skus?: string[]; customer?: string }[];
}): Promise<Fixture & { prefix: string }> {
  const baseURL = inject('baseURL');
  const admin = new Api(baseURL);
  await admin.login(inject('adminEmail'), inject('adminPassword'));
  const prefix = `T${unique()}`;
  const email = `${prefix.toLowerCase()}@e2e.example.com`;
  const password = 'e2e-password-123';
  await admin.mutate(
    'mutation($input: CreateUserInput!) { createUser(input: $input) { user { id } userErrors { code message } } }',
    { input: { email, password, role: 'ADMIN' } },
    'createUser',
  );
  const { partner } = await admin.mutate<{ partner: { id: string } }>(
    'mutation($input: CreatePartnerInput!) { createPartner(input: $input) { partner { id } userErrors { code message } } }',
    { input: { name: `Partner ${prefix}`, notificationEmails: [`ops-${prefix.toLowerCase()}@example.com`] } },
    'createPartner',
  );
  const orders: TestOrder[] = [];
  for (const [i, o] of opts.orders.entries()) {
    const { order } = await admin.mutate<{ order: TestOrder }>(
      `mutation($input: CreateOrderInput!) {
        createOrder(input: $input) {
          order { id reference fulfillments { id sku version } }
          userErrors { code message }
        }
      }`,
      {
        input: {
          partnerId: partner.id,
          reference: `${prefix}-${o.suffix}`,
          placedAt: new Date(Date.now() - (opts.orders.length - i) * 60_000).toISOString(),
          customer: {
            name: o.customer ?? `Customer ${o.suffix}`,
            email: `${o.suffix.toLowerCase()}-${prefix.toLowerCase()}@example.com`,
            locale: 'en',
          },
          fulfillments: (o.skus ?? ['SKU-A']).map((sku) => ({
            sku,
            productName: `Product ${sku}`,
            quantity: 1,
          })),
        },
      },
      'createOrder',
    );
    orders.push(order);
  }
  const api = new Api(baseURL);
  await api.login(email, password);
  return { baseURL, api, email, password, partnerId: partner.id, orders, prefix };
}

export async function fulfillmentStatuses(api: Api, orderId: string): Promise<string[]> {
  const data = await api.gql<{ order: { fulfillments: { status: string }[] } }>(
    'query($id: ID!) { order(id: $id) { fulfillments { status } } }',
    { id: orderId },
  );
  return data.order.fulfillments.map((f) => f.status);
}
