import { Channel, ErrorCode, loginInputSchema, Role } from '@ft/shared';
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { transact } from '../db/transaction.js';
import { parseInput, userError, UserErrorsException } from '../graphql/user-error.js';
import { UserEntity } from '../users/user.entity.js';
import type { RequestContext, Viewer } from './context.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords.js';
import { clearLoginFailures, loginBlockedFor, recordLoginFailure } from './login-throttle.js';
import { SessionEntity } from './session.entity.js';

export const SESSION_COOKIE = 'ft_session';
export const API_KEY_PREFIX = 'ftk_';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

export async function login(
  ctx: RequestContext,
  input: { email: string; password: string },
): Promise<UserEntity> {
  const { email: rawEmail, password } = parseInput(loginInputSchema, input);
  const email = rawEmail.toLowerCase();
  // Looked up first: the throttle counts the account found, whatever spelling found it.
  const user = await ctx.em.getRepository(UserEntity).findOneBy({ email });
  const subject = { email, userId: user?.id ?? null };
  const wait = loginBlockedFor(subject, ctx.ip);
  if (wait > 0) {
    throw new UserErrorsException([
      userError(ErrorCode.LIMIT_EXCEEDED, null, 'signInLocked', { count: wait, minutes: wait }),
    ]);
  }
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || user.disabledAt) {
    recordLoginFailure(subject, ctx.ip);
    throw new UserErrorsException([userError(ErrorCode.INVALID_CREDENTIALS, null, 'wrongCredentials')]);
  }
  clearLoginFailures(subject);
  const token = randomToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionTtlHours * 3600_000);
  await ctx.em
    .getRepository(SessionEntity)
    .insert({ tokenHash: sha256(token), userId: user.id, createdAt: now, expiresAt });
  ctx.cookies.setSession(token, expiresAt);
  return user;
}

export async function logout(ctx: RequestContext): Promise<boolean> {
  if (ctx.sessionTokenHash)
    await ctx.em.getRepository(SessionEntity).delete({ tokenHash: ctx.sessionTokenHash });
  ctx.cookies.clearSession();
  return true;
}

/** Who the request's cookie or bearer key belongs to; null for anonymous or expired/revoked credentials. */
export async function resolveViewer(
  ds: DataSource,
  credentials: { sessionToken?: string | null; bearer?: string | null },
): Promise<{ viewer: Viewer | null; sessionTokenHash: string | null }> {
  if (credentials.bearer) {
    if (!credentials.bearer.startsWith(API_KEY_PREFIX) || credentials.bearer.length > 200)
      return { viewer: null, sessionTokenHash: null };
    // Plain SQL, as the session below.
    const [key]: { id: number; partner_id: number; name: string; prefix: string; revoked_at: unknown }[] =
      await ds.query('SELECT id, partner_id, name, prefix, revoked_at FROM api_key WHERE secret_hash = ?', [
        sha256(credentials.bearer),
      ]);
    if (!key || key.revoked_at) return { viewer: null, sessionTokenHash: null };
    return {
      viewer: {
        role: Role.PARTNER,
        userId: null,
        email: null,
        partnerId: Number(key.partner_id),
        apiKeyId: Number(key.id),
        actor: `api-key:${key.name} (${key.prefix})`,
        channel: Channel.API,
      },
      sessionTokenHash: null,
    };
  }
  if (credentials.sessionToken && credentials.sessionToken.length <= 200) {
    const tokenHash = sha256(credentials.sessionToken);
    // One round trip per request: the session and its user together. Plain SQL: every request pays this, and the
    // query builder took as long as the query (0.2 ms).
    const [row]: {
      expires_at: Date | string;
      id: number;
      email: string;
      role: string;
      disabled_at: unknown;
    }[] = await ds.query(
      'SELECT s.expires_at, u.id, u.email, u.role, u.disabled_at FROM session s INNER JOIN app_user u ON u.id = s.user_id WHERE s.token_hash = ?',
      [tokenHash],
    );
    const expires = row
      ? row.expires_at instanceof Date
        ? row.expires_at
        : new Date(`${String(row.expires_at).replace(' ', 'T')}Z`)
      : null;
    if (!row || !expires || expires.getTime() < Date.now() || row.disabled_at)
      return { viewer: null, sessionTokenHash: null };
    return {
      viewer: {
        role: row.role as Role,
        userId: Number(row.id),
        email: row.email,
        partnerId: null,
        apiKeyId: null,
        actor: `user:${row.email}`,
        channel: Channel.UI,
      },
      sessionTokenHash: tokenHash,
    };
  }
  return { viewer: null, sessionTokenHash: null };
}

/** On a start with no users, the first admin comes from ADMIN_EMAIL / ADMIN_PASSWORD. */
export async function ensureFirstAdmin(
  ds: DataSource,
  email: string | null,
  password: string | null,
): Promise<'created' | 'exists' | 'not-configured'> {
  return transact(ds, async (em) => {
    if ((await em.getRepository(UserEntity).count()) > 0) return 'exists';
    if (!email || !password) return 'not-configured';
    await em.getRepository(UserEntity).insert({
      email: email.toLowerCase(),
      role: Role.ADMIN,
      passwordHash: await hashPassword(password),
      createdAt: new Date(),
      disabledAt: null,
    });
    return 'created';
  });
}
