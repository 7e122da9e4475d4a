import { compactTrackingNumber, ErrorCode, isTrackingNumberShape, TRACKING_MESSAGES } from '@ft/shared';
import type { RequestContext } from '../auth/context.js';
import { z } from 'zod';
import { parseInput, userError, type UserError } from '../graphql/user-error.js';
import { CarrierEntity } from './carrier.entity.js';
import { forgetCarriers } from './carrier-cache.js';
import { normaliseCarrierText } from './carrier-registry.js';
import { checkDigitFor, detectCarrier, normaliseTrackingNumber } from './tracking-number.js';

export async function listCarriers(ctx: RequestContext): Promise<CarrierEntity[]> {
  return ctx.loaders.carriers();
}

/** "UPS Ground", "u.p.s.", "ups" → ups; the longest alias that starts the text wins; null if none. */
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

/**
 * The tracking rules: carrier from the text or, if omitted, detected
 * from the number; check digit verified; URL from the carrier template unless
 * given. Returns userErrors (with `field` under `fieldPrefix`) instead of throwing.
 */
export function resolveTracking(
  carriers: readonly CarrierEntity[],
  input: { trackingNumber: string; carrier?: string | null; trackingUrl?: string | null },
  fieldPrefix: string[] = ['input'],
): { tracking: ResolvedTracking; errors: [] } | { tracking: null; errors: UserError[] } {
  const numberField = [...fieldPrefix, 'trackingNumber'];
  const q = readTrackingInput(carriers, input);
  if (!q) {
    return {
      tracking: null,
      errors: [
        userError(ErrorCode.INVALID, TRACKING_MESSAGES.notATrackingNumber, numberField, {
          variant: 'notATrackingNumber',
        }),
      ],
    };
  }
  const { number, carrierName } = q;
  let carrier = q.carrier;
  if (carrier) {
    if (checkDigitFor(carrier.code, number) === false) {
      return {
        tracking: null,
        errors: [
          userError(
            ErrorCode.INVALID_TRACKING_NUMBER,
            `${number} fails the ${carrier.name} check digit`,
            numberField,
            { variant: 'checkDigit', number, carrier: carrier.name },
          ),
        ],
      };
    }
  } else if (!carrierName) {
    const detection = detectCarrier(number);
    if (detection.candidates.length === 0) {
      return {
        tracking: null,
        errors: [
          userError(
            ErrorCode.UNKNOWN_CARRIER,
            `${number} matches no known carrier's format; name the carrier`,
            [...fieldPrefix, 'carrier'],
            { variant: 'noCarrierFormat', number },
          ),
        ],
      };
    }
    if (detection.checkDigitValid === false) {
      const names = detection.candidates
        .map((c) => carriers.find((x) => x.code === c)?.name ?? c)
        .join(' or ');
      return {
        tracking: null,
        errors: [
          userError(
            ErrorCode.INVALID_TRACKING_NUMBER,
            `${number} looks like ${names} but its check digit is wrong`,
            numberField,
            { variant: 'looksLikeCheckDigit', number, carriers: names },
          ),
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
  };
}

const carrierInputSchema = z.object({
  code: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9_]{1,31}$/, { message: 'Use 2–32 lower-case letters, digits or _' }),
  name: z.string().trim().min(1).max(100),
  trackingUrlTemplate: z
    .string()
    .trim()
    .max(500)
    .nullish()
    .refine((v) => !v || (/^https?:\/\/\S+$/i.test(v) && v.includes('{number}')), {
      message: 'An http(s) URL containing {number}',
    }),
  aliases: z.array(z.string().max(100)).max(50).default([]),
});

/** Admins add carriers or change their name, URL template and aliases. */
export async function saveCarrier(
  ctx: RequestContext,
  input: z.input<typeof carrierInputSchema>,
): Promise<CarrierEntity> {
  const data = parseInput(carrierInputSchema, input);
  const repo = ctx.em.getRepository(CarrierEntity);
  const carrier = repo.create({
    code: data.code,
    name: data.name,
    trackingUrlTemplate: data.trackingUrlTemplate || null,
    aliases: [...new Set([...data.aliases.map(normaliseCarrierText).filter(Boolean)])],
  });
  await repo.save(carrier);
  forgetCarriers(ctx.ds);
  return carrier;
}
