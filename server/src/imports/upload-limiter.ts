/**
 * How many uploads this process reads at once: each holds a temp file, a
 * parser's batch and, on SQLite, a turn at the one write connection, so
 * memory is bounded by the total whatever arrives. A caller over its share,
 * or anyone once the total is reached, is refused at once (a queue would
 * hold the waiting bodies' connections open instead).
 */
export interface UploadLimits {
  perCaller: number;
  total: number;
}

/** What a refused caller is told to wait: about what a large upload takes to read and store. */
export const UPLOAD_RETRY_AFTER_SECONDS = 30;

export type Admission =
  { admitted: true; release: () => void } | { admitted: false; status: 429 | 503; error: string };

export class UploadLimiter {
  private readonly running = new Map<string, number>();
  private total = 0;

  constructor(private readonly limits: UploadLimits) {}

  /** A slot for `caller` (an API key or a user), or why not; `release` gives it back (once, however often called). */
  admit(caller: string): Admission {
    const mine = this.running.get(caller) ?? 0;
    if (mine >= this.limits.perCaller)
      return {
        admitted: false,
        status: 429,
        error: `You already have ${mine} upload${mine === 1 ? '' : 's'} running; wait for one to finish, then send this file again`,
      };
    if (this.total >= this.limits.total)
      return {
        admitted: false,
        status: 503,
        error: `The server is busy with other uploads; send this file again in ${UPLOAD_RETRY_AFTER_SECONDS} s`,
      };
    this.running.set(caller, mine + 1);
    this.total++;
    let released = false;
    return {
      admitted: true,
      release: () => {
        if (released) return;
        released = true;
        this.total--;
        const left = (this.running.get(caller) ?? 1) - 1;
        if (left > 0) this.running.set(caller, left);
        else this.running.delete(caller);
      },
    };
  }
}
