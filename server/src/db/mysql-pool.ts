import type { DataSource } from 'typeorm';

/**
 * The connections behind TypeORM's MySQL driver. DATABASE_URL may name several hosts
 * (`mysql://u:p@h1:3306,h2:3306/db`): they form a mysql2 PoolCluster in that order, so every new
 * connection goes to the first host that accepts one, a host that refuses is left out for
 * HOST_RETRY_MS, and the server then tries it again (it comes back after a restart). On Galera every
 * session reads causally (wsrep_sync_wait): a read waits until this node has applied what the
 * cluster committed before it, so a request sees the write another server finished a moment ago.
 */

/** How long a host that refused a connection is passed over before it is tried again. */
const HOST_RETRY_MS = 5_000;
/** How long a connection to one of several hosts may take before the next host is tried. */
const HOST_CONNECT_TIMEOUT_MS = 2_000;

/** One URL per host of a DATABASE_URL that may list several, each with the credentials, path and options. */
export function hostUrls(url: string): string[] {
  const match = /^(mysql:\/\/(?:[^@/]*@)?)([^/?#]+)(.*)$/.exec(url);
  if (!match) return [url];
  const [, head, hosts, tail] = match;
  const list = hosts!.split(',').map((host) => host.trim());
  if (list.some((host) => host === ''))
    throw new Error('DATABASE_URL lists an empty host: separate hosts with single commas (h1:3306,h2:3306)');
  return list.map((host) => `${head}${host}${tail}`);
}

/** What a server needs to know about the MySQL-compatible engine it talks to before it builds its pool. */
export interface Engine {
  flavour: 'mysql' | 'mariadb';
  /** A Galera cluster node (wsrep_on): every write is certified, and sessions must read causally. */
  galera: boolean;
  /** The URL of the first host that answered. */
  url: string;
}

/** Asks the hosts in order until one answers; a host that connects but fails the questions is passed over too. */
export async function probeEngine(urls: readonly string[]): Promise<Engine> {
  const mysql = await import('mysql2/promise');
  let lastError: unknown = new Error('DATABASE_URL names no host');
  for (const url of urls) {
    let conn;
    try {
      conn = await mysql.createConnection({ uri: url, connectTimeout: 10_000 });
      const [version] = (await conn.query('SELECT VERSION() AS v')) as unknown as [{ v: string }[]];
      const [wsrep] = (await conn.query(`SHOW VARIABLES LIKE 'wsrep_on'`)) as unknown as [
        { Value: string }[],
      ];
      return {
        flavour: /mariadb/i.test(String(version[0]?.v)) ? 'mariadb' : 'mysql',
        galera: /^on$/i.test(String(wsrep[0]?.Value ?? '')),
        url,
      };
    } catch (error) {
      lastError = error;
    } finally {
      conn?.destroy();
    }
  }
  throw lastError;
}

type Callback<T> = (error: Error | null, value?: T) => void;
interface PooledConnection {
  config: { host?: string; port?: number };
  query(sql: string, callback: Callback<unknown>): void;
  release(): void;
  destroy(): void;
}
interface Pool {
  getConnection(callback: Callback<PooledConnection>): void;
  end(callback: Callback<void>): void;
}

/** Where this data source's connections go now: the host of the connection it handed out last. */
const hostsInUse = new WeakMap<DataSource, string>();

export function databaseHostInUse(ds: DataSource): string | null {
  return hostsInUse.get(ds) ?? null;
}

/**
 * Replaces the driver's pool factory before `initialize`: one host gets mysql2's pool as before, several
 * a PoolCluster in failover order; either way each connection runs `sessionSql` once before its first use.
 */
export function installPool(ds: DataSource, urls: readonly string[], sessionSql: readonly string[]): void {
  const driver = ds.driver as unknown as {
    mysql: {
      createPool(options: object): Pool;
      createPoolCluster(options: object): Pool & { add(id: string, options: object): void };
    };
    createPool(options: object): Promise<Pool>;
  };
  driver.createPool = async (options: object) => {
    let inner: Pool;
    if (urls.length === 1) inner = driver.mysql.createPool(options);
    else {
      const cluster = driver.mysql.createPoolCluster({
        defaultSelector: 'ORDER',
        canRetry: true,
        removeNodeErrorCount: 1,
        restoreNodeTimeout: HOST_RETRY_MS,
      });
      urls.forEach((url, i) => {
        const { hostname, port } = new URL(url);
        // A host that does not answer is given up on quickly: the next one may.
        cluster.add(`HOST${i}`, {
          ...options,
          host: hostname.replace(/^\[(.*)\]$/, '$1'),
          port: Number(port || 3306),
          connectTimeout: HOST_CONNECT_TIMEOUT_MS,
        });
      });
      inner = cluster;
    }
    const pool = preparedSessions(inner, sessionSql, (host) => hostsInUse.set(ds, host));
    // As TypeORM's own factory does: a first connection now, so wrong credentials fail at start.
    await new Promise<void>((resolve, reject) =>
      pool.getConnection((error, conn) => {
        if (error) return pool.end(() => reject(error));
        conn!.release();
        resolve();
      }),
    );
    return pool;
  };
}

function preparedSessions(inner: Pool, sessionSql: readonly string[], onHost: (host: string) => void): Pool {
  const prepared = new WeakSet<PooledConnection>();
  return {
    getConnection(callback) {
      inner.getConnection((error, conn) => {
        if (error || !conn) return callback(error ?? new Error('The pool handed out no connection'));
        onHost(`${conn.config.host ?? 'localhost'}:${conn.config.port ?? 3306}`);
        if (prepared.has(conn) || sessionSql.length === 0) return callback(null, conn);
        const next = (i: number): void => {
          if (i === sessionSql.length) {
            prepared.add(conn);
            return callback(null, conn);
          }
          conn.query(sessionSql[i]!, (queryError) => {
            if (queryError) {
              // Half set up: it must not go back to the pool and be handed out again as it is.
              conn.destroy();
              return callback(queryError);
            }
            next(i + 1);
          });
        };
        next(0);
      });
    },
    end(callback) {
      inner.end(callback);
    },
  };
}
