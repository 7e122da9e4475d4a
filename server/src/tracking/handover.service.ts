import { ErrorCode, MESSAGES } from '@ft/shared';
import { In } from 'typeorm';
import { z } from 'zod';
import type { RequestContext } from '../auth/context.js';
import { actingPartner, ownedOrNull } from '../auth/scope.js';
import { inTransaction } from '../db/transaction.js';
import { parseInput, userError, type UserError, UserErrorsException } from '../graphql/user-error.js';
import type { FulfillmentEntity } from '../fulfillments/fulfillment.entity.js';
import type { CarrierEntity } from './carrier.entity.js';
import { matchCarrierText, resolveTracking, type ResolvedTracking } from './carrier.service.js';
import { CarrierHandoverRuleEntity } from './handover-rule.entity.js';

/** A partner has at most this many handover rules: they are read whole on every tracking update. */
const MAX_HANDOVER_RULES = 200;

const supplierKeyOf = (supplier: string | null | undefined) => supplier?.trim().toLowerCase() ?? '';

/** The caller's partner's rules (staff name the partner), oldest first. */
export async function listHandoverRules(
  ctx: RequestContext,
  partnerId: number | null,
): Promise<CarrierHandoverRuleEntity[]> {
  const partner = await actingPartner(ctx, partnerId, { field: ['partnerId'], required: true });
  return handoverRulesOf(ctx, partner);
}

/** One partner's handover rules, oldest first. */
export async function handoverRulesOf(
  ctx: RequestContext,
  partnerId: number,
): Promise<CarrierHandoverRuleEntity[]> {
  return (await handoverRulesByPartner(ctx, [partnerId])).get(partnerId) ?? [];
}

/** The handover rules of each of these partners, oldest first, in one read; a partner without rules is not in the map. */
export async function handoverRulesByPartner(
  ctx: RequestContext,
  partnerIds: Iterable<number>,
): Promise<Map<number, CarrierHandoverRuleEntity[]>> {
  const ids = [...new Set(partnerIds)];
  const rules = ids.length
    ? await ctx.em
        .getRepository(CarrierHandoverRuleEntity)
        .find({ where: { partnerId: In(ids) }, order: { id: 'ASC' } })
    : [];
  const byPartner = new Map<number, CarrierHandoverRuleEntity[]>();
  for (const rule of rules) byPartner.set(rule.partnerId, [...(byPartner.get(rule.partnerId) ?? []), rule]);
  return byPartner;
}

const ruleInputSchema = z.object({
  fromCarrierCode: z.string().trim().toLowerCase().min(1, { message: MESSAGES.required }).max(32),
  toCarrierCode: z.string().trim().toLowerCase().min(1, { message: MESSAGES.required }).max(32),
  supplier: z
    .string()
    .trim()
    .max(100, { message: MESSAGES.tooLong })
    .transform((v) => (v === '' ? null : v))
    .nullish(),
});

export interface SaveHandoverRuleArgs {
  /** Omitted: a new rule, or the partner's rule for the same carrier and supplier. */
  id?: number | null;
  partnerId: number | null;
  fromCarrierCode: string;
  toCarrierCode: string;
  supplier?: string | null;
}

/**
 * Adds a partner's rule or changes one: both carriers must be known and differ; one rule per origin
 * carrier and supplier (saving the same pair again changes that rule's last-mile carrier).
 */
export async function saveHandoverRule(
  ctx: RequestContext,
  input: SaveHandoverRuleArgs,
): Promise<CarrierHandoverRuleEntity> {
  const data = parseInput(ruleInputSchema, input);
  const partnerId = await actingPartner(ctx, input.partnerId, {
    field: ['input', 'partnerId'],
    required: true,
  });
  const carriers = await ctx.loaders.carriers();
  const errors: UserError[] = [];
  for (const field of ['fromCarrierCode', 'toCarrierCode'] as const) {
    if (!carriers.some((c) => c.code === data[field]))
      errors.push(userError(ErrorCode.NOT_FOUND, ['input', field], 'noSuchCarrier', { code: data[field] }));
  }
  if (!errors.length && data.fromCarrierCode === data.toCarrierCode)
    errors.push(userError(ErrorCode.INVALID, ['input', 'toCarrierCode'], 'handoverSameCarrier'));
  if (errors.length) throw new UserErrorsException(errors);

  return inTransaction(ctx, (tx) => writeRule(tx, partnerId, input.id ?? null, data));
}

async function writeRule(
  ctx: RequestContext,
  partnerId: number,
  id: number | null,
  data: z.output<typeof ruleInputSchema>,
): Promise<CarrierHandoverRuleEntity> {
  const repo = ctx.em.getRepository(CarrierHandoverRuleEntity);
  const supplierKey = supplierKeyOf(data.supplier);
  const same = await repo.findOneBy({ partnerId, fromCarrierCode: data.fromCarrierCode, supplierKey });
  let rule: CarrierHandoverRuleEntity;
  if (id !== null) {
    const own = ownedOrNull(ctx, await repo.findOneBy({ id }));
    if (!own || own.partnerId !== partnerId)
      throw new UserErrorsException([userError(ErrorCode.NOT_FOUND, ['input', 'id'], 'noSuchHandoverRule')]);
    if (same && same.id !== own.id)
      throw new UserErrorsException([
        userError(ErrorCode.ALREADY_EXISTS, ['input', 'supplier'], 'handoverRuleExists'),
      ]);
    rule = own;
  } else {
    rule = same ?? repo.create({ partnerId });
    if (!same && (await repo.countBy({ partnerId })) >= MAX_HANDOVER_RULES)
      throw new UserErrorsException([
        userError(ErrorCode.INVALID, null, 'handoverRulesMax', { max: MAX_HANDOVER_RULES }),
      ]);
  }
  Object.assign(rule, {
    fromCarrierCode: data.fromCarrierCode,
    toCarrierCode: data.toCarrierCode,
    supplier: data.supplier ?? null,
    supplierKey,
    updatedAt: new Date(),
  });
  return repo.save(rule);
}

/** Removes one of the caller's rules; another partner's rule is NOT_FOUND like a missing one. */
export async function deleteHandoverRule(ctx: RequestContext, id: number): Promise<void> {
  const repo = ctx.em.getRepository(CarrierHandoverRuleEntity);
  const rule = ownedOrNull(ctx, await repo.findOneBy({ id }));
  if (!rule) throw new UserErrorsException([userError(ErrorCode.NOT_FOUND, ['id'], 'noSuchHandoverRule')]);
  await repo.delete({ id: rule.id });
}

/**
 * The last-mile carrier a partner's rules expect for a number of `carrierCode` on a line with this shipping
 * method: the rule for that supplier (case-insensitive), else the carrier's rule for any supplier.
 */
function expectedLastMile(
  rules: readonly CarrierHandoverRuleEntity[],
  carrierCode: string | null,
  shippingMethod: string | null | undefined,
): string | null {
  if (!carrierCode) return null;
  const key = supplierKeyOf(shippingMethod);
  const ofCarrier = rules.filter((r) => r.fromCarrierCode === carrierCode);
  return (
    (
      (key ? ofCarrier.find((r) => r.supplierKey === key) : undefined) ??
      ofCarrier.find((r) => r.supplierKey === '')
    )?.toCarrierCode ?? null
  );
}

/** The known carrier `text` names (the last mile is always a known carrier's); UNKNOWN_CARRIER otherwise. */
function lastMileCarrierOf(carriers: readonly CarrierEntity[], text: string): CarrierEntity {
  const carrier = matchCarrierText(text, carriers);
  if (!carrier)
    throw new UserErrorsException([
      userError(ErrorCode.UNKNOWN_CARRIER, ['input', 'lastMileCarrier'], 'unknownCarrier', { given: text }),
    ]);
  return carrier;
}

export type LastMile = Pick<FulfillmentEntity, 'lastMileCarrierCode' | 'lastMileNumber' | 'lastMileUrl'>;

/**
 * What a line's last mile becomes when it gets `next` tracking: one rule for the tracking form and the import. A
 * number given is checked as the carrier named, else the one the partner's `rules` expect for the line's carrier
 * and shipping method, else the one the number shows. With no number given (`undefined`; '' or null clears it),
 * a line keeping its tracking number keeps its last mile, and naming another carrier than its last-mile number's
 * is refused, since that carrier's number must come with it; a new tracking number is a new shipment, whose last
 * mile is the carrier named or expected, with no number yet. null: it stays as it is. Throws the userErrors.
 */
export function nextLastMile(
  carriers: readonly CarrierEntity[],
  rules: readonly CarrierHandoverRuleEntity[],
  row: Pick<FulfillmentEntity, 'trackingNumber' | 'lastMileNumber' | 'lastMileCarrierCode'>,
  next: { carrierCode: string | null; number: string; shippingMethod: string | null },
  given: { number?: string | null; carrierText?: string | null; acceptCarrierMismatch?: boolean | null },
): LastMile | null {
  const named = given.carrierText ? lastMileCarrierOf(carriers, given.carrierText) : null;
  if (given.number === undefined && row.trackingNumber === next.number) {
    if (!named || (row.lastMileNumber && named.code === row.lastMileCarrierCode)) return null;
    if (row.lastMileNumber)
      throw new UserErrorsException([
        userError(ErrorCode.REQUIRED, ['input', 'lastMileTrackingNumber'], 'lastMileNumberNeeded', {
          carrier: named.name,
          number: row.lastMileNumber,
        }),
      ]);
  }
  const expected = expectedLastMile(rules, next.carrierCode, next.shippingMethod);
  if (!given.number)
    return { lastMileCarrierCode: named?.code ?? expected, lastMileNumber: null, lastMileUrl: null };
  const resolved = resolveLastMile(carriers, {
    number: given.number,
    carrierText: given.carrierText,
    expected,
    acceptCarrierMismatch: given.acceptCarrierMismatch,
  });
  if (!resolved.tracking) throw new UserErrorsException(resolved.errors);
  return {
    lastMileCarrierCode: resolved.tracking.carrierCode,
    lastMileNumber: resolved.tracking.number,
    lastMileUrl: resolved.tracking.url,
  };
}

/**
 * A last-mile number checked as the carrier it belongs to: `carrierText` if given, else the carrier the rules
 * expect, else the one the number shows. Its errors name the last-mile fields.
 */
function resolveLastMile(
  carriers: readonly CarrierEntity[],
  input: {
    number: string;
    carrierText?: string | null;
    expected: string | null;
    acceptCarrierMismatch?: boolean | null;
  },
): { tracking: ResolvedTracking; errors: [] } | { tracking: null; errors: UserError[] } {
  const named = input.carrierText ? lastMileCarrierOf(carriers, input.carrierText) : null;
  const resolved = resolveTracking(carriers, {
    trackingNumber: input.number,
    carrier: named?.code ?? input.expected,
    acceptCarrierMismatch: input.acceptCarrierMismatch,
  });
  if (resolved.tracking) return { tracking: resolved.tracking, errors: [] };
  const rename: Record<string, string> = {
    trackingNumber: 'lastMileTrackingNumber',
    carrier: 'lastMileCarrier',
  };
  return {
    tracking: null,
    errors: resolved.errors.map((e) =>
      Object.assign(e, { field: e.field && ['input', rename[e.field.at(-1)!] ?? e.field.at(-1)!] }),
    ),
  };
}
