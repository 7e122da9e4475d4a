import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { databaseHostInUse } from './db/mysql-pool.js';
import express, { type ErrorRequestHandler, type Express } from 'express';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import type { RequestContext } from './auth/context.js';
import { contextFor } from './auth/http-context.js';
import { exportRoutes } from './exports/export.route.js';
import { importRoutes } from './imports/import.route.js';
import { notificationRoutes } from './notifications/notification.routes.js';
import { carrierFeedRoutes } from './tracking/carrier-feed.route.js';
import { trackPageRoutes } from './tracking/track-page.route.js';
import type { Config } from './config.js';
import { buildAppSchema } from './graphql/schema.js';
import { faultForLog, retryMessage, retryReason } from './db/errors.js';
import { errorFormatter, httpStatusPlugin, RETRY_AFTER_SECONDS } from './graphql/errors.js';
import depthLimit from 'graphql-depth-limit';
import { limitsPlugin, MAX_DEPTH } from './graphql/limits.js';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';

export interface App {
  app: Express;
  apollo: ApolloServer<RequestContext>;
}

/** The HTTP app: GraphQL, health, and the built SPA. Tests build the same thing. */
export async function createApp(ds: DataSource, config: Config): Promise<App> {
  const apollo = new ApolloServer<RequestContext>({
    schema: await buildAppSchema(),
    introspection: config.introspection,
    // main.ts owns shutdown: close HTTP first so in-flight requests finish, then Apollo, then the database.
    stopOnTerminationSignals: false,
    // No HTTP cache hints are used; the cache-control plugin would wrap every field resolver (about a tenth of a page's CPU).
    plugins: [limitsPlugin(), httpStatusPlugin(), ApolloServerPluginCacheControlDisabled()],
    validationRules: [depthLimit(MAX_DEPTH)],
    includeStacktraceInErrorResponses: !config.production,
    formatError: errorFormatter({ production: config.production, hideSchemaDetails: !config.introspection }),
    // "Did you mean …" names fields and types that introspection, when off, does not show.
    hideSchemaDetailsFromClientErrors: !config.introspection,
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  app.get('/healthz', async (_req, res) => {
    try {
      await ds.query('SELECT 1');
      // Which database host this server is on, for a DATABASE_URL that lists several.
      res.json({ ok: true, database: databaseHostInUse(ds) ?? ds.options.type });
    } catch {
      res.status(503).json({ ok: false, error: 'database unreachable' });
    }
  });

  app.use(
    '/graphql',
    express.json({ limit: '2mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => contextFor(ds, config, req, res),
    }),
  );

  app.use(importRoutes(ds, config));
  app.use(exportRoutes(ds, config));
  app.use(carrierFeedRoutes(ds, config));
  app.use(notificationRoutes(ds, config));
  app.use(trackPageRoutes(ds, config));
  serveSpa(app, config.clientDist);
  app.use(requestErrors);
  return { app, apollo };
}

const BODY_ERRORS: Record<string, { code: string; message: (err: { limit?: number }) => string }> = {
  'entity.parse.failed': { code: 'BAD_REQUEST', message: () => 'The request body is not valid JSON' },
  'entity.too.large': {
    code: 'LIMIT_EXCEEDED',
    message: (err) => `The request body is larger than ${Math.round((err.limit ?? 0) / 1024)} KB`,
  },
};

/**
 * Errors no route answered: the client's (a body that does not parse or is too
 * large), the database's for a moment (503, as GraphQL answers RETRYABLE), or
 * a fault. Express's own handler would log the error whole, and a body
 * parser's error carries the raw body (a sign-in's password): the log gets one
 * line naming the kind of failure and the route's first segment, never the
 * body, headers, cookies or query string.
 */
const requestErrors: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  const e = (err ?? {}) as { status?: unknown; statusCode?: unknown; type?: unknown; limit?: number };
  const status = Number(e.status ?? e.statusCode);
  const where = `${req.method} /${req.path.split('/')[1] ?? ''}`;
  if (status >= 400 && status < 500) {
    const type = typeof e.type === 'string' ? e.type : 'request';
    const known = BODY_ERRORS[type];
    console.warn(`[http] ${where}: ${status} ${type}`);
    if (res.headersSent) return void res.destroy();
    res.status(status).json({
      errors: [
        {
          message: known?.message(e) ?? http.STATUS_CODES[status] ?? 'Bad request',
          extensions: { code: known?.code ?? (status === 413 ? 'LIMIT_EXCEEDED' : 'BAD_REQUEST') },
        },
      ],
    });
    return;
  }
  const reason = retryReason(err);
  if (reason) {
    console.warn(`[http] ${where}: retryable database failure (${reason}):`, faultForLog(err).split('\n')[0]);
    if (res.headersSent) return void res.destroy();
    res
      .status(503)
      .set('retry-after', String(RETRY_AFTER_SECONDS))
      .json({ errors: [{ message: retryMessage(reason), extensions: { code: 'RETRYABLE', reason } }] });
    return;
  }
  console.error(`[http] ${where} fault:`, faultForLog(err));
  if (res.headersSent) return void res.destroy();
  res
    .status(500)
    .json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
};

function serveSpa(app: Express, dist: string): void {
  const index = path.join(dist, 'index.html');
  app.use(express.static(dist, { index: false, maxAge: '1h' }));
  app.get(/^(?!\/(graphql|healthz|exports|track|inbound|carrier-events)(\/|$)).*/, (_req, res) => {
    if (fs.existsSync(index)) res.sendFile(index);
    else
      res
        .status(503)
        .type('text')
        .send('The admin app is not built yet: run `pnpm build` (npm run demo does it for you).');
  });
}
