/**
 * Slows down password guessing: after 10 failed sign-ins for one email, or 30
 * from one address, within 15 minutes, further tries are refused until the
 * window passes. Kept per server process: behind a load balancer each
 * instance counts on its own, which still caps guessing at instances × limit.
 */
const WINDOW_MS = 15 * 60_000;
const LIMITS = { email: 10, ip: 30 } as const;
const failures = new Map<string, number[]>();

function recent(key: string, now: number): number[] {
  const list = (failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  if (list.length) failures.set(key, list);
  else failures.delete(key);
  return list;
}

/** Minutes until the caller may try again, or 0 when allowed. */
export function loginBlockedFor(email: string, ip: string | null, now = Date.now()): number {
  const blocked = [[`email:${email}`, LIMITS.email], ...(ip ? [[`ip:${ip}`, LIMITS.ip]] : [])] as [
    string,
    number,
  ][];
  let wait = 0;
  for (const [key, limit] of blocked) {
    const list = recent(key, now);
    if (list.length >= limit) wait = Math.max(wait, Math.ceil((list[0]! + WINDOW_MS - now) / 60_000));
  }
  return wait;
}

export function recordLoginFailure(email: string, ip: string | null, now = Date.now()): void {
  for (const key of [`email:${email}`, ...(ip ? [`ip:${ip}`] : [])])
    failures.set(key, [...recent(key, now), now]);
}

export function clearLoginFailures(email: string): void {
  failures.delete(`email:${email}`);
}
