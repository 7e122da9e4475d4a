import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printAppSchema } from '../src/graphql/schema.js';
import { SCHEMA_FILE } from '../src/graphql/write-schema.js';
import { MIGRATIONS } from '../src/db/data-source.js';
import { systemContext } from '../src/auth/context.js';
import { seedDemo } from '../src/seed/demo.js';
import { detectCarrier } from '../src/tracking/tracking-number.js';
import { loadConfig } from '../src/config.js';
import { bareDatabase } from './bare-database.js';
import { DB_KIND } from './harness.js';

describe('GraphQL schema file', () => {
  it('the committed schema.graphql matches the code (run `pnpm schema` after changing types)', async () => {
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(await printAppSchema());
  });

  it('keeps the public names of the spec appendix', async () => {
    const sdl = await printAppSchema();
    for (const name of [
      'viewer: Viewer',
      'orders(after: String, filter: OrderFilter, first: Int = 50, sort: OrderSort): OrderConnection!',
      'markFulfillmentsShipped(input: MarkFulfillmentsShippedInput!): BulkFulfillmentPayload!',
      'undoBulkAction(input: UndoBulkActionInput!): UndoBulkActionPayload!',
      'detectCarrier(trackingNumber: String!): CarrierDetection!',
      'gridPreference(grid: String!): GridPreference',
      'interface Node',
      'type Fulfillment implements Node',
    ]) {
      expect(sdl).toContain(name);
    }
  });
});

describe(`migrations on ${DB_KIND}`, () => {
  const db = bareDatabase();

  it('create exactly the schema the entities describe, revert cleanly and apply again', async () => {
    expect((await db.ds.runMigrations()).map((m) => m.name)).toEqual(MIGRATIONS.map((M) => new M().name));
    expect((await db.ds.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query)).toEqual([]);
    for (let i = 0; i < MIGRATIONS.length; i++) await db.ds.undoLastMigration();
    expect(
      await db.ds.query(
        DB_KIND === 'sqlite'
          ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'fulfillment'"
          : "SHOW TABLES LIKE 'fulfillment'",
      ),
    ).toEqual([]);
    await db.ds.runMigrations();
    expect((await db.ds.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
    expect(await db.ds.runMigrations()).toEqual([]);
  });

  it('demo data has every status, real-looking valid tracking numbers, and English and German customers', async () => {
    const seeded = await seedDemo(systemContext(db.ds, loadConfig({})), 40);
    expect(seeded).toEqual({ partners: 3, orders: 120 });
    const statuses = (await db.ds.query('SELECT DISTINCT status FROM fulfillment'))
      .map((r: { status: string }) => r.status)
      .sort();
    expect(statuses).toEqual(['CANCELLED', 'DELIVERED', 'HOLD', 'NOT_SHIPPING', 'RETURNED', 'SHIPPED']);
    const locales = (await db.ds.query('SELECT DISTINCT customer_locale AS l FROM orders'))
      .map((r: { l: string }) => r.l)
      .sort();
    expect(locales).toEqual(['de', 'en']);
    const tracked: { n: string; c: string }[] = await db.ds.query(
      'SELECT tracking_number AS n, carrier_code AS c FROM fulfillment WHERE tracking_number IS NOT NULL',
    );
    expect(tracked.length).toBeGreaterThan(50);
    for (const { n, c } of tracked)
      expect(detectCarrier(n), n).toEqual({ candidates: [c], checkDigitValid: true });
    expect(await seedDemo(systemContext(db.ds, loadConfig({})))).toEqual({ partners: 0, orders: 0 }); // never twice
  });
});
