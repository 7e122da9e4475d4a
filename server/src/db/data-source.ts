import fs from 'node:fs';
import path from 'node:path';
import 'reflect-metadata';
import { DataSource, type DataSourceOptions, type Logger } from 'typeorm';
import type { DatabaseConfig } from '../config.js';
import { ENTITIES } from './entities.js';
import { rowsFile } from './load-data.js';
import { hostUrls, installPool, probeEngine, type Engine } from './mysql-pool.js';
import { SnakeNamingStrategy } from './naming.js';
import { Initial1764000000000 } from './migrations/1764000000000-Initial.js';
import { Imports1764100000000 } from './migrations/1764100000000-Imports.js';
import { Notifications1764200000000 } from './migrations/1764200000000-Notifications.js';
import { RateLimits1764300000000 } from './migrations/1764300000000-RateLimits.js';
import { FulfillmentPartnerIdIndex1764400000000 } from './migrations/1764400000000-FulfillmentPartnerIdIndex.js';
import { ImportResultOutcomeIndex1764500000000 } from './migrations/1764500000000-ImportResultOutcomeIndex.js';
import { EventImportAndTimeIndexes1764600000000 } from './migrations/1764600000000-EventImportAndTimeIndexes.js';
import { DeliverySizes1764730000000 } from './migrations/1764730000000-DeliverySizes.js';
import { Revisions1764800000000 } from './migrations/1764800000000-Revisions.js';
import { ImportRowMeaning1765000000000 } from './migrations/1765000000000-ImportRowMeaning.js';
import { CarrierFeeds1765100000000 } from './migrations/1765100000000-CarrierFeeds.js';
import { CarrierAdmin1765300000000 } from './migrations/1765300000000-CarrierAdmin.js';
import { SavedViews1765400000000 } from './migrations/1765400000000-SavedViews.js';
import { ImportResultParams1765500000000 } from './migrations/1765500000000-ImportResultParams.js';
import { OrderSearch1765600000000 } from './migrations/1765600000000-OrderSearch.js';
import { FulfillmentRiskIndex1765800000000 } from './migrations/1765800000000-FulfillmentRiskIndex.js';
import { CarrierHandover1765850000000 } from './migrations/1765850000000-CarrierHandover.js';
import { ActionLogIndexes1765900000000 } from './migrations/1765900000000-ActionLogIndexes.js';
import { FulfillmentSkuIndex1766000000000 } from './migrations/1766000000000-FulfillmentSkuIndex.js';
import { ImportUndo1766100000000 } from './migrations/1766100000000-ImportUndo.js';
import { SubscriptionCancelledBy1766200000000 } from './migrations/1766200000000-SubscriptionCancelledBy.js';
import { CheckpointTrackingNumber1766300000000 } from './migrations/1766300000000-CheckpointTrackingNumber.js';
import { ImportPatchSize1766400000000 } from './migrations/1766400000000-ImportPatchSize.js';

export const MIGRATIONS = [
  Initial1764000000000,
  Imports1764100000000,
  Notifications1764200000000,
  RateLimits1764300000000,
  FulfillmentPartnerIdIndex1764400000000,
  ImportResultOutcomeIndex1764500000000,
  EventImportAndTimeIndexes1764600000000,
  DeliverySizes1764730000000,
  Revisions1764800000000,
  ImportRowMeaning1765000000000,
  CarrierFeeds1765100000000,
  CarrierAdmin1765300000000,
  SavedViews1765400000000,
  ImportResultParams1765500000000,
  OrderSearch1765600000000,
  FulfillmentRiskIndex1765800000000,
  CarrierHandover1765850000000,
  ActionLogIndexes1765900000000,
  FulfillmentSkuIndex1766000000000,
  ImportUndo1766100000000,
  SubscriptionCancelledBy1766200000000,
  CheckpointTrackingNumber1766300000000,
  ImportPatchSize1766400000000,
];

export interface DataSourceExtras {
  logger?: Logger;
  /** Report statements slower than this to the logger's logQuerySlow. */
  slowQueryMs?: number;
  poolSize?: number;
}

export async function createDataSource(
  db: DatabaseConfig,
  extras: DataSourceExtras = {},
): Promise<DataSource> {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    logger: extras.logger,
    logging: extras.logger ? ('all' as const) : false,
    maxQueryExecutionTime: extras.slowQueryMs,
  };
  let options: DataSourceOptions;
  let urls: string[] = [];
  let engine: Engine | null = null;
  if (db.type === 'sqlite') {
    if (db.path !== ':memory:') fs.mkdirSync(path.dirname(db.path), { recursive: true });
    options = {
      ...common,
      type: 'better-sqlite3',
      database: db.path,
      // WAL lets the Track item page and exports read while a bulk action writes.
      prepareDatabase: (conn: { pragma(s: string): unknown }) => {
        conn.pragma('journal_mode = WAL');
        conn.pragma('busy_timeout = 5000');
        conn.pragma('foreign_keys = ON');
      },
    };
  } else {
    urls = hostUrls(db.url);
    engine = await probeEngine(urls);
    options = {
      ...common,
      // TypeORM reads MariaDB's catalogue differently from MySQL's, so it must know which one it talks to.
      type: engine.flavour,
      url: urls[0],
      timezone: 'Z',
      charset: 'utf8mb4_unicode_ci',
      poolSize: extras.poolSize ?? 10,
      dateStrings: false,
      supportBigNumbers: true,
      // trace: mysql2 captures a stack trace per query for its own error messages (1.4 of 75 CPU-s under the Find
      // Orders load test); TypeORM's QueryFailedError carries the caller's async stack anyway.
      // infileStreamFactory: insertRows hands big batches to LOAD DATA LOCAL INFILE from memory; no file on disk is read.
      extra: { trace: false, infileStreamFactory: rowsFile },
    };
  }
  const ds = new DataSource(options);
  if (engine) {
    galeraSources.set(ds, engine.galera);
    installPool(ds, urls, engine.galera ? GALERA_SESSION : []);
  }
  // SQLite stores any declared *TEXT type as TEXT; accepting MySQL's MEDIUMTEXT lets one entity serve both.
  if (db.type === 'sqlite') ds.driver.supportedDataTypes.push('mediumtext');
  return ds;
}

/**
 * Refuses a MySQL server that takes backslashes literally (sql_mode NO_BACKSLASH_ESCAPES): mysql2 escapes a quote
 * with a backslash, in its `?` formatting and in sqlLiteral alike, so there a quote in a CSV cell would end its literal.
 */
export async function checkSqlMode(
  ds: DataSource,
  session: { query(sql: string): Promise<unknown> } = ds,
): Promise<void> {
  if (!isMysql(ds)) return;
  const [row] = (await session.query('SELECT @@SESSION.sql_mode AS mode')) as { mode: string }[];
  if (/NO_BACKSLASH_ESCAPES/i.test(String(row?.mode))) {
    throw new Error(
      "The database runs with sql_mode NO_BACKSLASH_ESCAPES, which this server cannot write safely with; remove it from the server's sql_mode",
    );
  }
}

/**
 * Rows a transaction on Galera replicates per fragment. A bulk action of 100,000 lines writes several
 * hundred thousand rows; as one write set it would be held in memory on every node and
 * certified at once at commit (and refused over wsrep_max_ws_rows). Streamed, it replicates as it goes;
 * a transaction under this size is not streamed and pays nothing.
 */
const GALERA_FRAGMENT_ROWS = 10_000;

/**
 * Every session on a Galera node reads causally: a read first waits until the node has applied every
 * write the cluster committed before it, so a request served here sees what a request on another server
 * finished a moment ago (without it, a job uploaded through one server was "No such import" on another).
 * Big transactions stream (GALERA_FRAGMENT_ROWS).
 */
const GALERA_SESSION = [
  'SET SESSION wsrep_sync_wait = 1',
  "SET SESSION wsrep_trx_fragment_unit = 'rows'",
  `SET SESSION wsrep_trx_fragment_size = ${GALERA_FRAGMENT_ROWS}`,
];

const galeraSources = new WeakMap<DataSource, boolean>();

/** A data source on a Galera cluster node, where every transaction is certified against the other nodes. */
export function isGalera(ds: DataSource): boolean {
  return galeraSources.get(ds) ?? false;
}

export function isMysql(ds: DataSource): boolean {
  return ds.options.type === 'mysql' || ds.options.type === 'mariadb';
}
