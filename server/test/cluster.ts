import type { DataSource } from 'typeorm';
import type { Config } from '../src/config.js';
import { createDataSource } from '../src/db/data-source.js';
import { freshDatabase, serve, startTestApp, type TestApp } from './harness.js';

/**
 * The Galera nodes scripts/galera-cluster.sh starts. A test that cannot reach them fails: the multi-writer
 * suite exists to prove what holds on a cluster, so it never passes without one.
 */
export const NODES = (
  process.env.TEST_GALERA_URLS ??
  'mysql://ft_test:ft_test@127.0.0.1:3311/,mysql://ft_test:ft_test@127.0.0.1:3312/,mysql://ft_test:ft_test@127.0.0.1:3313/'
).split(',');

/** The database URL of `name` through node `i`. */
export function nodeUrl(i: number, name: string): string {
  const url = new URL(NODES[i]!);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface ClusterApps {
  /** Server A, on node 0: it created and migrated the database. */
  a: TestApp;
  /** Server B, on node 1: its own pool and state, as a second server on a second node runs. */
  b: { url: string; ds: DataSource; stop: () => Promise<void> };
  database: string;
  stop: () => Promise<void>;
}

/** Two servers on two nodes of one cluster, over one fresh database. */
export async function startClusterApps(overrides: Partial<Config> = {}): Promise<ClusterApps> {
  let database = '';
  const a = await startTestApp(overrides, async () => {
    const fresh = await freshDatabase('mariadb', NODES[0]);
    database = new URL((fresh.db as { url: string }).url).pathname.slice(1);
    return fresh;
  });
  const dsB = await createDataSource({ type: 'mysql', url: nodeUrl(1, database) });
  await dsB.initialize();
  const b = {
    ...(await serve(dsB, { ...a.config, database: { type: 'mysql', url: nodeUrl(1, database) } })),
    ds: dsB,
  };
  return {
    a,
    b,
    database,
    stop: async () => {
      await b.stop();
      await a.stop();
    },
  };
}
