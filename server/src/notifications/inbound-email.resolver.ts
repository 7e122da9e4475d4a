import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../auth/context.js';
import { Fulfillment, toFulfillment } from '../fulfillments/fulfillment.types.js';
import { idOf, toGlobalId } from '../graphql/ids.js';
import { payload } from '../graphql/payload.js';
import type { InboundReason } from './inbound-email.service.js';
import {
  applyInboundEmail,
  dismissInboundEmail,
  getInboundEmail,
  inboundEmailLines,
} from './inbound-review.js';
import type { InboundEmailEntity } from './notification.entities.js';
import {
  ApplyInboundEmailInput,
  ApplyInboundEmailPayload,
  DismissInboundEmailInput,
  DismissInboundEmailPayload,
  InboundEmail,
  InboundEmailReason,
} from './notification.types.js';

export const toInbound = (e: InboundEmailEntity) => {
  const resolution = e.findings.resolution as { by?: string; at?: string } | undefined;
  return Object.assign(new InboundEmail(), {
    row: e,
    id: toGlobalId('InboundEmail', e.id),
    receivedAt: e.receivedAt,
    sender: e.sender,
    subject: e.subject,
    status: e.status,
    trackingNumbers: (e.findings.trackingNumbers as string[]) ?? [],
    orderReferences: (e.findings.references as string[]) ?? [],
    reason: (e.findings.reason as string | null) ?? null,
    reasons: ((e.findings.reasons as InboundReason[] | undefined) ?? []).map((r) =>
      Object.assign(new InboundEmailReason(), {
        code: r.code,
        message: r.message,
        params: JSON.stringify(r.params),
      }),
    ),
    resolvedBy: resolution?.by ?? null,
    resolvedAt: resolution?.at ? new Date(resolution.at) : null,
    bodyText: e.bodyText,
    bodyBytes: e.bodyBytes,
    bodyTruncated: e.bodyBytes !== null && e.bodyBytes > Buffer.byteLength(e.bodyText),
  });
};

@Resolver(() => InboundEmail)
export class InboundEmailResolver {
  @Authorized()
  @Query(() => InboundEmail, { nullable: true, description: 'One forwarded email (a partner sees its own)' })
  async inboundEmail(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<InboundEmail | null> {
    const row = await getInboundEmail(ctx, idOf('InboundEmail', id));
    return row && toInbound(row);
  }

  @FieldResolver(() => [Fulfillment], {
    description:
      "Lines to apply it to: of order `reference`, else of the orders it names; the email's partner's only (at most 100)",
  })
  async lines(
    @Root() email: InboundEmail,
    @Ctx() ctx: RequestContext,
    @Arg('reference', () => String, { nullable: true }) reference?: string | null,
  ): Promise<Fulfillment[]> {
    return (await inboundEmailLines(ctx, email.row, reference)).map(toFulfillment);
  }

  @Authorized()
  @Mutation(() => ApplyInboundEmailPayload, {
    description:
      'Review list: the tracking number on a chosen line (as updateFulfillmentTracking would set it); the email becomes APPLIED',
  })
  applyInboundEmail(
    @Arg('input', () => ApplyInboundEmailInput) input: ApplyInboundEmailInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ApplyInboundEmailPayload> {
    return payload(
      () =>
        applyInboundEmail(ctx, {
          inboundEmailId: idOf('InboundEmail', input.inboundEmailId),
          fulfillmentId: idOf('Fulfillment', input.fulfillmentId),
          trackingNumber: input.trackingNumber,
        }),
      ({ email, fulfillment }) => ({
        inboundEmail: toInbound(email),
        fulfillment: toFulfillment(fulfillment),
      }),
      { inboundEmail: null, fulfillment: null },
    );
  }

  @Authorized()
  @Mutation(() => DismissInboundEmailPayload, {
    description: 'Review list: the email leaves it as DISMISSED; no order changes',
  })
  dismissInboundEmail(
    @Arg('input', () => DismissInboundEmailInput) input: DismissInboundEmailInput,
    @Ctx() ctx: RequestContext,
  ): Promise<DismissInboundEmailPayload> {
    return payload(
      () => dismissInboundEmail(ctx, { inboundEmailId: idOf('InboundEmail', input.inboundEmailId) }),
      (email) => ({ inboundEmail: toInbound(email) }),
      { inboundEmail: null },
    );
  }
}
