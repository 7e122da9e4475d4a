/**
 * Counting a million matching rows costs tens of milliseconds on every page of
 * the grid. Counts of 10,000 or more are kept for 30 seconds per filter and
 * partner scope; smaller counts are always exact. (README: totalCount.)
 */
const EXACT_BELOW = 10_000;
const TTL_MS = 30_000;
const cache = new Map<string, { count: number; at: number }>();

export async function cachedCount(
  key: string,
  count: () => Promise<number>,
  now = Date.now(),
): Promise<number> {
  const hit = cache.get(key);
  if (hit && now - hit.at < TTL_MS) return hit.count;
  const value = await count();
  if (value >= EXACT_BELOW) {
    if (cache.size > 1000) cache.clear();
    cache.set(key, { count: value, at: now });
  } else {
    cache.delete(key);
  }
  return value;
}
