/**
 * Failures where the transaction rolled back because of the database or the
 * connection, not the request: the same request can simply be sent again.
 */
const RETRYABLE_CODES = new Set([
  'PROTOCOL_CONNECTION_LOST', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT',
  'ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'ER_QUERY_INTERRUPTED', 'ER_CONNECTION_KILLED', 'ER_SERVER_SHUTDOWN', 'ER_CON_COUNT_ERROR',
  'SQLITE_BUSY', 'SQLITE_LOCKED',
]);

export function isRetryable(error: unknown): boolean {
  for (let e = error as { code?: string; driverError?: unknown; cause?: unknown; message?: string } | undefined, depth = 0; e && depth < 4; depth++) {
    if (e.code && RETRYABLE_CODES.has(e.code)) return true;
    if (/Connection lost|connection is in closed state|Can't add new command when connection is in closed state|Pool is closed/i.test(String(e.message ?? ''))) return true;
    e = (e.driverError ?? e.cause) as typeof e;
  }
  return false;
}
