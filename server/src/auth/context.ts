import { Channel, type Role } from '@ft/shared';
import type { DataSource, EntityManager } from 'typeorm';
import type { Config } from '../config.js';
import { createLoaders, type Loaders } from '../graphql/loaders.js';

/** Who is calling. Partners carry their partnerId; every scoped query reads it from here. */
export interface Viewer {
  role: Role;
  userId: number | null;
  email: string | null;
  partnerId: number | null;
  apiKeyId: number | null;
  /** What history records as "who": "user:<email>" or "api-key:<name> (<prefix>)". */
  actor: string;
  /** UI for a signed-in browser, API for an API key. */
  channel: Channel;
}

interface CookieJar {
  setSession(token: string, expires: Date): void;
  clearSession(): void;
}

/** Travels first into every service call; a transaction travels on it as `em`. */
export interface RequestContext {
  ds: DataSource;
  /** Where this call reads and writes: the data source's manager, or the transaction `inTransaction` opened. */
  em: EntityManager;
  config: Config;
  viewer: Viewer | null;
  loaders: Loaders;
  cookies: CookieJar;
  sessionTokenHash: string | null;
  /** The caller's address (for sign-in throttling); null for system work. */
  ip: string | null;
}

export function createContext(
  init: Omit<RequestContext, 'loaders' | 'ip' | 'em'> & { ip?: string | null },
): RequestContext {
  const ctx = { ip: null, em: init.ds.manager, ...init } as RequestContext;
  ctx.loaders = createLoaders(ctx);
  return ctx;
}

/** A context for work the system does by itself (seeding, workers). */
export function systemContext(ds: DataSource, config: Config): RequestContext {
  return createContext({
    ds,
    config,
    viewer: {
      role: 'ADMIN',
      userId: null,
      email: null,
      partnerId: null,
      apiKeyId: null,
      actor: 'system',
      channel: Channel.SYSTEM,
    },
    cookies: { setSession() {}, clearSession() {} },
    sessionTokenHash: null,
  });
}

/**
 * A partner's context for work that arrives without a session or key but on the partner's behalf
 * (a forwarded email to the partner's own address): scoped to that partner like its API key.
 */
export function partnerContext(
  ds: DataSource,
  config: Config,
  partnerId: number,
  who: { actor: string; channel: Channel },
): RequestContext {
  return createContext({
    ds,
    config,
    viewer: {
      role: 'PARTNER',
      userId: null,
      email: null,
      partnerId,
      apiKeyId: null,
      actor: who.actor,
      channel: who.channel,
    },
    cookies: { setSession() {}, clearSession() {} },
    sessionTokenHash: null,
  });
}
