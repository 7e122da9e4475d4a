import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { parse as parseCookies } from 'cookie';
import express, { type Express, type Request, type Response } from 'express';
import fs from 'node:fs';
import path from 'node:path';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { resolveViewer, SESSION_COOKIE } from './auth/auth.service.js';
import { createContext, type RequestContext } from './auth/context.js';
import type { Config } from './config.js';
import { buildAppSchema } from './graphql/schema.js';

export interface App {
  app: Express;
  apollo: ApolloServer<RequestContext>;
}

/** The HTTP app: GraphQL, health, and the built SPA. Tests build the same thing. */
export async function createApp(ds: DataSource, config: Config): Promise<App> {
  const apollo = new ApolloServer<RequestContext>({
    schema: await buildAppSchema(),
    introspection: !config.production,
    includeStacktraceInErrorResponses: !config.production,
    formatError: (formatted, error) => {
      const code = formatted.extensions?.code;
      if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) {
        const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
        console.error('[graphql] fault:', original);
        if (config.production) return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
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

  const secureCookie = config.publicUrl.startsWith('https://');
  app.use(
    '/graphql',
    express.json({ limit: '2mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => contextFor(ds, config, req, res, secureCookie),
    }),
  );

  serveSpa(app, config.clientDist);
  return { app, apollo };
}

async function contextFor(ds: DataSource, config: Config, req: Request, res: Response, secureCookie: boolean): Promise<RequestContext> {
  const auth = req.headers.authorization;
  const bearer = auth?.toLowerCase().startsWith('bearer ') ? auth.slice(7).trim() : null;
  const sessionToken = parseCookies(req.headers.cookie ?? '')[SESSION_COOKIE] ?? null;
  const { viewer, sessionTokenHash } = await resolveViewer(ds, { bearer, sessionToken });
  return createContext({
    ds,
    config,
    viewer,
    sessionTokenHash,
    cookies: {
      setSession: (token, expires) =>
        res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: secureCookie, expires, path: '/' }),
      clearSession: () => res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: secureCookie, path: '/' }),
    },
  });
}

function serveSpa(app: Express, dist: string): void {
  const index = path.join(dist, 'index.html');
  app.use(express.static(dist, { index: false, maxAge: '1h' }));
  app.get(/^(?!\/(graphql|healthz|imports|exports|track|inbound)\b).*/, (_req, res) => {
    if (fs.existsSync(index)) res.sendFile(index);
    else res.status(503).type('text').send('The admin app is not built yet: run `pnpm build` (npm run demo does it for you).');
  });
}
