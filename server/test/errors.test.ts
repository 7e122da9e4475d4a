import { format } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN, createPartner, signIn, startTestApp, type Client, type TestApp } from './harness.js';

/**
 * A client's mistake answers a 400-class status with a code that says what to
 * fix, never 500 "Internal server error"; production answers name no schema
 * detail introspection hides; and no request body ever reaches the log.
 */
let prod: TestApp;
let admin: Client;

/** Everything the console would have printed while `work` ran (captured, not printed). */
async function withConsole<T>(work: () => Promise<T>): Promise<{ result: T; log: string }> {
  const spies = (['error', 'warn', 'log', 'info', 'debug'] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation(() => undefined),
  );
  try {
    const result = await work();
    return { result, log: spies.flatMap((s) => s.mock.calls.map((args) => format(...args))).join('\n') };
  } finally {
    for (const s of spies) s.mockRestore();
  }
}

async function post(body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${prod.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await res.text();
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    text,
    json: () => JSON.parse(text),
  };
}

beforeAll(async () => {
  // Express picks its environment (and whether its own error handler logs) from NODE_ENV when the app is made.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    prod = await startTestApp({ production: true, introspection: false, webhookAllowPrivate: false });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  admin = await signIn(prod);
});
afterAll(async () => {
  await prod?.stop();
});

describe('client mistakes are 400-class errors with a code', () => {
  it('a variable of the wrong type is BAD_USER_INPUT (400)', async () => {
    const { result } = await withConsole(() =>
      post(
        JSON.stringify({
          query: 'query($first: Int) { orders(first: $first) { totalCount } }',
          variables: { first: 'ten' },
        }),
        { cookie: admin.sessionCookie! },
      ),
    );
    expect(result.status).toBe(400);
    expect(result.json().errors).toEqual([
      {
        message: expect.stringMatching(/^Variable "\$first" got invalid value "ten"/),
        locations: [expect.any(Object)],
        extensions: { code: 'BAD_USER_INPUT' },
      },
    ]);
  });

  it('2^12 fragment spreads are LIMIT_EXCEEDED (400)', async () => {
    const fragments = ['fragment F0 on Query { __typename }'];
    for (let i = 1; i <= 12; i++) fragments.push(`fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`);
    const { result } = await withConsole(() =>
      post(JSON.stringify({ query: `query { ...F12 } ${fragments.join(' ')}` }), {
        cookie: admin.sessionCookie!,
      }),
    );
    expect(result.status).toBe(400);
    expect(result.json().errors).toEqual([
      {
        message: expect.stringMatching(/more than 10000 selections once its fragments are spread/),
        extensions: { code: 'LIMIT_EXCEEDED' },
      },
    ]);
  });

  it('a webhook URL that cannot be parsed (an IPv6 zone id) is a userError INVALID on the url', async () => {
    const partner = await createPartner(admin, prod);
    const { result } = await withConsole(() =>
      partner.client.raw(
        `mutation($u: String!) { createWebhookEndpoint(input: { url: $u }) { endpoint { id } userErrors { field code message } } }`,
        { u: 'http://[fe80::1%25lo]/' },
      ),
    );
    expect(result.status).toBe(200);
    expect(result.errors).toBeUndefined();
    expect(result.data.createWebhookEndpoint).toEqual({
      endpoint: null,
      userErrors: [
        {
          field: ['input', 'url'],
          code: 'INVALID',
          message: expect.stringContaining('is not a URL that can be called'),
        },
      ],
    });
  });

  it('the same URL is refused where private targets are allowed (outside production) too', async () => {
    const dev = await startTestApp({ webhookAllowPrivate: true });
    try {
      const partner = await createPartner(await signIn(dev), dev);
      const { createWebhookEndpoint } = await partner.client.gql(
        `mutation($u: String!) { createWebhookEndpoint(input: { url: $u }) { endpoint { id } userErrors { field code } } }`,
        { u: 'http://[fe80::1%25lo]/' },
      );
      expect(createWebhookEndpoint).toEqual({
        endpoint: null,
        userErrors: [{ field: ['input', 'url'], code: 'INVALID' }],
      });
    } finally {
      await dev.stop();
    }
  });

  it('with introspection off, errors suggest no field names', async () => {
    const { result } = await withConsole(() =>
      post(JSON.stringify({ query: '{ ordrs { totalCount } }' }), { cookie: admin.sessionCookie! }),
    );
    expect(result.status).toBe(400);
    const [error] = result.json().errors;
    expect(error.message).toBe('Cannot query field "ordrs" on type "Query".');
    expect(error.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');

    // Nor do a variable's values: an enum value or an input field spelt wrong.
    for (const filter of [{ statuses: ['OPN'] }, { statusez: ['OPEN'] }]) {
      const { result: variable } = await withConsole(() =>
        post(
          JSON.stringify({
            query: 'query($f: OrderFilter) { orders(first: 1, filter: $f) { totalCount } }',
            variables: { f: filter },
          }),
          { cookie: admin.sessionCookie! },
        ),
      );
      expect(variable.status).toBe(400);
      const [wrong] = variable.json().errors;
      expect(wrong.extensions.code).toBe('BAD_USER_INPUT');
      expect(wrong.message).toMatch(/^Variable "\$f" got invalid value/);
      expect(wrong.message).not.toMatch(/Did you mean|"statuses"/);
    }
  });
});

describe('a body that cannot be read', () => {
  const password = 'hunter2-never-in-a-log';
  const login = (trailer: string) =>
    `{"query":"mutation($i: LoginInput!) { login(input: $i) { user { email } } }","variables":{"i":{"email":"${ADMIN.email}","password":"${password}"${trailer}}}}`;

  it('malformed JSON answers 400 BAD_REQUEST and the log has neither the body nor its password', async () => {
    const { result, log } = await withConsole(() =>
      post(login(','), {
        cookie: 'ft_session=cookie-secret-value',
        authorization: 'Bearer ftk_header_secret',
      }),
    );
    for (const secret of [password, 'cookie-secret-value', 'ftk_header_secret', ADMIN.email])
      expect(log).not.toContain(secret);
    expect(result.status).toBe(400);
    expect(result.contentType).toMatch(/^application\/json/);
    expect(result.json()).toEqual({
      errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
    });
    expect(log).toContain('[http] POST /graphql: 400 entity.parse.failed');
  });

  it('a sign-in whose variable has the wrong shape answers 400, and the password it quotes stays out of the log', async () => {
    const { result, log } = await withConsole(() =>
      post(
        JSON.stringify({
          query: 'mutation($i: LoginInput!) { login(input: $i) { user { email } } }',
          variables: { i: { email: ADMIN.email, password, remember: true } },
        }),
      ),
    );
    expect(log).not.toContain(password);
    expect(result.status).toBe(400);
    expect(result.json().errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });

  it('a body over the limit answers 413 LIMIT_EXCEEDED, and the log has none of it', async () => {
    const { result, log } = await withConsole(() => post(login(`,"pad":"${'x'.repeat(3 * 1024 * 1024)}"`)));
    expect(result.status).toBe(413);
    expect(result.json()).toEqual({
      errors: [
        { message: 'The request body is larger than 2048 KB', extensions: { code: 'LIMIT_EXCEEDED' } },
      ],
    });
    expect(log).toContain('[http] POST /graphql: 413 entity.too.large');
    expect(log).not.toContain(password);
  });
});
