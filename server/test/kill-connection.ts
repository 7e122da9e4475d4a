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

/** Waits until a statement of the app's database matching `like` is running (or waiting for a lock). */
export async function statementRunning(app: TestApp, root: mysql.Connection, like: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const [rows] = (await root.query(
      `SELECT id FROM information_schema.processlist WHERE db = ? AND info LIKE ?`,
      [databaseOf(app), like],
    )) as unknown as [{ id: number }[]];
    if (rows.length) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no statement like ${like} started`);
}

/** Waits until a transaction on the app's database waits for a row lock. */
export async function waitingForLock(app: TestApp, root: mysql.Connection): Promise<void> {
  for (let i = 0; i < 40; i++) {
    // Polled at a gentle pace: the request it waits for runs in this process too.
    await new Promise((r) => setTimeout(r, 40));
    const [rows] = (await root.query(
      `SELECT t.trx_state AS state, p.db FROM information_schema.innodb_trx t
       LEFT JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id`,
    )) as unknown as [{ state: string; db: string | null }[]];
    if (rows.some((r) => r.state === 'LOCK WAIT' && r.db === databaseOf(app))) return;
  }
  throw new Error('no transaction waited for a lock');
}
