import type { DataSource } from 'typeorm';
import { afterAll, beforeAll } from 'vitest';
import { createDataSource } from '../src/db/data-source.js';
import { freshDatabase } from './harness.js';

/** A fresh database for one test file, connected but not migrated, dropped after the file's tests: `db.ds`. */
export function bareDatabase(): { ds: DataSource } {
  const db = {} as { ds: DataSource };
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const fresh = await freshDatabase();
    drop = fresh.drop;
    db.ds = await createDataSource(fresh.db);
    await db.ds.initialize();
  });
  afterAll(async () => {
    await db.ds?.destroy();
    await drop?.();
  });
  return db;
}
