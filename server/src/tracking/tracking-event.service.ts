import { Channel, ErrorCode, planChange, TrackingStatus } from '@ft/shared';
import type { RequestContext } from '../auth/context.js';
import { fulfillmentsQuery } from '../auth/scope.js';
import { inTransaction, lockForUpdate } from '../db/transaction.js';
import { applyMoves } from '../fulfillments/fulfillment-change.js';
import type { FulfillmentEntity } from '../fulfillments/fulfillment.entity.js';
import { refusalError, userError, UserErrorsException } from '../graphql/user-error.js';
import { recordApiCheckpoint } from './checkpoint.service.js';
import { normaliseTrackingNumber } from './tracking-number.js';

export interface TrackingEventInput {
  /** One fulfillment by id (0 names none), instead of or besides every line with the tracking number. */
  fulfillmentId?: number | null;
  trackingNumber?: string | null;
  status: string;
  occurredAt?: Date | null;
  description?: string | null;
}

/**
 * A carrier's scan: sets the tracking status of every shipped fulfillment
 * with that number (or the one named); DELIVERED also delivers it (the
 * planner decides). History records it with channel CARRIER.
 */
export async function recordTrackingEvent(
  ctx: RequestContext,
  input: TrackingEventInput,
): Promise<FulfillmentEntity[]> {
  if (
    !(Object.values(TrackingStatus) as string[]).includes(input.status) ||
    input.status === TrackingStatus.UNKNOWN
  ) {
    throw new UserErrorsException([
      userError(ErrorCode.INVALID, ['input', 'status'], 'trackingStatusChoice', {
        choices: Object.values(TrackingStatus)
          .filter((s) => s !== 'UNKNOWN')
          .join(', '),
      }),
    ]);
  }
  const byId = input.fulfillmentId != null;
  if (!byId && !input.trackingNumber) {
    throw new UserErrorsException([
      userError(ErrorCode.REQUIRED, ['input', 'trackingNumber'], 'eventNeedsTarget'),
    ]);
  }
  if ((input.trackingNumber?.length ?? 0) > 64)
    throw new UserErrorsException([
      userError(ErrorCode.TOO_LONG, ['input', 'trackingNumber'], 'atMostChars', { max: 64 }),
    ]);
  return inTransaction(ctx, async (tx) => {
    const qb = fulfillmentsQuery(tx);
    if (byId) qb.andWhere('f.id = :id', { id: input.fulfillmentId });
    if (input.trackingNumber)
      qb.andWhere('f.tracking_number = :number', { number: normaliseTrackingNumber(input.trackingNumber) });
    const rows = await lockForUpdate(tx.ds, qb).getMany();
    if (rows.length === 0)
      throw new UserErrorsException([
        userError(
          ErrorCode.NOT_FOUND,
          ['input', byId ? 'fulfillmentId' : 'trackingNumber'],
          'noShippedWithNumber',
        ),
      ]);
    const status = input.status as TrackingStatus;
    const plan = planChange(rows, { kind: 'CARRIER_SCAN', status });
    if (plan.moves.length === 0) {
      throw new UserErrorsException([refusalError(plan.refusals[0]!.refusal, ['input', 'status'])]);
    }
    await applyMoves(tx, plan.moves, { patch: { trackingStatus: status }, channel: Channel.CARRIER });
    await recordApiCheckpoint(
      tx,
      plan.moves.map((m) => m.row),
      {
        at: input.occurredAt && !Number.isNaN(input.occurredAt.getTime()) ? input.occurredAt : new Date(),
        status,
        location: null,
        message: input.description ?? null,
      },
    );
    return plan.moves.map((m) => m.row);
  });
}
