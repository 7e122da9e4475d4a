import 'reflect-metadata';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../config.js';
import { createDataSource } from '../db/data-source.js';
import { dbDateTime, insertRows } from '../db/sql.js';
import { buildOrderSearch } from '../orders/order-search.js';
import { transact } from '../db/transaction.js';

/**
 * Fills a database fast for benchmarks and load tests: multi-row INSERTs of
 * orders, then fulfillments made from them with INSERT … SELECT, so a million
 * orders never cross the wire one by one. Every fulfillment starts in HOLD.
 * Each statement is a transaction that a conflict runs again: seeding a database that serves requests
 * (a load test on a Galera cluster) loses to their locks now and then.
 */
export interface BulkOptions {
  orders: number;
  partnerId: number;
  /** Every n-th order gets a second fulfillment (2 → 1.5 per order); 0: one each. */
  secondLineEvery?: number;
  prefix?: string;
  onProgress?: (done: number) => void;
  /** Index the seeded orders for search (default true); false leaves it to the caller (buildOrderSearch). */
  searchIndex?: boolean;
}

export async function seedBulk(
  ds: DataSource,
  options: BulkOptions,
): Promise<{ orders: number; fulfillments: number }> {
  const prefix = options.prefix ?? `B${randomBytes(2).toString('hex').toUpperCase()}`;
  const [{ maxId }] = await ds.query('SELECT MAX(id) AS maxId FROM orders');
  const start = Date.UTC(2025, 0, 1);
  const span = 365 * 86_400_000;
  const names = [
    'Ada Lovelace',
    'Grace Hopper',
    'Alan Turing',
    'Jürgen Müller',
    'Renée Weiß',
    'Katherine Johnson',
    'Edsger Dijkstra',
    'Åsa Öberg',
  ];
  const batch = 20_000;
  for (let done = 0; done < options.orders; done += batch) {
    const n = Math.min(batch, options.orders - done);
    const now = dbDateTime(new Date());
    const rows = Array.from({ length: n }, (_, k) => {
      const i = done + k;
      const name = names[i % names.length]!;
      const placed = dbDateTime(new Date(start + Math.floor((i / options.orders) * span) + (i % 997) * 1000));
      return [
        options.partnerId,
        `${prefix}-${String(i).padStart(7, '0')}`,
        name,
        `customer${i}@example.com`,
        i % 5 === 0 ? 'de' : 'en',
        'web',
        placed,
        'OPEN',
        `${prefix}${i}-${randomBytes(9).toString('base64url')}`,
        now,
      ];
    });
    await transact(ds, (em) =>
      insertRows(
        em,
        'orders',
        [
          'partner_id',
          'reference',
          'customer_name',
          'customer_email',
          'customer_locale',
          'channel',
          'placed_at',
          'status',
          'tracking_token',
          'created_at',
        ],
        rows,
      ),
    );
    options.onProgress?.(done + n);
  }
  const like = `${prefix}-%`;
  await transact(ds, (em) =>
    em.query(
      `INSERT INTO fulfillment (order_id, partner_id, order_reference, placed_at, sku, product_name, quantity, status, tracking_status, version, updated_at)
    SELECT id, partner_id, reference, placed_at, 'SHOE-42', 'Trail Running Shoe', 1, 'HOLD', 'UNKNOWN', 1, created_at FROM orders WHERE reference LIKE ?`,
      [like],
    ),
  );
  if (options.secondLineEvery) {
    await transact(ds, (em) =>
      em.query(
        `INSERT INTO fulfillment (order_id, partner_id, order_reference, placed_at, sku, product_name, quantity, status, tracking_status, version, updated_at)
      SELECT id, partner_id, reference, placed_at, 'SOCK-3', 'Socks, 3 pack', 2, 'HOLD', 'UNKNOWN', 1, created_at FROM orders WHERE reference LIKE ? AND id % ? = 0`,
        [like, options.secondLineEvery],
      ),
    );
  }
  if (options.searchIndex ?? true) await buildOrderSearch(ds, Number(maxId ?? 0));
  const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM fulfillment WHERE order_reference LIKE ?', [
    like,
  ]);
  return { orders: options.orders, fulfillments: Number(n) };
}

/** `pnpm seed:bulk --orders 1000000 [--partner-id 1]` against DATABASE_URL. */
async function cli() {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1]! : fallback;
  };
  const orders = Number(arg('orders', '100000'));
  if (!Number.isInteger(orders) || orders < 1) throw new Error('--orders must be a positive whole number');
  const config = loadConfig();
  const ds = await createDataSource(config.database);
  await ds.initialize();
  await ds.runMigrations();
  let partnerId = Number(arg('partner-id', '0'));
  if (!partnerId) {
    await ds.query(
      'INSERT INTO partner (name, notification_emails, inbound_token, created_at) VALUES (?, ?, ?, ?)',
      [
        `Bulk Partner ${new Date().toISOString()}`,
        '[]',
        randomBytes(24).toString('base64url'),
        dbDateTime(new Date()),
      ],
    );
    partnerId = Number((await ds.query('SELECT MAX(id) AS id FROM partner'))[0].id);
  }
  const t0 = performance.now();
  const result = await seedBulk(ds, {
    orders,
    partnerId,
    secondLineEvery: 2,
    onProgress: (d) => process.stdout.write(`\r${d} orders`),
  });
  console.log(
    `\n${result.orders} orders and ${result.fulfillments} fulfillments for partner ${partnerId} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  await ds.destroy();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await cli();
