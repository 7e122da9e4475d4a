import { isMatch } from 'date-fns';
import { z } from 'zod';
import { ErrorCode } from './enums.js';
import { LIMITS } from './limits.js';
import { MESSAGES } from './messages.js';

/**
 * Built-in zod checks map to userError codes by kind (too_small on a string →
 * REQUIRED, too_big → TOO_LONG, formats → INVALID); custom refinements name
 * their code in `params.code`.
 */

/** A calendar date `YYYY-MM-DD` that exists (2026-02-30 does not). */
export function isValidDateOnly(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && isMatch(value, 'yyyy-MM-dd');
}

const text = (max: number) =>
  z.string().trim().min(1, { message: MESSAGES.required }).max(max, { message: MESSAGES.tooLong });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: MESSAGES.tooLong })
    .transform((v) => (v === '' ? null : v))
    .nullish();
const dateOnly = z.string().refine(isValidDateOnly, {
  params: { code: ErrorCode.INVALID_DATE },
  message: MESSAGES.notADateIso,
});

/** The number without the spaces and dashes (any Unicode dash) a label or an email puts in it; no carrier's format has them. */
export function compactTrackingNumber(raw: string): string {
  return raw.replace(/[\s\p{Pd}]/gu, '');
}

/**
 * Whether a number, compacted, has the shape of a tracking number at all: ASCII
 * letters and digits only, at least one digit, and as long as the shortest number
 * carrier detection considers. Longer than the limit is TOO_LONG, not this. Which
 * carrier and whether its check digit holds are the server's to say.
 */
export function isTrackingNumberShape(compact: string): boolean {
  return compact.length >= LIMITS.trackingNumberMin && /^[A-Za-z0-9]+$/.test(compact) && /\d/.test(compact);
}

const trackingNumber = z
  .string()
  .transform(compactTrackingNumber)
  .pipe(
    z
      .string()
      .min(1, { message: MESSAGES.required, abort: true })
      .max(LIMITS.trackingNumberMax, { message: MESSAGES.tooLong, abort: true })
      .refine(isTrackingNumberShape, {
        params: { code: ErrorCode.INVALID },
        message: MESSAGES.notATrackingNumber,
      }),
  );

/**
 * Whether a shipped date has not happened yet. A day of slack, as for an order's `placedAt`: only a date that
 * starts more than 24 h from now is in the future. Every way of shipping (the form, imports, bulk actions) asks this.
 */
export function isShippedOnInFuture(date: string): boolean {
  return isValidDateOnly(date) && Date.parse(`${date}T00:00:00Z`) > Date.now() + 86_400_000;
}

/** The single-fulfillment tracking form and `updateFulfillmentTracking` share these rules. */
export const trackingInputSchema = z.object({
  trackingNumber,
  carrier: optionalText(LIMITS.carrierMax),
  trackingUrl: optionalText(LIMITS.urlMax).refine((v) => v == null || /^https?:\/\/\S+$/i.test(v), {
    params: { code: ErrorCode.INVALID },
    message: MESSAGES.trackingUrlScheme,
  }),
  shippingMethod: optionalText(LIMITS.shippingMethodMax),
  shippedOn: dateOnly
    .refine((date) => !isShippedOnInFuture(date), {
      params: { code: ErrorCode.INVALID_DATE },
      message: MESSAGES.shippedInFuture,
    })
    .nullish(),
  additionalTrackingNumbers: z.array(trackingNumber).max(50).nullish(),
  /** The number the carrier the parcel is handed over to gives it; empty or null: none (yet). */
  lastMileTrackingNumber: z.union([z.literal(''), trackingNumber]).nullish(),
  /** The last-mile carrier, when it is not the one a handover rule expects or the number shows. */
  lastMileCarrier: optionalText(LIMITS.carrierMax),
  /** Keep the carrier as given although the number is another carrier's, or the name is close to a known one. */
  acceptCarrierMismatch: z.boolean().nullish(),
});
export type TrackingInput = z.input<typeof trackingInputSchema>;

export const customerInputSchema = z.object({
  name: text(LIMITS.nameMax),
  email: z
    .string()
    .trim()
    .min(1, { message: MESSAGES.required })
    .max(LIMITS.emailMax, { message: MESSAGES.tooLong })
    .pipe(z.email({ message: MESSAGES.notAnEmail })),
  locale: z.enum(['en', 'de'], { message: MESSAGES.localeChoice }).default('en'),
});

export const fulfillmentLineInputSchema = z.object({
  sku: text(LIMITS.skuMax),
  productName: text(LIMITS.productNameMax),
  quantity: z
    .number()
    .int()
    .min(1, { message: MESSAGES.quantityMin })
    .max(100_000, { message: MESSAGES.invalidValue })
    .default(1),
  clientFulfillmentId: optionalText(LIMITS.referenceMax),
});

export const createOrderInputSchema = z.object({
  reference: text(LIMITS.referenceMax),
  customer: customerInputSchema,
  channel: optionalText(LIMITS.nameMax),
  fulfillments: z
    .array(fulfillmentLineInputSchema)
    .min(1, { message: MESSAGES.orderNeedsLine })
    .max(LIMITS.fulfillmentsPerOrderMax, { message: MESSAGES.tooLong }),
  subscriptionCount: z
    .number()
    .int()
    .min(0, { message: MESSAGES.invalidValue })
    .max(LIMITS.subscriptionsPerOrderMax, { message: MESSAGES.tooLong })
    .default(0),
});

export const loginInputSchema = z.object({
  email: text(LIMITS.emailMax),
  password: z
    .string()
    .min(1, { message: MESSAGES.required })
    .max(LIMITS.passwordMax, { message: MESSAGES.tooLong }),
});

export const nameInputSchema = z.object({ name: text(LIMITS.nameMax) });
