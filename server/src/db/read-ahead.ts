import { queriesSent } from './transaction.js';

/**
 * Starts reading the page after `previous` (the first page when it is undefined). Null, or a promise of
 * null, says there is no further page: null when `previous` shows it was the last (a short page), a
 * promise of null when only the read can tell.
 */
type ReadPage<P> = (previous: P | undefined) => Promise<P | null> | null;

/** A promise the caller awaits later: a rejection meanwhile must not count as unhandled. */
function started<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

interface ReadAheadOptions {
  /**
   * The caller's work on a page holds the event loop (formatting, classifying): before a page is handed out,
   * the reads just started are let reach the database (`queriesSent`), or they would go out only after the
   * work. Not for work that awaits the database anyway (apply's write transactions): there the extra turn of
   * the event loop lets timers run between the caller's transactions, and on SQLite, where write transactions
   * take turns, the outbox worker's deliveries then queue ahead of every batch and the apply crawls.
   */
  blocking?: boolean;
}

/**
 * Pages in order, each read while the caller works on the one before, so the database and node work at
 * the same time instead of taking turns. With `prepare` (a second round trip a page needs, such as a
 * lookup of what its rows name), the caller works on page i while page i+1 is prepared and page i+2 is
 * read: a prepare started only once its page had come in would leave node waiting between pages.
 *
 * A failed read or prepare is thrown where its page would have been; when the caller stops early (break,
 * throw), what is in flight settles before its loop exits.
 */
export function readAhead<P>(
  read: ReadPage<P>,
  options?: ReadAheadOptions,
): AsyncGenerator<P, void, undefined>;
export function readAhead<P, Q>(
  read: ReadPage<P>,
  options: ReadAheadOptions & { prepare: (page: P) => Promise<Q> },
): AsyncGenerator<Q, void, undefined>;
export async function* readAhead<P, Q>(
  read: ReadPage<P>,
  options: ReadAheadOptions & { prepare?: (page: P) => Promise<Q> } = {},
): AsyncGenerator<P | Q, void, undefined> {
  const { prepare, blocking = false } = options;
  let reading = started(read(undefined) ?? Promise.resolve(null));
  const readAfter = (page: P | null) =>
    page === null ? Promise.resolve(null) : started(read(page) ?? Promise.resolve(null));
  let preparing: Promise<Q> | null = null;
  try {
    if (!prepare) {
      for (;;) {
        const page = await reading;
        if (page === null) return;
        reading = readAfter(page);
        if (blocking) await queriesSent();
        yield page;
      }
    }
    for (;;) {
      const ready = preparing && { page: await preparing };
      const page = await reading;
      preparing = page === null ? null : started(prepare(page));
      reading = readAfter(page);
      if (!ready) {
        if (page === null) return;
        continue; // the first page: nothing is prepared yet to hand out
      }
      if (blocking) await queriesSent();
      yield ready.page;
    }
  } finally {
    await Promise.allSettled([reading, preparing]);
  }
}
