import { describe, expect, it } from 'vitest';
import { cachedCount } from '../src/graphql/count-cache.js';

describe('totalCount cache', () => {
  it('small counts are always exact; counts of 10,000 or more are reused for 30 seconds', async () => {
    let calls = 0;
    const count = (n: number) => async () => {
      calls++;
      return n;
    };
    expect(await cachedCount('small', count(5), 0)).toBe(5);
    expect(await cachedCount('small', count(6), 1)).toBe(6);
    expect(calls).toBe(2);
    expect(await cachedCount('big', count(1_000_000), 0)).toBe(1_000_000);
    expect(await cachedCount('big', count(1_000_001), 29_999)).toBe(1_000_000);
    expect(await cachedCount('big', count(1_000_002), 30_000)).toBe(1_000_002);
    expect(calls).toBe(4);
  });
});
