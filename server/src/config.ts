import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Every environment variable is read here and nowhere else. */

const serverRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const projectRoot = path.resolve(serverRoot, '..');

export type DatabaseConfig =
  { type: 'sqlite'; path: string; isDefault: boolean } | { type: 'mysql'; url: string };

export interface Config {
  port: number;
  publicUrl: string;
  database: DatabaseConfig;
  seedDemo: boolean;
  adminEmail: string | null;
  adminPassword: string | null;
  smtpUrl: string | null;
  production: boolean;
  sessionTtlHours: number;
  clientDist: string;
  mailFrom: string;
  /** Run the outbox worker inside the server (default) or only as `pnpm worker`. */
  outboxWorker: boolean;
  digestWindowMinutes: number;
  introspection: boolean;
  /** Let webhooks reach loopback and private networks (development, tests); never in production by default. */
  webhookAllowPrivate: boolean;
  /** CSV uploads read at once by one API key or user, and by the whole process; more are refused (429, 503). */
  uploadsPerCaller: number;
  uploadsInTotal: number;
  /** Where upload bodies are spooled while they are read (at most uploadsInTotal files of up to 50 MB). */
  uploadTempDir: string;
  /** Accept forwarded tracking emails over SMTP on this port (INBOUND_SMTP_PORT); null: no SMTP listener. */
  inboundSmtpPort: number | null;
  /** The address the SMTP listener binds to. */
  inboundSmtpHost: string;
  /** The domain of partners' forwarding addresses, `<token>@<domain>`; its MX points at the listener. */
  inboundEmailDomain: string;
  /** SMTP connections served at once; more wait for the client to retry (421). */
  inboundSmtpMaxClients: number;
}

function parseDatabaseUrl(url: string | undefined): DatabaseConfig {
  if (!url)
    return { type: 'sqlite', path: path.join(projectRoot, 'data', 'fulfillment.sqlite'), isDefault: true };
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    return { type: 'sqlite', path: file === ':memory:' ? file : path.resolve(file), isDefault: false };
  }
  if (/^(mysql|mariadb):\/\//.test(url)) return { type: 'mysql', url: url.replace(/^mariadb:/, 'mysql:') };
  throw new Error(`DATABASE_URL must start with sqlite: or mysql:// (got "${url.split(':')[0]}:…")`);
}

function parseBool(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^(1|true|yes)$/i.test(value)) return true;
  if (/^(0|false|no)$/i.test(value)) return false;
  throw new Error(`${name} must be true or false, got "${value}"`);
}

function parseCount(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${name} must be a whole number of at least 1, got "${value}"`);
  return n;
}

function parsePort(name: string, value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`${name} must be a port number, got "${value}"`);
  return n;
}

function parseDomain(value: string): string {
  const domain = value.trim().toLowerCase();
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(domain))
    throw new Error(`INBOUND_EMAIL_DOMAIN must be a domain name such as inbound.example.com, got "${value}"`);
  return domain;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const database = parseDatabaseUrl(env.DATABASE_URL);
  const isEmbeddedDefault = database.type === 'sqlite' && database.isDefault;
  return {
    port,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    database,
    seedDemo: parseBool('SEED_DEMO', env.SEED_DEMO) ?? isEmbeddedDefault,
    adminEmail: env.ADMIN_EMAIL ?? (isEmbeddedDefault ? 'admin@example.com' : null),
    adminPassword: env.ADMIN_PASSWORD ?? (isEmbeddedDefault ? 'demo-admin-password' : null),
    smtpUrl: env.SMTP_URL || null,
    production: env.NODE_ENV === 'production',
    sessionTtlHours: Number(env.SESSION_TTL_HOURS ?? 12),
    clientDist: env.CLIENT_DIST ?? path.join(projectRoot, 'client', 'dist'),
    mailFrom: env.MAIL_FROM ?? 'Fulfillment tracking <no-reply@localhost>',
    outboxWorker: parseBool('OUTBOX_WORKER', env.OUTBOX_WORKER) ?? true,
    digestWindowMinutes: Number(env.DIGEST_WINDOW_MINUTES ?? 5),
    introspection:
      parseBool('GRAPHQL_INTROSPECTION', env.GRAPHQL_INTROSPECTION) ?? env.NODE_ENV !== 'production',
    webhookAllowPrivate:
      parseBool('WEBHOOK_ALLOW_PRIVATE', env.WEBHOOK_ALLOW_PRIVATE) ?? env.NODE_ENV !== 'production',
    uploadsPerCaller: parseCount('UPLOADS_PER_CALLER', env.UPLOADS_PER_CALLER, 2),
    uploadsInTotal: parseCount('UPLOADS_IN_TOTAL', env.UPLOADS_IN_TOTAL, 4),
    uploadTempDir: env.UPLOAD_TMPDIR || os.tmpdir(),
    inboundSmtpPort: parsePort('INBOUND_SMTP_PORT', env.INBOUND_SMTP_PORT),
    inboundSmtpHost: env.INBOUND_SMTP_HOST || '0.0.0.0',
    inboundEmailDomain: parseDomain(
      env.INBOUND_EMAIL_DOMAIN || new URL(env.PUBLIC_URL ?? 'http://localhost').hostname,
    ),
    inboundSmtpMaxClients: parseCount('INBOUND_SMTP_MAX_CLIENTS', env.INBOUND_SMTP_MAX_CLIENTS, 10),
  };
}
