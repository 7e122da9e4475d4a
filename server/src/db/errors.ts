/**
 * Failures where the transaction rolled back because of the database or the
 * connection, not the request: the same request can simply be sent again.
 * CONFLICT: another change held or changed the same rows at the same moment.
 * UNAVAILABLE: the database could not be reached or went away mid-request.
 */
export type RetryReason = 'CONFLICT' | 'UNAVAILABLE';
/** Code of `IndexRaceError`. */
const INDEX_RACE = 'FT_INDEX_RACE';
const RETRYABLE_CODES = new Map<string, RetryReason>([
  ['PROTOCOL_CONNECTION_LOST', 'UNAVAILABLE'],
  ['ECONNRESET', 'UNAVAILABLE'],
  ['ECONNREFUSED', 'UNAVAILABLE'],
  ['EPIPE', 'UNAVAILABLE'],
  ['ETIMEDOUT', 'UNAVAILABLE'],
  ['ER_QUERY_INTERRUPTED', 'UNAVAILABLE'],
  ['ER_CONNECTION_KILLED', 'UNAVAILABLE'],
  ['ER_SERVER_SHUTDOWN', 'UNAVAILABLE'],
  ['ER_CON_COUNT_ERROR', 'UNAVAILABLE'],
  // A Galera node outside the cluster's primary component ("WSREP has not yet prepared node for application use").
  ['ER_UNKNOWN_COM_ERROR', 'UNAVAILABLE'],
  // Every host of a DATABASE_URL that lists several refused a connection just now.
  ['POOL_NONEONLINE', 'UNAVAILABLE'],
  ['ER_LOCK_DEADLOCK', 'CONFLICT'],
  ['ER_CHECKREAD', 'CONFLICT'],
  [INDEX_RACE, 'CONFLICT'],
  ['ER_LOCK_WAIT_TIMEOUT', 'CONFLICT'],
  ['SQLITE_BUSY', 'CONFLICT'],
  ['SQLITE_LOCKED', 'CONFLICT'],
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

/** Why the request may be sent again as it is, or null when it may not. */
export function retryReason(error: unknown): RetryReason | null {
  for (const e of errorChain(error)) {
    const reason = e.code ? RETRYABLE_CODES.get(e.code) : undefined;
    if (reason) return reason;
    if (
      /Connection lost|connection is in closed state|Can't add new command when connection is in closed state|Pool is closed/i.test(
        String(e.message ?? ''),
      )
    )
      return 'UNAVAILABLE';
  }
  return null;
}

export const isRetryable = (error: unknown): boolean => retryReason(error) !== null;

/**
 * A failure after part of the work was committed (an import applies in
 * batches, each its own transaction): `saved` says what stays written.
 */
export class PartlySaved extends Error {
  constructor(
    readonly saved: string,
    override readonly cause: unknown,
  ) {
    super(saved);
    this.name = 'PartlySaved';
  }
}

/** What a caller hears when a request may be sent again: why, and what was saved. */
export function retryMessage(reason: RetryReason, saved = 'nothing was saved. Try again.'): string {
  const why =
    reason === 'CONFLICT'
      ? 'Another change to the same data got in the way (a lock wait or a conflict)'
      : 'The database was unavailable for a moment';
  return `${why}; ${saved}`;
}

/**
 * InnoDB chose this transaction as a deadlock victim and rolled all of it back, or (MariaDB 11.6.2+, whose
 * innodb_snapshot_isolation is on by default) refused a locking read of a row changed since the transaction's
 * snapshot (ER_CHECKREAD): either way the whole unit of work can run again.
 */
export function isDeadlock(error: unknown): boolean {
  for (const e of errorChain(error))
    if (e.code === 'ER_LOCK_DEADLOCK' || e.code === 'ER_CHECKREAD' || e.code === INDEX_RACE) return true;
  return false;
}

/**
 * A derived row (the search index of an order) that another transaction wrote first, decided from data this
 * transaction read before that one committed: on another Galera node its write set is applied here before
 * certification would have refused ours. Like a deadlock, the whole unit of work runs again.
 */
export class IndexRaceError extends Error {
  readonly code = INDEX_RACE;
  constructor(override readonly cause: unknown) {
    super('Another change indexed the same order at the same moment');
  }
}

/** A unique or primary key refused a row (directly, or inside a batch the store loaded). */
export function isDuplicateKey(error: unknown): boolean {
  for (const e of errorChain(error))
    if (e.code === 'ER_DUP_ENTRY' || /^SQLITE_CONSTRAINT_(PRIMARYKEY|UNIQUE)$/.test(e.code ?? ''))
      return true;
    else if (e.code === 'ER_LOAD_DATA_REFUSED' && /Duplicate entry/.test(String(e.message))) return true;
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
