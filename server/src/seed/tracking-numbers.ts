import { checkDigitFor } from '../tracking/tracking-number.js';

/**
 * Real-looking tracking numbers whose check digits hold, for demo data and
 * tests. The check digit is found by asking the tracking-number library, not
 * by re-implementing each carrier's algorithm.
 */
type Rng = () => number;

const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => Math.floor(rng() * 10)).join('');

function withCheckDigit(carrier: string, build: (check: string) => string): string {
  for (let d = 0; d <= 9; d++) {
    const candidate = build(String(d));
    if (checkDigitFor(carrier, candidate)) return candidate;
  }
  throw new Error(`no check digit makes a valid ${carrier} number`);
}

export function makeTrackingNumber(carrier: string, rng: Rng = Math.random): string {
  for (;;) {
    try {
      switch (carrier) {
        case 'ups':
          return withCheckDigit('ups', (c) => `1Z5R8939${digits(rng, 2)}${digits(rng, 7)}${c}`);
        case 'usps':
          return withCheckDigit('usps', (c) => `9400${digits(rng, 17)}${c}`.slice(0, 22));
        case 'fedex':
          return withCheckDigit('fedex', (c) => `${digits(rng, 11)}${c}`);
        case 'dhl':
          return withCheckDigit('dhl', (c) => `${digits(rng, 9)}${c}`);
        case 'canada_post':
          return withCheckDigit('canada_post', (c) => `RR${digits(rng, 8)}${c}CA`);
        case 'deutsche_post':
          return withCheckDigit('deutsche_post', (c) => `RR${digits(rng, 8)}${c}DE`);
        case 'royal_mail':
          return withCheckDigit('royal_mail', (c) => `RR${digits(rng, 8)}${c}GB`);
        default:
          throw new Error(`no generator for ${carrier}`);
      }
    } catch (error) {
      // Some serials admit no valid check digit (e.g. FedEx mod-11 remainders); draw again.
      if (!(error instanceof Error && error.message.startsWith('no check digit'))) throw error;
    }
  }
}

/** Deterministic pseudo-random numbers, so demo data is the same on every machine. */
export function seededRng(seed: number): Rng {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
