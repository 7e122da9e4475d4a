import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'typeorm';
import type { DataSource } from 'typeorm';
import { ensureFirstAdmin } from '../src/auth/auth.service.js';
import { createApp } from '../src/app.js';
import { loadConfig, type Config, type DatabaseConfig } from '../src/config.js';
import { createDataSource } from '../src/db/data-source.js';
import { checkDigitFor } from '../src/tracking/tracking-number.js';

export const DB_KIND = process.env.TEST_DB === 'mariadb' ? 'mariadb' : 'sqlite';
const MYSQL_ROOT = process.env.TEST_MYSQL_URL ?? 'mysql://ft_test:ft_test@127.0.0.1:3306/';
export const ADMIN = { email: 'admin@test.example', password: 'admin-password-123' };

/** Counts the SQL statements the app sends, to prove pages and bulk actions do not scale round trips with rows. */
class QueryCounter implements Logger {
  count = 0;
  statements: string[] = [];
  logQuery(query: string) {
    this.count++;
    if (this.statements.length < 500) this.statements.push(query);
  }
  logQueryError() {}
  logQuerySlow(time: number, query: string) {
    console.log(`[slow ${time} ms] ${query.slice(0, 300)}`);
  }
  logSchemaBuild() {}
  logMigration() {}
  log() {}
  reset() {
    this.count = 0;
    this.statements = [];
  }
}

/** A fresh, migrated database of its own for one test file: a temp SQLite file or a new MariaDB database. */
export async function freshDatabase(
  kind: 'sqlite' | 'mariadb' = DB_KIND,
  root = MYSQL_ROOT,
): Promise<{ db: DatabaseConfig; drop: () => Promise<void> }> {
  const name = `ft_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  if (kind === 'sqlite') {
    const file = path.join(os.tmpdir(), `${name}.sqlite`);
    return {
      db: { type: 'sqlite', path: file, isDefault: false },
      drop: async () => {
        for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
      },
    };
  }
  const mysql = await import('mysql2/promise');
  let conn;
  try {
    conn = await mysql.createConnection({ uri: root, connectTimeout: 5000 });
  } catch (error) {
    throw new Error(
      `MariaDB tests need a server at ${root} (set TEST_MYSQL_URL); it is not reachable: ${(error as Error).message}`,
      { cause: error },
    );
  }
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  const url = new URL(root);
  url.pathname = `/${name}`;
  return {
    db: { type: 'mysql', url: url.toString() },
    drop: async () => {
      const c = await mysql.createConnection({ uri: root });
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

export interface TestApp {
  url: string;
  ds: DataSource;
  config: Config;
  queries: QueryCounter;
  stop: () => Promise<void>;
}

/** The real app (HTTP + GraphQL + database), as main.ts starts it, on a free port. */
export async function startTestApp(
  overrides: Partial<Config> = {},
  fresh: () => ReturnType<typeof freshDatabase> = () => freshDatabase(),
): Promise<TestApp> {
  const { db, drop } = await fresh();
  const queries = new QueryCounter();
  const config: Config = {
    ...loadConfig({ PORT: '0' }),
    database: db,
    seedDemo: false,
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
    production: false,
    ...overrides,
  };
  const ds = await createDataSource(db, {
    logger: queries,
    slowQueryMs: Number(process.env.SLOW_QUERY_MS ?? 0) || undefined,
  });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ensureFirstAdmin(ds, ADMIN.email, ADMIN.password);
  const served = await serve(ds, config);
  return {
    url: served.url,
    ds,
    config,
    queries,
    stop: async () => {
      await served.stop();
      await drop();
    },
  };
}

/** The app on a free loopback port; stop closes it and its database pool. */
export async function serve(
  ds: DataSource,
  config: Config,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const { app, apollo } = await createApp(ds, config);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  server.keepAliveTimeout = 65_000;
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
      await ds.destroy();
    },
  };
}

/** Another server process's worth of app (its own pool and state) on the same database, as a scaled-out deployment runs. */
export async function startSecondServer(app: TestApp): Promise<{ url: string; stop: () => Promise<void> }> {
  const ds = await createDataSource(app.config.database);
  await ds.initialize();
  return serve(ds, app.config);
}

export interface GqlResult<T = any> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
  status: number;
}

/** A GraphQL caller: a browser with a cookie jar, or a partner system with a bearer key. */
export class Client {
  private cookie: string | null = null;
  constructor(
    readonly url: string,
    private bearer: string | null = null,
  ) {}

  async raw<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<GqlResult<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const res = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    return { ...((await res.json()) as object), status: res.status };
  }

  /** Runs a query and fails loudly on top-level errors. */
  async gql<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await this.raw<T>(query, variables);
    if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data!;
  }

  get sessionCookie() {
    return this.cookie;
  }
}

export async function signIn(app: TestApp, email = ADMIN.email, password = ADMIN.password): Promise<Client> {
  const client = new Client(app.url);
  const { login } = await client.gql(
    `mutation($i: LoginInput!) { login(input: $i) { user { email } userErrors { code message } } }`,
    { i: { email, password } },
  );
  if (login.userErrors.length) throw new Error(`login failed: ${JSON.stringify(login.userErrors)}`);
  return client;
}

export async function createStaff(admin: Client, app: TestApp, role: 'ADMIN' | 'SUPPORT'): Promise<Client> {
  const email = `${role.toLowerCase()}-${randomBytes(3).toString('hex')}@test.example`;
  const password = 'staff-password-123';
  const { createUser } = await admin.gql(
    `mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } userErrors { code } } }`,
    { i: { email, role, password } },
  );
  if (createUser.userErrors.length) throw new Error(JSON.stringify(createUser.userErrors));
  return signIn(app, email, password);
}

/** A partner with an API key; returns the partner's id and a client that calls as that partner. */
export async function createPartner(
  admin: Client,
  app: TestApp,
  name = `Partner ${randomBytes(3).toString('hex')}`,
): Promise<{ id: string; client: Client; secret: string }> {
  const { createPartner } = await admin.gql(
    `mutation($i: CreatePartnerInput!) { createPartner(input: $i) { partner { id } userErrors { code message } } }`,
    { i: { name } },
  );
  const id = createPartner.partner.id as string;
  const { createApiKey } = await admin.gql(
    `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret userErrors { code } } }`,
    { i: { partnerId: id, name: 'test key' } },
  );
  return { id, secret: createApiKey.secret, client: new Client(app.url, createApiKey.secret) };
}

const ORDER_FIELDS = `id reference status placedAt customer { name email locale } partner { id name }
  fulfillments { id sku status shippedOn version notShippingReason tracking { number url method carrier { code } } }
  subscriptions { id status }`;

let refSeq = 0;
export async function createOrder(client: Client, input: Record<string, unknown> = {}): Promise<any> {
  const { createOrder } = await client.gql(
    `mutation($i: CreateOrderInput!) { createOrder(input: $i) { order { ${ORDER_FIELDS} } userErrors { field code message } } }`,
    {
      i: {
        reference: `T-${process.pid}-${++refSeq}`,
        customer: { name: 'Ada Lovelace', email: 'ada@example.com', locale: 'en' },
        fulfillments: [{ sku: 'SHOE-42', productName: 'Trail Running Shoe', quantity: 1 }],
        ...input,
      },
    },
  );
  if (createOrder.userErrors.length)
    throw new Error(`createOrder: ${JSON.stringify(createOrder.userErrors)}`);
  return createOrder.order;
}

/** The n-th valid UPS number of the fixtures' series 1Z5R8939035756…; the check digit comes from the tracking library. */
export function upsNumber(n: number): string {
  const serial = `1Z5R89390357567${String(n).padStart(2, '0')}`;
  for (let d = 0; d <= 9; d++) if (checkDigitFor('ups', serial + d)) return serial + d;
  throw new Error(`no valid UPS number for ${n}`);
}

/** Uploads a tracking CSV as a partner system does (POST /imports with its key); the new import's id. */
export async function uploadTrackingCsv(
  url: string,
  secret: string,
  csv: string,
  kind: 'tracking' | 'returns' = 'tracking',
): Promise<string> {
  const res = await fetch(`${url}/imports?kind=${kind}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'text/csv' },
    body: csv,
  });
  if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { importId: string }).importId;
}

/** Previews an import; how many rows it found to change. */
export async function previewChangeCount(client: Client, importId: string): Promise<number> {
  const { previewImport } = await client.gql(
    `mutation($i: PreviewImportInput!) { previewImport(input: $i) { importJob { changeCount } userErrors { code message } } }`,
    { i: { importId } },
  );
  if (previewImport.userErrors.length)
    throw new Error(`preview: ${JSON.stringify(previewImport.userErrors)}`);
  return previewImport.importJob.changeCount;
}
