import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printAppSchema } from '../src/graphql/schema.js';
import { SCHEMA_FILE } from '../src/graphql/write-schema.js';
import { createDataSource, MIGRATIONS } from '../src/db/data-source.js';
import { seedDemo } from '../src/seed/demo.js';
import { detectCarrier } from '../src/tracking/tracking-number.js';
import { loadConfig } from '../src/config.js';
import { DB_KIND, freshDatabase } from './harness.js';
import type { DataSource } from 'typeorm';

describe('GraphQL schema file', () => {
  it('the committed schema.graphql matches the code (run `pnpm schema` after changing types)', async () => {
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(await printAppSchema());
  });

  it('keeps the public names of the spec appendix', async () => {
    const sdl = await printAppSchema();
    for (const name of ['viewer: Viewer', 'orders(after: String, filter: OrderFilter, first: Int = 50, sort: OrderSort): OrderConnection!',
      'markFulfillmentsShipped(input: MarkFulfillmentsShippedInput!): BulkFulfillmentPayload!', 'undoBulkAction(input: UndoBulkActionInput!): UndoBulkActionPayload!',
      'detectCarrier(trackingNumber: String!): CarrierDetection!', 'gridPreference(grid: String!): GridPreference', 'interface Node', 'type Fulfillment implements Node']) {
      expect(sdl).toContain(name);
    }
  });
});

describe(`migrations on ${DB_KIND}`, () => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await freshDatabase();
    drop = fresh.drop;
    ds = await createDataSource(fresh.db);
    await ds.initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await drop?.();
  });

  it('create exactly the schema the entities describe, revert cleanly and apply again', async () => {
    expect((await ds.runMigrations()).map((m) => m.name)).toEqual(MIGRATIONS.map((M) => new M().name));
    expect((await ds.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query)).toEqual([]);
    for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration();
    expect(await ds.query(DB_KIND === 'sqlite' ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'fulfillment'" : "SHOW TABLES LIKE 'fulfillment'")).toEqual([]);
    await ds.runMigrations();
    expect((await ds.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
    expect(await ds.runMigrations()).toEqual([]);
  });

  it('demo data has every status, real-looking valid tracking numbers, and English and German customers', async () => {
    const seeded = await seedDemo(ds, loadConfig({}), 40);
    expect(seeded).toEqual({ partners: 3, orders: 120 });
    const statuses = (await ds.query('SELECT DISTINCT status FROM fulfillment')).map((r: { status: string }) => r.status).sort();
    expect(statuses).toEqual(['CANCELLED', 'DELIVERED', 'HOLD', 'NOT_SHIPPING', 'RETURNED', 'SHIPPED']);
    const locales = (await ds.query('SELECT DISTINCT customer_locale AS l FROM orders')).map((r: { l: string }) => r.l).sort();
    expect(locales).toEqual(['de', 'en']);
    const tracked: { n: string; c: string }[] = await ds.query('SELECT tracking_number AS n, carrier_code AS c FROM fulfillment WHERE tracking_number IS NOT NULL');
    expect(tracked.length).toBeGreaterThan(50);
    for (const { n, c } of tracked) expect(detectCarrier(n), n).toEqual({ candidates: [c], checkDigitValid: true });
    expect(await seedDemo(ds, loadConfig({}))).toEqual({ partners: 0, orders: 0 }); // never twice
  });
});
