import type { DataSource, EntityManager } from 'typeorm';
import type { RequestContext } from '../auth/context.js';
import { isGalera, isMysql } from './data-source.js';
import { isDeadlock } from './errors.js';

/**
 * A service's unit of work: `work` gets the caller's context with the transaction on it, so everything it
 * calls reads and writes inside the transaction. Conflicts are retried as `transact` describes.
 */
export function inTransaction<T>(
  ctx: RequestContext,
  work: (tx: RequestContext) => Promise<T>,
  options: { retry?: boolean; readCommitted?: boolean } = {},
): Promise<T> {
  return transact(ctx.ds, (em) => work({ ...ctx, em }), options);
}

/**
 * better-sqlite3 gives TypeORM one connection, and TypeORM does not queue
 * transactions on it: two requests writing at once would nest BEGINs. So on
 * SQLite write transactions take turns; MySQL has a pool and real isolation.
 */
const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

/** How often a transaction the database rolled back for a conflict is run again before the caller hears of it. */
const CONFLICT_RETRIES = 3;
/**
 * The same on a Galera node, where every write another node committed meanwhile to a row this transaction
 * wrote makes it lose at commit: under several writers that is a matter of timing, not a rare deadlock.
 */
const GALERA_CONFLICT_RETRIES = 12;

/**
 * One transaction. A conflict the database resolves by rolling the whole transaction back (a deadlock
 * victim, a snapshot conflict) runs the work again, up to CONFLICT_RETRIES times: `work` must read what it
 * changes inside the transaction and keep no state outside it. Work that cannot run twice (it consumes a
 * stream) says `retry: false`. `readCommitted` takes no gap locks on MySQL: a queue claim with
 * `SKIP LOCKED` then locks only the rows it takes, not the next row of the index, which another claim
 * would skip (SQLite has one writer and no such locks).
 */
export async function transact<T>(
  ds: DataSource,
  work: (em: EntityManager) => Promise<T>,
  options: { retry?: boolean; readCommitted?: boolean } = {},
): Promise<T> {
  if (isMysql(ds)) {
    const attempt = () =>
      options.readCommitted ? ds.transaction('READ COMMITTED', work) : ds.transaction(work);
    const retries = isGalera(ds) ? GALERA_CONFLICT_RETRIES : CONFLICT_RETRIES;
    return withDeadlockRetry(attempt, options.retry === false ? 0 : retries);
  }
  const previous = sqliteQueues.get(ds) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => withBusyRetry(() => ds.transaction(work)));
  sqliteQueues.set(
    ds,
    run.catch(() => undefined),
  );
  return run;
}

/**
 * Another process on the same SQLite file (a `pnpm worker`, a second server)
 * can hold the write lock; a deferred transaction that must upgrade then gets
 * SQLITE_BUSY at once instead of waiting. It rolled back, so running the whole
 * unit of work again is safe.
 */
async function withBusyRetry<T>(attempt: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      const busy = /SQLITE_BUSY|database is locked/i.test(String((error as Error).message ?? error));
      if (!busy || i >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 20 * Math.min(i + 1, 10)));
    }
  }
}

/**
 * InnoDB picks a victim when two transactions lock rows in crossing order
 * (concurrent bulk actions touching the same orders' index pages) and rolls it
 * back whole; MySQL's advice is to run it again.
 */
async function withDeadlockRetry<T>(attempt: () => Promise<T>, retries: number): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= retries || !isDeadlock(error)) throw error;
      // Backoff grows with each try and is random, so two transactions that collided do not collide again.
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 10 * 2 ** Math.min(i, 6)));
    }
  }
}

/** `FOR UPDATE` where the database has it; SQLite's write transaction already excludes other writers. */
export function lockForUpdate<Q extends { setLock(mode: 'pessimistic_write'): Q }>(ds: DataSource, qb: Q): Q {
  return isMysql(ds) ? qb.setLock('pessimistic_write') : qb;
}

/** Split a list for IN (...) clauses: both databases cap bound parameters. */
export function chunks<T>(items: readonly T[], size = 2000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Lets queries just started reach the database before synchronous work holds
 * the event loop: TypeORM sends one only after a few awaits (the pool hands
 * out its connection on the next tick), so a page "read ahead" and then
 * formatted would really be read after the formatting.
 */
export function queriesSent(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
