import { compactTrackingNumber, ErrorCode, isTrackingNumberShape, MESSAGES } from '@ft/shared';
import type { RequestContext } from '../auth/context.js';
import { z } from 'zod';
import { parseInput, userError, type UserError } from '../graphql/user-error.js';
import { CarrierEntity } from './carrier.entity.js';
import { forgetCarriers } from './carrier-cache.js';
import { normaliseCarrierText } from './carrier-registry.js';
import { platformCarrierCode } from './carrier-vocabulary.js';
import { checkDigitFor, detectCarrier, normaliseTrackingNumber } from './tracking-number.js';

export async function listCarriers(ctx: RequestContext): Promise<CarrierEntity[]> {
  return ctx.loaders.carriers();
}

/**
 * "UPS Ground", "u.p.s.", "ups", "dhl-germany" → a carrier: a carrier's code, name or alias exactly, else
 * the name another platform writes for it (carrier-vocabulary.ts), else the longest alias that starts the
 * text; null if none.
 */
export function matchCarrierText(text: string, carriers: readonly CarrierEntity[]): CarrierEntity | null {
  // An import names the same few carriers on every row: remember the answer per list of carriers.
  let known = matched.get(carriers);
  if (!known || known.size >= 1000) matched.set(carriers, (known = new Map()));
  const hit = known.get(text);
  if (hit !== undefined) return hit;
  const result = matchCarrierOnce(text, carriers);
  known.set(text, result);
  return result;
}

const matched = new WeakMap<readonly CarrierEntity[], Map<string, CarrierEntity | null>>();

function matchCarrierOnce(text: string, carriers: readonly CarrierEntity[]): CarrierEntity | null {
  const wanted = normaliseCarrierText(text);
  if (!wanted) return null;
  let best: { carrier: CarrierEntity; length: number } | null = null;
  const platformCode = platformCarrierCode(text);
  const platformCarrier = platformCode ? carriers.find((c) => c.code === platformCode) : undefined;
  for (const carrier of carriers) {
    for (const alias of [
      carrier.code.replace(/_/g, ''),
      normaliseCarrierText(carrier.name),
      ...carrier.aliases,
    ]) {
      const exact = wanted === alias;
      if (
        (exact || (alias.length >= 3 && wanted.startsWith(alias))) &&
        (!best || alias.length > best.length || exact)
      ) {
        best = { carrier, length: exact ? Infinity : alias.length };
      }
    }
  }
  if (platformCarrier && best?.length !== Infinity) return platformCarrier;
  return best?.carrier ?? null;
}

export function trackingUrlFor(carrier: CarrierEntity | null | undefined, number: string): string | null {
  return carrier?.trackingUrlTemplate
    ? carrier.trackingUrlTemplate.replace('{number}', encodeURIComponent(number))
    : null;
}

export interface ResolvedTracking {
  number: string;
  carrierCode: string | null;
  carrierName: string | null;
  url: string | null;
}

/** A tracking row's number, normalised, and the carrier its text names; null when the number is not shaped like one. */
function readTrackingInput(
  carriers: readonly CarrierEntity[],
  input: { trackingNumber: string; carrier?: string | null },
): { number: string; carrier: CarrierEntity | null; carrierName: string | null } | null {
  // Shape is judged before upper-casing: `ß` would become `SS` and pass.
  if (!isTrackingNumberShape(compactTrackingNumber(input.trackingNumber))) return null;
  const number = normaliseTrackingNumber(input.trackingNumber);
  const carrier = input.carrier ? matchCarrierText(input.carrier, carriers) : null;
  return { number, carrier, carrierName: input.carrier && !carrier ? input.carrier : null };
}

/** Carriers whose numbers stand in for each other: a DHL Paket parcel may carry a Deutsche Post or DHL number. */
const CARRIER_FAMILIES: readonly (readonly string[])[] = [['dhl', 'dhl_paket', 'deutsche_post']];
const sameFamily = (a: string, b: string) =>
  a === b || CARRIER_FAMILIES.some((family) => family.includes(a) && family.includes(b));

/**
 * The carrier a number's own format and check digit prove, when it is not `given`: a UPS `1Z…` named "USPS".
 * Null when the given carrier's formats fit the number, or no format's check digit holds.
 */
function mismatchedCarrier(
  carriers: readonly CarrierEntity[],
  given: CarrierEntity,
  number: string,
): CarrierEntity | null {
  if (checkDigitFor(given.code, number) !== null) return null;
  const detection = detectCarrier(number);
  if (detection.checkDigitValid !== true) return null;
  if (detection.candidates.some((code) => sameFamily(code, given.code))) return null;
  return carriers.find((c) => c.code === detection.candidates[0]) ?? null;
}

/** Optimal string alignment distance (a swap of neighbours counts once), stopping early above `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
    }
    if (Math.min(...row) > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The known carrier free text is most likely a typo of ("Fedx" → FedEx, "Fed Ex Grund" → FedEx): one edit
 * for names of 4–6 letters, two for longer ones; shorter texts ("DPX") are too short to tell.
 */
function suggestCarrier(text: string, carriers: readonly CarrierEntity[]): CarrierEntity | null {
  const wanted = normaliseCarrierText(text);
  if (wanted.length < 4) return null;
  const max = wanted.length <= 6 ? 1 : 2;
  let best: { carrier: CarrierEntity; distance: number } | null = null;
  for (const carrier of carriers) {
    for (const alias of [
      carrier.code.replace(/_/g, ''),
      normaliseCarrierText(carrier.name),
      ...carrier.aliases,
    ]) {
      if (alias.length < 3) continue;
      const distance = editDistance(wanted, alias, max);
      if (distance <= max && (!best || distance < best.distance)) best = { carrier, distance };
    }
  }
  return best?.carrier ?? null;
}

export interface TrackingCheckInput {
  trackingNumber: string;
  carrier?: string | null;
  trackingUrl?: string | null;
  /** The caller confirmed the carrier as given: a mismatch or an unknown name is then a warning, not an error. */
  acceptCarrierMismatch?: boolean | null;
}

/**
 * The tracking rules: carrier from the text or, if omitted, detected
 * from the number; check digit verified; URL from the carrier template unless
 * given. A number another carrier's check digit proves (CARRIER_MISMATCH) and
 * a carrier name that is a typo of a known one (CARRIER_UNKNOWN) are refused
 * unless the caller confirms; confirmed, they come back as `warnings`.
 * Returns userErrors (with `field` under `fieldPrefix`) instead of throwing.
 */
export function resolveTracking(
  carriers: readonly CarrierEntity[],
  input: TrackingCheckInput,
  fieldPrefix: string[] = ['input'],
):
  | { tracking: ResolvedTracking; errors: []; warnings: UserError[] }
  | { tracking: null; errors: UserError[] } {
  const numberField = [...fieldPrefix, 'trackingNumber'];
  const carrierField = [...fieldPrefix, 'carrier'];
  const q = readTrackingInput(carriers, input);
  if (!q) {
    return {
      tracking: null,
      errors: [userError(ErrorCode.INVALID, numberField, 'notATrackingNumber')],
    };
  }
  const { number, carrierName } = q;
  const warnings: UserError[] = [];
  const doubt = (warning: UserError): { tracking: null; errors: UserError[] } | null => {
    if (!input.acceptCarrierMismatch) return { tracking: null, errors: [warning] };
    warnings.push(warning);
    return null;
  };
  let carrier = q.carrier;
  if (carrier) {
    if (checkDigitFor(carrier.code, number) === false) {
      return {
        tracking: null,
        errors: [
          userError(ErrorCode.INVALID_TRACKING_NUMBER, numberField, 'checkDigit', {
            number,
            carrier: carrier.name,
          }),
        ],
      };
    }
    const detected = mismatchedCarrier(carriers, carrier, number);
    if (detected) {
      const refused = doubt(
        userError(ErrorCode.CARRIER_MISMATCH, carrierField, 'carrierMismatch', {
          number,
          detected: detected.name,
          detectedCode: detected.code,
          given: carrier.name,
        }),
      );
      if (refused) return refused;
    }
  } else if (carrierName) {
    const suggestion = suggestCarrier(carrierName, carriers);
    if (suggestion) {
      const refused = doubt(
        userError(ErrorCode.CARRIER_UNKNOWN, carrierField, 'carrierDidYouMean', {
          given: carrierName,
          suggestion: suggestion.name,
          suggestionCode: suggestion.code,
        }),
      );
      if (refused) return refused;
    }
  } else {
    const detection = detectCarrier(number);
    if (detection.candidates.length === 0) {
      return {
        tracking: null,
        errors: [userError(ErrorCode.UNKNOWN_CARRIER, carrierField, 'noCarrierFormat', { number })],
      };
    }
    if (detection.checkDigitValid === false) {
      const names = detection.candidates
        .map((c) => carriers.find((x) => x.code === c)?.name ?? c)
        .join(' or ');
      return {
        tracking: null,
        errors: [
          userError(ErrorCode.INVALID_TRACKING_NUMBER, numberField, 'looksLikeCheckDigit', {
            number,
            carriers: names,
          }),
        ],
      };
    }
    carrier = carriers.find((c) => c.code === detection.candidates[0]) ?? null;
  }
  return {
    tracking: {
      number,
      carrierCode: carrier?.code ?? null,
      carrierName: carrier ? null : carrierName,
      url: input.trackingUrl || trackingUrlFor(carrier, number),
    },
    errors: [],
    warnings,
  };
}

const carrierInputSchema = z.object({
  code: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9_]{1,31}$/, { message: MESSAGES.carrierCodeShape }),
  name: z.string().trim().min(1).max(100),
  trackingUrlTemplate: z
    .string()
    .trim()
    .max(500)
    .nullish()
    .refine((v) => !v || (/^https?:\/\/\S+$/i.test(v) && v.includes('{number}')), {
      message: MESSAGES.carrierTemplateShape,
    }),
  aliases: z.array(z.string().max(100)).max(50).default([]),
  quirkNote: z.string().trim().max(500).nullish(),
  pickupWindow: z.string().trim().max(200).nullish(),
  labelScanAtOnce: z.boolean().nullish(),
});

/**
 * Admins add carriers or change their name, URL template, aliases, quirk note, pickup window and
 * whether a new number reads "Label created" at once; an omitted note, window or flag stays as it was.
 * Every server process sees the change within the carrier cache's lifetime (carrier-cache.ts).
 */
export async function saveCarrier(
  ctx: RequestContext,
  input: z.input<typeof carrierInputSchema>,
): Promise<CarrierEntity> {
  const data = parseInput(carrierInputSchema, input);
  const repo = ctx.em.getRepository(CarrierEntity);
  const existing = await repo.findOneBy({ code: data.code });
  const kept = <T>(value: T | null | undefined, old: T | null | undefined): T | null =>
    value === undefined ? (old ?? null) : value || null;
  const carrier = repo.create({
    code: data.code,
    name: data.name,
    trackingUrlTemplate: data.trackingUrlTemplate || null,
    aliases: [...new Set([...data.aliases.map(normaliseCarrierText).filter(Boolean)])],
    quirkNote: kept(data.quirkNote, existing?.quirkNote),
    pickupWindow: kept(data.pickupWindow, existing?.pickupWindow),
    labelScanAtOnce: data.labelScanAtOnce ?? existing?.labelScanAtOnce ?? false,
  });
  await repo.save(carrier);
  forgetCarriers(ctx.ds);
  return carrier;
}

/**
 * The carrier-side status a line starts with when it gets a new number (undefined: the number is the same):
 * LABEL_CREATED at once for a carrier whose tracking reads so before any scan, otherwise UNKNOWN. What the
 * carrier said of a number it replaces was said of another parcel.
 */
export function trackingStatusForNewNumber(
  carriers: readonly CarrierEntity[],
  carrierCode: string | null,
  row: { trackingNumber: string | null },
  number: string,
): 'LABEL_CREATED' | 'UNKNOWN' | undefined {
  if (row.trackingNumber === number) return undefined;
  return carrierCode && carriers.find((c) => c.code === carrierCode)?.labelScanAtOnce
    ? 'LABEL_CREATED'
    : 'UNKNOWN';
}
