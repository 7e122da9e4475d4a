import { ErrorCode } from '@ft/shared';
import type { RequestContext } from '../auth/context.js';
import { fulfillmentsQuery, requireViewer, scopedPartnerId } from '../auth/scope.js';
import { inTransaction, lockForUpdate } from '../db/transaction.js';
import type { FulfillmentEntity } from '../fulfillments/fulfillment.entity.js';
import { updateTracking } from '../fulfillments/fulfillment.service.js';
import { userError, UserErrorsException } from '../graphql/user-error.js';
import { InboundEmailEntity } from './notification.entities.js';

/**
 * The review list's actions: a reviewer applies a waiting email's tracking
 * number to a line they choose (through the same tracking update as a
 * manual edit, in one transaction with the email's record), or dismisses it.
 * Staff act on any partner's emails, a partner on its own.
 */

/** At most this many lines are offered to choose from. */
const MAX_LINES = 100;

/** A waiting email as the caller may see it, locked for the change; otherwise a userError. */
async function waitingEmail(tx: RequestContext, id: number): Promise<InboundEmailEntity> {
  const own = scopedPartnerId(tx);
  const qb = tx.em.getRepository(InboundEmailEntity).createQueryBuilder('m').where('m.id = :id', { id });
  if (own !== null) qb.andWhere('m.partnerId = :own', { own });
  const email = await lockForUpdate(tx.ds, qb).getOne();
  if (!email)
    throw new UserErrorsException([
      userError(ErrorCode.NOT_FOUND, ['input', 'inboundEmailId'], 'noSuchInboundEmail'),
    ]);
  if (email.status !== 'REVIEW')
    throw new UserErrorsException([
      userError(ErrorCode.TRANSITION_NOT_ALLOWED, ['input', 'inboundEmailId'], 'inboundNotInReview', {
        status: email.status,
      }),
    ]);
  return email;
}

function resolve(
  ctx: RequestContext,
  email: InboundEmailEntity,
  status: 'APPLIED' | 'DISMISSED',
  extra: Record<string, unknown> = {},
) {
  email.status = status;
  email.findings = {
    ...email.findings,
    resolution: { status, by: requireViewer(ctx).actor, at: new Date().toISOString(), ...extra },
  };
}

/** One inbound email as the caller may see it (a partner its own); null otherwise. */
export async function getInboundEmail(ctx: RequestContext, id: number): Promise<InboundEmailEntity | null> {
  const own = scopedPartnerId(ctx);
  return ctx.em.getRepository(InboundEmailEntity).findOneBy(own === null ? { id } : { id, partnerId: own });
}

/** The lines a reviewer may choose from: of order `reference`, or of the orders the email names; the email's partner's only. */
export async function inboundEmailLines(
  ctx: RequestContext,
  email: InboundEmailEntity,
  reference?: string | null,
): Promise<FulfillmentEntity[]> {
  const references = reference?.trim()
    ? [reference.trim()]
    : ((email.findings.references as string[] | undefined) ?? []);
  if (references.length === 0) return [];
  return fulfillmentsQuery(ctx)
    .andWhere('f.partner_id = :partnerId', { partnerId: email.partnerId })
    .andWhere('f.order_reference IN (:...references)', { references })
    .orderBy('f.order_reference')
    .addOrderBy('f.id')
    .take(MAX_LINES)
    .getMany();
}

/** The email's tracking number on the chosen line; the email is APPLIED with it, or nothing changes. */
export async function applyInboundEmail(
  ctx: RequestContext,
  input: { inboundEmailId: number; fulfillmentId: number; trackingNumber: string },
): Promise<{ email: InboundEmailEntity; fulfillment: FulfillmentEntity }> {
  let email: InboundEmailEntity | null = null;
  const fulfillment = await updateTracking(
    ctx,
    { fulfillmentId: input.fulfillmentId, trackingNumber: input.trackingNumber },
    async (tx, row) => {
      email = await waitingEmail(tx, input.inboundEmailId);
      // Staff see every partner's lines: the chosen one must be the email's partner's.
      if (row.partnerId !== email.partnerId)
        throw new UserErrorsException([
          userError(ErrorCode.NOT_FOUND, ['input', 'fulfillmentId'], 'inboundNoSuchLine'),
        ]);
      resolve(tx, email, 'APPLIED', {
        fulfillmentId: row.id,
        reference: row.orderReference,
        trackingNumber: input.trackingNumber,
      });
      await tx.em.getRepository(InboundEmailEntity).save(email);
    },
  );
  return { email: email!, fulfillment };
}

/** The email leaves the review list without changing any order. */
export async function dismissInboundEmail(
  ctx: RequestContext,
  input: { inboundEmailId: number },
): Promise<InboundEmailEntity> {
  return inTransaction(ctx, async (tx) => {
    const email = await waitingEmail(tx, input.inboundEmailId);
    resolve(tx, email, 'DISMISSED');
    return tx.em.getRepository(InboundEmailEntity).save(email);
  });
}
