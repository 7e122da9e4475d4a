import type mysql from 'mysql2/promise';
import { expect } from 'vitest';
import type { TestApp } from './harness.js';

/** The MariaDB database a test app runs on. */
export const databaseOf = (app: TestApp) =>
  new URL((app.config.database as { url: string }).url).pathname.slice(1);

/**
 * Runs `work` while a trigger holds an insert into `table` (for rows where `when` holds), and kills the
 * app's connection running it from `root`, a connection of its own: a database failure mid-write.
 */
export async function killDuring<T>(
  app: TestApp,
  root: mysql.Connection,
  table: string,
  work: () => Promise<T>,
  when = 'TRUE',
): Promise<T> {
  await app.ds.query(
    `CREATE TRIGGER slow_${table} BEFORE INSERT ON ${table} FOR EACH ROW SET @pause = IF(${when}, SLEEP(3), 0)`,
  );
  try {
    const pending = work();
    let killed = false;
    for (let i = 0; i < 100 && !killed; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const [rows] = (await root.query(
        `SELECT id FROM information_schema.processlist WHERE db = ? AND info LIKE 'SET @pause%'`,
        [databaseOf(app)],
      )) as unknown as [{ id: number }[]];
      for (const r of rows) {
        await root.query(`KILL ${Number(r.id)}`);
        killed = true;
      }
    }
    expect(killed).toBe(true);
    return await pending;
  } finally {
    await app.ds.query(`DROP TRIGGER slow_${table}`);
  }
}
