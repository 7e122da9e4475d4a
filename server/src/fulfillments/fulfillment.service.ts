import { ErrorCode, isRefusal, planMove, trackingInputSchema } from '@ft/shared';
import { format } from 'date-fns';
import type { RequestContext } from '../auth/context.js';
import { fulfillmentsQuery, scopedPartnerId } from '../auth/scope.js';
import { inTransaction, lockForUpdate } from '../db/transaction.js';
import { cachedCount } from '../graphql/count-cache.js';
import {
  applyFulfillmentFilter,
  searchPartners,
  keysetPage,
  lineSearchMayWalk,
  type PageArgs,
  type SearchPlan,
} from '../graphql/filter.js';
import { isCommonSearch } from '../orders/order-search.js';
import type { FulfillmentFilter } from '../graphql/filter.inputs.js';
import { parseInput, refusalError, userError, UserErrorsException } from '../graphql/user-error.js';
import { resolveTracking, trackingStatusForNewNumber } from '../tracking/carrier.service.js';
import { handoverRulesOf, nextLastMile } from '../tracking/handover.service.js';
import { applyChange, StaleVersionError } from './fulfillment-change.js';
import type { FulfillmentEntity } from './fulfillment.entity.js';

export const today = () => format(new Date(), 'yyyy-MM-dd');

/** A page of the caller's fulfillments; the arguments come checked (`pageArgs`). */
export async function listFulfillments(ctx: RequestContext, args: PageArgs<FulfillmentFilter>) {
  const search = args.filter?.search?.trim();
  const plan: SearchPlan =
    search &&
    lineSearchMayWalk(args.filter!) &&
    (await isCommonSearch(ctx.em, search, searchPartners(args.filter!, scopedPartnerId(ctx)), {
      lines: true,
    }))
      ? 'walk'
      : 'index';
  const base = (how: SearchPlan) => {
    const qb = fulfillmentsQuery(ctx);
    applyFulfillmentFilter(qb, args.filter, 'f', how, scopedPartnerId(ctx));
    return qb;
  };
  const page = await keysetPage(base(plan), 'f', args, (f) => f.orderReference);
  const key = JSON.stringify(['fulfillments', ctx.viewer?.partnerId ?? null, args.filter]);
  // Counting reads every match either way: from the index.
  return { ...page, count: () => cachedCount(key, () => base('index').getCount()) };
}

export async function getFulfillment(ctx: RequestContext, id: number): Promise<FulfillmentEntity | null> {
  return fulfillmentsQuery(ctx).andWhere('f.id = :id', { id }).getOne();
}

export interface UpdateTrackingArgs {
  fulfillmentId: number;
  trackingNumber: string;
  carrier?: string | null;
  trackingUrl?: string | null;
  shippingMethod?: string | null;
  shippedOn?: string | null;
  version?: number | null;
  additionalTrackingNumbers?: string[] | null;
  notifyCustomer?: boolean | null;
  acceptCarrierMismatch?: boolean | null;
  lastMileTrackingNumber?: string | null;
  lastMileCarrier?: string | null;
}

/**
 * Tracking on a line awaiting shipment ships it; on a shipped one it is a
 * correction (the planner decides which). Carrier from text or detected, check digit verified, URL from
 * the template. `version` guards against overwriting someone else's edit.
 */
export async function updateTracking(
  ctx: RequestContext,
  input: UpdateTrackingArgs,
  /** More work that commits with the change (or aborts it by throwing), given the locked row. */
  alongside?: (tx: RequestContext, row: FulfillmentEntity) => Promise<void>,
): Promise<FulfillmentEntity> {
  const data = parseInput(trackingInputSchema, input);
  const carriers = await ctx.loaders.carriers();
  const resolved = resolveTracking(carriers, {
    trackingNumber: data.trackingNumber,
    carrier: data.carrier,
    trackingUrl: data.trackingUrl,
    acceptCarrierMismatch: data.acceptCarrierMismatch,
  });
  if (!resolved.tracking) throw new UserErrorsException(resolved.errors);
  const tracking = resolved.tracking;
  const extras = (data.additionalTrackingNumbers ?? []).map((number, i) => {
    const extra = resolveTracking(
      carriers,
      {
        trackingNumber: number,
        carrier: tracking.carrierCode ?? tracking.carrierName,
        acceptCarrierMismatch: data.acceptCarrierMismatch,
      },
      ['input', 'additionalTrackingNumbers', String(i)],
    );
    if (!extra.tracking) throw new UserErrorsException(extra.errors);
    return { number: extra.tracking.number, url: extra.tracking.url };
  });

  try {
    return await inTransaction(ctx, async (tx) => {
      const row = await lockForUpdate(
        tx.ds,
        fulfillmentsQuery(tx).andWhere('f.id = :id', { id: input.fulfillmentId }),
      ).getOne();
      if (!row)
        throw new UserErrorsException([
          userError(ErrorCode.NOT_FOUND, ['input', 'fulfillmentId'], 'noSuchFulfillment'),
        ]);
      if (input.version != null && input.version !== row.version) throw new StaleVersionError();
      await alongside?.(tx, row);
      const move = planMove(row.status, { kind: 'TRACKING' });
      const trackingStatus = trackingStatusForNewNumber(carriers, tracking.carrierCode, row, tracking.number);
      if (isRefusal(move)) throw new UserErrorsException([refusalError(move, ['input', 'fulfillmentId'])]);
      // Tracking conversion: the last mile the partner's handover rules expect, and the number given for it.
      const lastMile = nextLastMile(
        carriers,
        await handoverRulesOf(tx, row.partnerId),
        row,
        {
          carrierCode: tracking.carrierCode,
          number: tracking.number,
          shippingMethod: data.shippingMethod ?? row.shippingMethod,
        },
        {
          number: data.lastMileTrackingNumber,
          carrierText: data.lastMileCarrier,
          acceptCarrierMismatch: data.acceptCarrierMismatch,
        },
      );
      await applyChange(tx, [row], {
        to: move.to,
        patch: {
          trackingNumber: tracking.number,
          carrierCode: tracking.carrierCode,
          carrierName: tracking.carrierName,
          trackingUrl: tracking.url,
          shippingMethod: data.shippingMethod ?? row.shippingMethod,
          extraPackages: extras.length ? extras : null,
          shippedOn: data.shippedOn ?? row.shippedOn ?? today(),
          ...(trackingStatus && { trackingStatus }),
          ...(lastMile ?? {}),
        },
        eventType: move.eventType,
        expectVersion: row.version,
        notifyCustomer: input.notifyCustomer !== false,
      });
      return row;
    });
  } catch (error) {
    if (error instanceof StaleVersionError) {
      throw new UserErrorsException([userError(ErrorCode.CONFLICT, ['input', 'version'], 'staleVersion')]);
    }
    throw error;
  }
}

/**
 * An admin puts a line that will not ship back to awaiting shipment (the state table's NOT_SHIPPING → HOLD); its
 * will-not-ship reason goes, its history keeps it.
 */
export async function reopenFulfillment(
  ctx: RequestContext,
  input: { fulfillmentId: number },
): Promise<FulfillmentEntity> {
  return inTransaction(ctx, async (tx) => {
    const row = await lockForUpdate(
      tx.ds,
      fulfillmentsQuery(tx).andWhere('f.id = :id', { id: input.fulfillmentId }),
    ).getOne();
    if (!row)
      throw new UserErrorsException([userError(ErrorCode.NOT_FOUND, ['input', 'id'], 'noSuchFulfillment')]);
    const move = planMove(row.status, { kind: 'REOPEN' });
    if (isRefusal(move)) throw new UserErrorsException([refusalError(move, ['input', 'id'])]);
    await applyChange(tx, [row], { ...move, patch: { notShippingReason: null }, expectVersion: row.version });
    return row;
  });
}
