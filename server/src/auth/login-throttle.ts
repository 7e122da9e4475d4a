/**
 * Slows down password guessing: after 10 failed sign-ins for one account, or 30
 * from one address, within 15 minutes, further tries are refused until the
 * window passes. Kept per server process: behind a load balancer each
 * instance counts on its own, which still caps guessing at instances × limit.
 *
 * An account is counted by the user the lookup found, and by its email as
 * normalised below: the lookup compares accent- and case-insensitively on
 * MariaDB, so `ádmin@…` signs in as `admin@…`, and counting the spelling as
 * typed would give every variant its own 10 guesses. A failure for an email
 * that finds no account is counted by the normalised spelling alone.
 */
const WINDOW_MS = 15 * 60_000;
const LIMITS = { account: 10, ip: 30 } as const;
const failures = new Map<string, number[]>();

/** Who a sign-in is for: the email as typed and the account it found, if any. */
export interface LoginSubject {
  email: string;
  userId: number | null;
}

/** Lower-cased, compatibility-decomposed, combining marks dropped: `ÁDMİN@x` and `admin@x` are one key. */
function normaliseEmail(email: string): string {
  return email.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
}

function accountKeys(subject: LoginSubject): string[] {
  return [
    `email:${normaliseEmail(subject.email)}`,
    ...(subject.userId !== null ? [`user:${subject.userId}`] : []),
  ];
}

function recent(key: string, now: number): number[] {
  const list = (failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  if (list.length) failures.set(key, list);
  else failures.delete(key);
  return list;
}

/** Minutes until the caller may try again, or 0 when allowed. */
export function loginBlockedFor(subject: LoginSubject, ip: string | null, now = Date.now()): number {
  const blocked: [string, number][] = [
    ...accountKeys(subject).map((key): [string, number] => [key, LIMITS.account]),
    ...(ip ? [[`ip:${ip}`, LIMITS.ip] as [string, number]] : []),
  ];
  let wait = 0;
  for (const [key, limit] of blocked) {
    const list = recent(key, now);
    if (list.length >= limit) wait = Math.max(wait, Math.ceil((list[0]! + WINDOW_MS - now) / 60_000));
  }
  return wait;
}

export function recordLoginFailure(subject: LoginSubject, ip: string | null, now = Date.now()): void {
  for (const key of [...accountKeys(subject), ...(ip ? [`ip:${ip}`] : [])])
    failures.set(key, [...recent(key, now), now]);
}

export function clearLoginFailures(subject: LoginSubject): void {
  for (const key of accountKeys(subject)) failures.delete(key);
}
