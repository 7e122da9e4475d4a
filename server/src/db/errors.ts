/**
 * Failures where the transaction rolled back because of the database or the
 * connection, not the request: the same request can simply be sent again.
 */
const RETRYABLE_CODES = new Set([
  'PROTOCOL_CONNECTION_LOST',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ER_LOCK_DEADLOCK',
  'ER_CHECKREAD',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_QUERY_INTERRUPTED',
  'ER_CONNECTION_KILLED',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
]);

/** The error and the driver errors or causes it wraps, outermost first. */
function* errorChain(error: unknown): Generator<{ code?: string; message?: string }> {
  for (
    let e = error as { code?: string; driverError?: unknown; cause?: unknown; message?: string } | undefined,
      depth = 0;
    e && depth < 4;
    depth++
  ) {
    yield e;
    e = (e.driverError ?? e.cause) as typeof e;
  }
}

export function isRetryable(error: unknown): boolean {
  for (const e of errorChain(error)) {
    if (e.code && RETRYABLE_CODES.has(e.code)) return true;
    if (
      /Connection lost|connection is in closed state|Can't add new command when connection is in closed state|Pool is closed/i.test(
        String(e.message ?? ''),
      )
    )
      return true;
  }
  return false;
}

/**
 * InnoDB chose this transaction as a deadlock victim and rolled all of it back, or (MariaDB 11.6.2+, whose
 * innodb_snapshot_isolation is on by default) refused a locking read of a row changed since the transaction's
 * snapshot (ER_CHECKREAD): either way the whole unit of work can run again.
 */
export function isDeadlock(error: unknown): boolean {
  for (const e of errorChain(error))
    if (e.code === 'ER_LOCK_DEADLOCK' || e.code === 'ER_CHECKREAD') return true;
  return false;
}

/**
 * A database message without the data it quotes: MariaDB writes values into
 * its messages (`Duplicate entry 'ada@example.com' for key 'uq_app_user_email'`).
 * Names after key, column, table or in stay; they say where it went wrong.
 */
export function redactMessage(message: string): string {
  // A syntax error quotes the statement from where it failed, values and all, in one pair of quotes that the
  // literals inside break up: it goes whole.
  return message
    .replace(/ near '[\s\S]*' at line (\d+)/g, " near '…' at line $1")
    .replace(/(\b(?:key|column|table|in|database) )?'(?:[^'\\]|\\.)*'/gi, (literal, name?: string) =>
      name ? literal : "'…'",
    );
}

/** A statement's text for the log: hot paths write their values into it (sqlLiteral), so every quoted literal goes. */
function statementForLog(sql: string): string {
  const text = sql.replace(/'(?:[^'\\]|\\.)*'/g, "'…'");
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

/**
 * An error as the log may show it: the message (without quoted values), the
 * stack, the driver's code and the statement's text, but never the
 * statement's values. Logged whole, a QueryFailedError prints its parameters
 * and mysql2's `sql` with the values inlined: customers' addresses, webhook
 * secrets, password hashes.
 */
export function faultForLog(error: unknown): string {
  if (!(error instanceof Error)) return redactMessage(String(error));
  const e = error as Error & { query?: unknown; code?: unknown; driverError?: { code?: unknown } };
  const code = e.code ?? e.driverError?.code;
  const frames = (e.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .map((line) => line.trim());
  return [
    `${e.name}: ${redactMessage(e.message)}`,
    ...(code ? [`code: ${String(code)}`] : []),
    ...(typeof e.query === 'string' ? [`statement: ${statementForLog(e.query)}`] : []),
    ...frames,
  ].join('\n  ');
}
