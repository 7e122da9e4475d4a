import { describe, expect, it } from 'vitest';
import { readAhead } from '../src/db/read-ahead.js';

const later = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

/** Pages 0..last of a keyset read, logging when each read starts and when its query would reach the database. */
function pages(last: number, log: string[], fail?: { page: number; error: Error }) {
  return (previous: number | undefined): Promise<number | null> | null => {
    const n = previous === undefined ? 0 : previous + 1;
    if (n > last) return null;
    log.push(`read ${n}`);
    return (async () => {
      // A driver sends a query a few awaits after it is asked to.
      for (let i = 0; i < 5; i++) await null;
      log.push(`sent ${n}`);
      await later();
      if (fail?.page === n) throw fail.error;
      return n;
    })();
  };
}

/** Work that holds the event loop, as formatting or classifying a page does. */
function busy(log: string[], entry: string) {
  log.push(entry);
  const until = Date.now() + 3;
  while (Date.now() < until);
}

const before = (log: string[], a: string, b: string) => {
  expect(log, `${a} before ${b}`).toContain(a);
  expect(log, `${a} before ${b}`).toContain(b);
  expect(log.indexOf(a), `${a} before ${b}: ${log.join(', ')}`).toBeLessThan(log.indexOf(b));
};

describe('readAhead', () => {
  it('hands out every page in order, the next one already sent while the caller works on this one', async () => {
    const log: string[] = [];
    const seen: number[] = [];
    for await (const page of readAhead(pages(4, log), { blocking: true })) {
      busy(log, `work ${page}`);
      seen.push(page);
    }
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    for (let i = 0; i < 4; i++) {
      before(log, `sent ${i + 1}`, `work ${i}`);
      // One page ahead, not more: the page after next waits for the caller.
      if (i + 2 <= 4) before(log, `work ${i}`, `read ${i + 2}`);
    }
  });

  it('for work that awaits the database, no turn of the event loop comes between pages', async () => {
    let turns = 0;
    const tick = () =>
      setImmediate(() => {
        turns++;
      });
    const seen: number[] = [];
    for await (const page of readAhead((previous?: number) =>
      (previous ?? 0) < 3 ? Promise.resolve((previous ?? 0) + 1) : null,
    )) {
      tick();
      await Promise.resolve(); // a write whose result is already in
      seen.push(page);
    }
    expect(seen).toEqual([1, 2, 3]);
    expect(turns).toBe(0);
  });

  it('stops at a read that finds nothing', async () => {
    const reads: (number | undefined)[] = [];
    const seen: number[] = [];
    const read = (previous: number | undefined) => {
      reads.push(previous);
      return Promise.resolve((previous ?? 0) < 2 ? (previous ?? 0) + 1 : null);
    };
    for await (const page of readAhead(read)) seen.push(page);
    expect(seen).toEqual([1, 2]);
    expect(reads).toEqual([undefined, 1, 2]);
  });

  it('with a prepare stage: while page i is worked on, page i+1 is prepared and page i+2 read', async () => {
    const log: string[] = [];
    const seen: string[] = [];
    const prepare = async (page: number) => {
      log.push(`prepare ${page}`);
      for (let i = 0; i < 5; i++) await null;
      log.push(`lookup sent ${page}`);
      await later();
      return `prepared ${page}`;
    };
    for await (const prepared of readAhead(pages(5, log), { prepare, blocking: true })) {
      const i = seen.length;
      busy(log, `work ${i}`);
      seen.push(prepared);
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5].map((i) => `prepared ${i}`));
    for (let i = 0; i < 5; i++) {
      before(log, `lookup sent ${i + 1}`, `work ${i}`);
      if (i + 2 <= 5) before(log, `sent ${i + 2}`, `work ${i}`);
      // Two ahead, not more.
      if (i + 2 <= 5) before(log, `work ${i}`, `prepare ${i + 2}`);
      if (i + 3 <= 5) before(log, `work ${i}`, `read ${i + 3}`);
    }
  });

  it('throws a failed read where its page would have been, after the pages before it', async () => {
    const log: string[] = [];
    const seen: number[] = [];
    const error = new Error('connection lost');
    const run = async () => {
      for await (const page of readAhead(pages(5, log, { page: 2, error }))) {
        seen.push(page);
        await later(20); // the read ahead fails meanwhile, with nobody awaiting it yet
      }
    };
    await expect(run()).rejects.toBe(error);
    expect(seen).toEqual([0, 1]);
  });

  it('throws a failed prepare where its page would have been', async () => {
    const seen: number[] = [];
    const error = new Error('lookup failed');
    const prepare = async (page: number) => {
      await later();
      if (page === 3) throw error;
      return page;
    };
    const run = async () => {
      for await (const page of readAhead(pages(5, []), { prepare })) {
        seen.push(page);
        await later(20);
      }
    };
    await expect(run()).rejects.toBe(error);
    expect(seen).toEqual([0, 1, 2]);
  });

  it('a caller that stops early leaves nothing in flight', async () => {
    const inFlight = new Set<number>();
    const read = (previous: number | undefined) => {
      const n = (previous ?? -1) + 1;
      inFlight.add(n);
      return later(10).then(() => {
        inFlight.delete(n);
        return n;
      });
    };
    const prepare = (page: number) => {
      inFlight.add(100 + page);
      return later(10).then(() => {
        inFlight.delete(100 + page);
        return page;
      });
    };
    const stop = new Error('the caller gave up');
    const run = async () => {
      for await (const page of readAhead(read, { prepare })) if (page === 1) throw stop;
    };
    await expect(run()).rejects.toBe(stop);
    expect([...inFlight]).toEqual([]);

    for await (const page of readAhead(read)) if (page === 1) break;
    expect([...inFlight]).toEqual([]);
  });
});
