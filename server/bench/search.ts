import 'reflect-metadata';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDataSource } from '../src/db/data-source.js';
import { buildOrderSearch } from '../src/orders/order-search.js';
import { seedBulk } from '../src/seed/bulk.js';
import { ADMIN, Client, freshDatabase } from '../test/harness.js';
import { post } from './http.js';
import { startServerProcess } from './server-process.js';

/**
 * `pnpm bench:search [--orders 1000000] [--runs 50]`: search as people type it on MariaDB. Seeds the orders
 * (half their lines with a tracking number), builds the search index as the migration does (timed), then
 * times the first page with its total count of the orders grid and of the lines grid for typical searches, through
 * the API (`--grid orders` or `--grid lines` for one of them).
 * `--database <mysql url>` times the searches on a database an earlier run seeded and kept (`--keep`).
 * `--small <orders>` seeds a second, small partner beside the big one and times its searches too, through its
 * API key (`as small`): what another partner's big catalogue costs a small partner's search.
 */
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const ORDERS = Number(arg('orders', '1000000'));
const RUNS = Number(arg('runs', '50'));
const WARMUP = Number(arg('warmup', '10'));
const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { medianMs: +at(0.5).toFixed(2), p99Ms: +at(0.99).toFixed(2) };
};

const PAGE = `query($filter: OrderFilter) { orders(filter: $filter, first: 50) { totalCount
  pageInfo { hasNextPage endCursor } edges { cursor node { id reference status placedAt customer { name email }
  fulfillments { id sku status tracking { number } } } } } }`;

const LINES = `query($filter: FulfillmentFilter) { fulfillments(filter: $filter, first: 50) { totalCount
  pageInfo { hasNextPage endCursor } edges { cursor node { id sku status order { reference } tracking { number } } } } }`;
const GRIDS = arg('grid', 'orders,lines').split(',');
const SMALL = Number(arg('small', '0'));

const reuse = arg('database', '');
const keep = process.argv.includes('--keep') || reuse !== '';
const { db, drop } = reuse
  ? { db: { type: 'mysql' as const, url: reuse }, drop: async () => {} }
  : await freshDatabase('mariadb');
if (db.type !== 'mysql') throw new Error('mariadb only');
const results: Record<string, unknown> = { at: new Date().toISOString(), orders: ORDERS };
const server = await startServerProcess(db, ADMIN, { OUTBOX_WORKER: 'false' });
const ds = await createDataSource(db);
await ds.initialize();
try {
  const admin = new Client(server.url);
  await admin.gql(`mutation($i: LoginInput!) { login(input: $i) { userErrors { code } } }`, { i: ADMIN });
  if (!reuse) {
    const { createPartner } = await admin.gql(
      `mutation { createPartner(input: { name: "Search Bench" }) { partner { id } } }`,
    );
    const partnerId = Number(Buffer.from(createPartner.partner.id, 'base64url').toString().split(':')[1]);

    let t0 = performance.now();
    const seeded = await seedBulk(ds, {
      orders: ORDERS,
      partnerId,
      secondLineEvery: 2,
      prefix: 'SO',
      searchIndex: false,
    });
    await ds.query(
      `UPDATE fulfillment SET status = 'SHIPPED', carrier_code = 'ups', tracking_number = CONCAT('1Z', UPPER(SUBSTRING(MD5(id), 1, 16))) WHERE id % 2 = 0`,
    );
    if (SMALL > 0) {
      const { createPartner: small } = await admin.gql(
        `mutation { createPartner(input: { name: "Small Shop" }) { partner { id } } }`,
      );
      await seedBulk(ds, {
        orders: SMALL,
        partnerId: Number(Buffer.from(small.partner.id, 'base64url').toString().split(':')[1]),
        secondLineEvery: 2,
        prefix: 'SM',
        searchIndex: false,
      });
    }
    results.seed = { ...seeded, small: SMALL, seconds: +((performance.now() - t0) / 1000).toFixed(1) };
    console.log('seeded', JSON.stringify(results.seed));

    t0 = performance.now();
    const indexed = await buildOrderSearch(ds);
    await ds.query('ANALYZE TABLE orders, fulfillment, order_search, search_gram');
    const [{ grams }] = await ds.query('SELECT COUNT(*) AS grams FROM search_gram');
    const sizes: { t: string; mb: number }[] = await ds.query(
      `SELECT table_name AS t, ROUND((data_length + index_length) / 1048576) AS mb FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name IN ('order_search', 'search_gram', 'orders')`,
    );
    results.build = {
      orders: indexed,
      grams: Number(grams),
      seconds: +((performance.now() - t0) / 1000).toFixed(1),
      tableMb: Object.fromEntries(sizes.map((r) => [r.t, Number(r.mb)])),
    };
    console.log('index built', JSON.stringify(results.build));
  }

  const [{ tracking }] = await ds.query(
    'SELECT tracking_number AS tracking FROM fulfillment WHERE tracking_number IS NOT NULL ORDER BY id LIMIT 1 OFFSET ?',
    [Math.floor(ORDERS / 8)],
  );
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  // The small partner searches with an API key of its own (a new one each run: secrets are shown once).
  const [smallShop] = await admin
    .gql(`{ partners { id name } }`)
    .then((d: { partners: { id: string; name: string }[] }) =>
      d.partners.filter((p) => p.name === 'Small Shop'),
    );
  const smallKey = smallShop
    ? ((
        await admin.gql(`mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`, {
          i: { partnerId: smallShop.id, name: `bench ${Date.now()}` },
        })
      ).createApiKey.secret as string)
    : null;
  const gql = async (grid: string, search: string, as: 'staff' | 'small' = 'staff') => {
    const res = await post(
      `${server.url}/graphql`,
      {
        'content-type': 'application/json',
        ...(as === 'small' ? { authorization: `Bearer ${smallKey}` } : { cookie: admin.sessionCookie! }),
      },
      JSON.stringify({ query: grid === 'lines' ? LINES : PAGE, variables: { filter: { search } } }),
      agent,
    );
    const body = JSON.parse(res.body) as {
      data?: Record<string, { totalCount: number }>;
      errors?: unknown[];
    };
    if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
    return body.data![grid === 'lines' ? 'fulfillments' : 'orders']!.totalCount;
  };
  const searches: Record<string, string> = {
    referencePart: '10050',
    namePartFolded: 'muller',
    namePartAccented: 'Weiß',
    emailPart: 'mer12345@exa',
    trackingPart: (tracking as string).slice(5, 13).toLowerCase(),
    noMatch: 'zzqx',
  };
  const [{ sku }] = await ds.query('SELECT sku FROM fulfillment ORDER BY id LIMIT 1 OFFSET ?', [
    Math.floor(ORDERS / 3),
  ]);
  const timed: Record<string, unknown> = {};
  for (const as of smallKey ? (['staff', 'small'] as const) : (['staff'] as const)) {
    for (const grid of GRIDS) {
      const named = grid === 'lines' ? { ...searches, sku: sku as string } : searches;
      for (const [name, search] of Object.entries(named)) {
        for (let i = 0; i < WARMUP; i++) await gql(grid, search, as);
        const ms: number[] = [];
        let found = 0;
        for (let i = 0; i < RUNS; i++) {
          const t = performance.now();
          found = await gql(grid, search, as);
          ms.push(performance.now() - t);
        }
        const key = `${as === 'small' ? 'as small: ' : ''}${grid === 'orders' ? name : `${grid}.${name}`}`;
        timed[key] = { search, found, ...stats(ms) };
        console.log(key, JSON.stringify(timed[key]));
      }
    }
  }
  results.search = timed;
} finally {
  await ds.destroy();
  await server.stop();
  if (keep) console.log(`kept the database: ${db.url}`);
  else await drop();
}

const out = path.join(serverDir, 'bench', 'results.json');
const previous = fs.existsSync(out)
  ? (JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, unknown>)
  : {};
fs.writeFileSync(out, `${JSON.stringify({ ...previous, search: results }, null, 2)}\n`);
console.log('\n| search (first page of 50 + total count) | search | found | median ms | p99 ms |');
console.log('| --- | --- | --- | --- | --- |');
for (const [name, r] of Object.entries(results.search as Record<string, Record<string, unknown>>))
  console.log(`| ${name} | \`${String(r.search)}\` | ${r.found} | ${r.medianMs} | ${r.p99Ms} |`);
console.log(
  `\nseed: ${JSON.stringify(results.seed ?? 'reused')}\nindex build: ${JSON.stringify(results.build)}`,
);
