import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginBlockedFor, recordLoginFailure } from '../src/auth/login-throttle.js';
import {
  ADMIN,
  Client,
  createPartner,
  createStaff,
  DB_KIND,
  signIn,
  startTestApp,
  type TestApp,
} from './harness.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('staff sign-in', () => {
  it('a wrong password is refused without saying which part was wrong', async () => {
    const client = new Client(app.url);
    const { login } = await client.gql(
      `mutation { login(input: { email: "${ADMIN.email}", password: "nope-nope-nope" }) { user { email } userErrors { code message } } }`,
    );
    expect(login.user).toBeNull();
    expect(login.userErrors).toEqual([
      { code: 'INVALID_CREDENTIALS', message: 'Email or password is wrong' },
    ]);
    expect(client.sessionCookie).toBeNull();
  });

  it('signing in sets an HttpOnly SameSite session cookie and viewer shows the admin', async () => {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation { login(input: { email: "${ADMIN.email.toUpperCase()}", password: "${ADMIN.password}" }) { user { email role } userErrors { code } } }`,
      }),
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^ft_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const body = await res.json();
    expect(body.data.login.user).toEqual({ email: ADMIN.email, role: 'ADMIN' });
  });

  it('logout ends the session: the same cookie no longer works', async () => {
    const admin = await signIn(app);
    const stolen = admin.sessionCookie!;
    expect((await admin.gql('{ viewer { role } }')).viewer.role).toBe('ADMIN');
    await admin.gql('mutation { logout }');
    const replay = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: stolen },
      body: JSON.stringify({ query: '{ orders { totalCount } }' }),
    });
    const body = await replay.json();
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('an expired session is refused', async () => {
    const admin = await signIn(app);
    expect((await admin.gql('{ viewer { role } }')).viewer.role).toBe('ADMIN');
    await app.ds.query('UPDATE session SET expires_at = ?', [
      DB_KIND === 'sqlite' ? '2000-01-01 00:00:00.000' : new Date('2000-01-01T00:00:00Z'),
    ]);
    expect((await admin.raw('{ orders { totalCount } }')).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('without credentials only login works: orders answer UNAUTHENTICATED', async () => {
    const anonymous = new Client(app.url);
    const result = await anonymous.raw('{ orders { totalCount } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await anonymous.gql('{ viewer { role } }')).viewer).toBeNull();
  });
});

describe('roles', () => {
  it('support staff cannot create partners, API keys or users', async () => {
    const admin = await signIn(app);
    const support = await createStaff(admin, app, 'SUPPORT');
    for (const mutation of [
      'mutation { createPartner(input: { name: "X" }) { userErrors { code } } }',
      'mutation { createApiKey(input: { partnerId: "x", name: "k" }) { secret } }',
      'mutation { createUser(input: { email: "a@b.c", role: SUPPORT, password: "long-enough-pw" }) { userErrors { code } } }',
    ]) {
      const result = await support.raw(mutation);
      expect(result.errors?.[0]?.extensions?.code, mutation).toBe('FORBIDDEN');
    }
    expect((await support.gql('{ viewer { role } }')).viewer.role).toBe('SUPPORT');
  });

  it('a user password shorter than the minimum is a userError, and the user is not created', async () => {
    const admin = await signIn(app);
    const { createUser } = await admin.gql(
      'mutation { createUser(input: { email: "short@test.example", role: SUPPORT, password: "short" }) { user { id } userErrors { field code } } }',
    );
    expect(createUser).toEqual({
      user: null,
      userErrors: [{ field: ['input', 'password'], code: 'INVALID' }],
    });
    expect(
      (await admin.gql('{ users { email } }')).users.map((u: { email: string }) => u.email),
    ).not.toContain('short@test.example');
  });
});

describe('partner API keys', () => {
  it('the secret is shown once, only its hash is stored, and it authenticates as the partner', async () => {
    const admin = await signIn(app);
    const partner = await createPartner(admin, app, 'Key Test Partner');
    expect(partner.secret).toMatch(/^ftk_[A-Za-z0-9_-]{40,}$/);
    const stored = await app.ds.query('SELECT secret_hash FROM api_key');
    expect(JSON.stringify(stored)).not.toContain(partner.secret);
    const { viewer } = await partner.client.gql('{ viewer { role partner { id name } user { id } } }');
    expect(viewer).toEqual({
      role: 'PARTNER',
      partner: { id: partner.id, name: 'Key Test Partner' },
      user: null,
    });
  });

  it('a revoked key stops working at once', async () => {
    const admin = await signIn(app);
    const partner = await createPartner(admin, app);
    const { partners } = await admin.gql('{ partners { id apiKeys { id revokedAt } } }');
    const key = partners.find((p: { id: string }) => p.id === partner.id).apiKeys[0];
    await admin.gql('mutation($i: RevokeApiKeyInput!) { revokeApiKey(input: $i) { apiKey { revokedAt } } }', {
      i: { apiKeyId: key.id },
    });
    const result = await partner.client.raw('{ orders { totalCount } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a partner cannot read staff-only fields such as API keys', async () => {
    const admin = await signIn(app);
    const partner = await createPartner(admin, app);
    const result = await partner.client.raw('{ partners { id apiKeys { id } } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('sign-in throttle', () => {
  const login = (email: string, password: string) =>
    new Client(app.url).gql(
      `mutation($i: LoginInput!) { login(input: $i) { user { email } userErrors { code message params } } }`,
      { i: { email, password } },
    );

  it('counts the account, not the spelling: a locked account refuses accented and case variants too', async () => {
    const admin = await signIn(app);
    const email = 'admin.locked@test.example';
    const password = 'right-password-123';
    const { createUser } = await admin.gql(
      `mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } userErrors { code } } }`,
      { i: { email, role: 'SUPPORT', password } },
    );
    expect(createUser.userErrors).toEqual([]);
    for (let i = 0; i < 10; i++)
      expect((await login(email, 'wrong-password')).login.userErrors).toEqual([
        {
          code: 'INVALID_CREDENTIALS',
          message: 'Email or password is wrong',
          params: JSON.stringify({ variant: 'wrongCredentials' }),
        },
      ]);
    // The minutes are machine-readable too, so a client can say them in its own language.
    const [locked] = (await login(email, password)).login.userErrors;
    expect(locked).toEqual({
      code: 'LIMIT_EXCEEDED',
      message: 'Too many failed sign-ins; try again in 15 minutes',
      params: '{"variant":"signInLocked","count":15,"minutes":15}',
    });
    for (const variant of [
      email,
      'ádmin.locked@test.example',
      'a\u0301dmin.locked@test.example',
      'ADMİN.LOCKED@TEST.EXAMPLE',
      'Admin.Locked@Test.Example',
    ]) {
      const result = await login(variant, password);
      expect(result.login.user, variant).toBeNull();
      expect(result.login.userErrors[0].code, variant).toBe('LIMIT_EXCEEDED');
    }
  });

  it('the wait is counted in whole minutes from the oldest failure in the window, down to 1', () => {
    const subject = { email: 'clock.test@test.example', userId: null };
    const t0 = Date.parse('2026-11-02T10:00:00Z');
    for (let i = 0; i < 10; i++) recordLoginFailure(subject, null, t0 + i * 1000);
    expect(loginBlockedFor(subject, null, t0 + 10_000)).toBe(15);
    expect(loginBlockedFor(subject, null, t0 + 13.5 * 60_000)).toBe(2);
    expect(loginBlockedFor(subject, null, t0 + 14.5 * 60_000)).toBe(1);
    expect(loginBlockedFor(subject, null, t0 + 15 * 60_000 + 1000)).toBe(0);
  });

  it('guesses at an email with no account are counted by its normalised spelling', async () => {
    for (let i = 0; i < 10; i++)
      expect((await login('nobody.here@test.example', 'guess')).login.userErrors[0].code).toBe(
        'INVALID_CREDENTIALS',
      );
    for (const variant of [
      'nóbody.here@test.example',
      'NOBODY.HERE@test.example',
      'ñobody.here@test.example',
    ])
      expect((await login(variant, 'guess')).login.userErrors[0].code, variant).toBe('LIMIT_EXCEEDED');
    // A different address is its own count.
    expect((await login('somebody.else@test.example', 'guess')).login.userErrors[0].code).toBe(
      'INVALID_CREDENTIALS',
    );
  });
});
