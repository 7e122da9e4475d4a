import { isMatch } from 'date-fns';
import { z } from 'zod';
import { ErrorCode } from './enums.js';
import { LIMITS } from './limits.js';

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
  z.string().trim().min(1, { message: 'This field is required' }).max(max, { message: 'Too long' });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: 'Too long' })
    .transform((v) => (v === '' ? null : v))
    .nullish();
const dateOnly = z.string().refine(isValidDateOnly, {
  params: { code: ErrorCode.INVALID_DATE },
  message: 'Use a real date as YYYY-MM-DD',
});

/** The single-fulfillment tracking form and `updateFulfillmentTracking` share these rules. */
export const trackingInputSchema = z.object({
  trackingNumber: text(LIMITS.trackingNumberMax),
  carrier: optionalText(LIMITS.carrierMax),
  trackingUrl: optionalText(LIMITS.urlMax).refine((v) => v == null || /^https?:\/\/\S+$/i.test(v), {
    params: { code: ErrorCode.INVALID },
    message: 'Tracking URL must start with http:// or https://',
  }),
  shippingMethod: optionalText(LIMITS.shippingMethodMax),
  shippedOn: dateOnly.nullish(),
  additionalTrackingNumbers: z.array(text(LIMITS.trackingNumberMax)).max(50).nullish(),
});
export type TrackingInput = z.input<typeof trackingInputSchema>;

export const customerInputSchema = z.object({
  name: text(LIMITS.nameMax),
  email: z
    .string()
    .trim()
    .min(1, { message: 'This field is required' })
    .max(LIMITS.emailMax, { message: 'Too long' })
    .pipe(z.email({ message: 'Not an email address' })),
  locale: z.enum(['en', 'de'], { message: 'Locale must be en or de' }).default('en'),
});

export const fulfillmentLineInputSchema = z.object({
  sku: text(LIMITS.skuMax),
  productName: text(LIMITS.productNameMax),
  quantity: z
    .number()
    .int()
    .min(1, { message: 'Quantity must be at least 1' })
    .max(100_000, { message: 'Invalid value' })
    .default(1),
  clientFulfillmentId: optionalText(LIMITS.referenceMax),
});

export const createOrderInputSchema = z.object({
  reference: text(LIMITS.referenceMax),
  customer: customerInputSchema,
  channel: optionalText(LIMITS.nameMax),
  fulfillments: z
    .array(fulfillmentLineInputSchema)
    .min(1, { message: 'An order needs at least one fulfillment' })
    .max(LIMITS.fulfillmentsPerOrderMax, { message: 'Too long' }),
  subscriptionCount: z
    .number()
    .int()
    .min(0, { message: 'Invalid value' })
    .max(LIMITS.subscriptionsPerOrderMax, { message: 'Too long' })
    .default(0),
});

export const loginInputSchema = z.object({
  email: text(LIMITS.emailMax),
  password: z
    .string()
    .min(1, { message: 'This field is required' })
    .max(LIMITS.passwordMax, { message: 'Too long' }),
});

export const nameInputSchema = z.object({ name: text(LIMITS.nameMax) });
