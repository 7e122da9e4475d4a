import { parse as parseCookies } from 'cookie';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import { resolveViewer, SESSION_COOKIE } from './auth.service.js';
import { createContext, type RequestContext } from './context.js';

/** The request context for any HTTP route: the same cookie or bearer key as GraphQL. */
export async function contextFor(
  ds: DataSource,
  config: Config,
  req: Request,
  res: Response,
): Promise<RequestContext> {
  const auth = req.headers.authorization;
  const bearer = auth?.toLowerCase().startsWith('bearer ') ? auth.slice(7).trim() : null;
  const sessionToken = parseCookies(req.headers.cookie ?? '')[SESSION_COOKIE] ?? null;
  const { viewer, sessionTokenHash } = await resolveViewer(ds, { bearer, sessionToken });
  const secure = config.publicUrl.startsWith('https://');
  return createContext({
    ds,
    config,
    viewer,
    sessionTokenHash,
    ip: req.ip ?? null,
    cookies: {
      setSession: (token, expires) =>
        res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, expires, path: '/' }),
      clearSession: () =>
        res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' }),
    },
  });
}

/** A browser session may only POST files with a header a cross-site form cannot send (CSRF). */
export function isCrossSiteRisk(req: Request): boolean {
  return !req.headers.authorization && !req.headers['x-requested-with'];
}
