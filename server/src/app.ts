import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import fs from 'node:fs';
import path from 'node:path';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import type { RequestContext } from './auth/context.js';
import { contextFor } from './auth/http-context.js';
import { exportRoutes } from './exports/export.route.js';
import { importRoutes } from './imports/import.route.js';
import { notificationRoutes } from './notifications/notification.routes.js';
import { trackPageRoutes } from './tracking/track-page.route.js';
import type { Config } from './config.js';
import { buildAppSchema } from './graphql/schema.js';
import { faultForLog, isRetryable, redactMessage } from './db/errors.js';
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
    plugins: [limitsPlugin(), ApolloServerPluginCacheControlDisabled()],
    validationRules: [depthLimit(MAX_DEPTH)],
    includeStacktraceInErrorResponses: !config.production,
    formatError: (formatted, error) => {
      const code = formatted.extensions?.code;
      if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) {
        const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
        if (isRetryable(original)) {
          console.warn('[graphql] retryable database failure:', redactMessage((original as Error).message));
          return {
            message: 'The database was unavailable for a moment; nothing was saved. Try again.',
            path: formatted.path,
            extensions: { code: 'RETRYABLE', http: { status: 503 } },
          };
        }
        console.error('[graphql] fault:', faultForLog(original));
        if (config.production)
          return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
      }
      return formatted;
    },
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  app.get('/healthz', async (_req, res) => {
    try {
      await ds.query('SELECT 1');
      res.json({ ok: true });
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
  app.use(notificationRoutes(ds, config));
  app.use(trackPageRoutes(ds, config));
  serveSpa(app, config.clientDist);
  return { app, apollo };
}

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
