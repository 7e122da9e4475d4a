import { ErrorCode, MESSAGES } from '@ft/shared';
import { randomBytes } from 'node:crypto';
import { In, IsNull } from 'typeorm';
import { z } from 'zod';
import type { RequestContext } from '../auth/context.js';
import { actingPartner, ownedOrNull, scopedPartnerId } from '../auth/scope.js';
import { storeOf } from '../db/store.js';
import { inTransaction } from '../db/transaction.js';
import { parseInput, userError, UserErrorsException } from '../graphql/user-error.js';
import { PartnerEntity } from '../partners/partner.entity.js';
import { InboundEmailEntity, MailMessageEntity, WebhookEndpointEntity } from './notification.entities.js';
import { OutboxMessageEntity } from './outbox.entity.js';
import { parseWebhookUrl, privateTargetReason } from './webhook-target.js';

const take = (first: number | null | undefined) => Math.min(Math.max(first ?? 50, 1), 250);

export const listMail = (ctx: RequestContext, first?: number | null) =>
  ctx.em.getRepository(MailMessageEntity).find({ order: { id: 'DESC' }, take: take(first) });

export const listOutbox = (
  ctx: RequestContext,
  args: { status?: string | null; kind?: string | null; first?: number | null },
) =>
  ctx.em.getRepository(OutboxMessageEntity).find({
    where: { ...(args.status ? { status: args.status } : {}), ...(args.kind ? { kind: args.kind } : {}) },
    order: { id: 'DESC' },
    take: take(args.first),
  });

/** A parked (FAILED) message goes back in the queue for another round of tries. */
export async function retryOutbox(ctx: RequestContext, id: number): Promise<OutboxMessageEntity> {
  const repo = ctx.em.getRepository(OutboxMessageEntity);
  const message = await repo.findOneBy({ id });
  if (!message)
    throw new UserErrorsException([userError(ErrorCode.NOT_FOUND, ['input', 'id'], 'noSuchMessage')]);
  if (message.status !== 'FAILED')
    throw new UserErrorsException([
      userError(ErrorCode.TRANSITION_NOT_ALLOWED, ['input', 'id'], 'retryOnlyFailed', {
        status: message.status,
      }),
    ]);
  await repo.update(
    { id: message.id },
    { status: 'PENDING', attempts: 0, nextAttemptAt: new Date(), lastError: null },
  );
  return (await repo.findOneBy({ id: message.id }))!;
}

export async function setNotificationEmails(
  ctx: RequestContext,
  input: { partnerId: number; emails: string[] },
): Promise<string[]> {
  const { emails } = parseInput(
    z.object({
      emails: z
        .array(
          z
            .string()
            .trim()
            .toLowerCase()
            .pipe(z.email({ message: MESSAGES.notAnEmail })),
        )
        .max(50),
    }),
    { emails: input.emails },
  );
  const partnerId = await actingPartner(ctx, input.partnerId, {
    field: ['input', 'partnerId'],
    required: true,
  });
  const unique = [...new Set(emails)];
  await ctx.em.getRepository(PartnerEntity).update({ id: partnerId }, { notificationEmails: unique });
  return unique;
}

/** Every endpoint gets each change of its partner: the cap bounds what one change costs to deliver. */
const MAX_WEBHOOK_ENDPOINTS = 10;

export async function createWebhookEndpoint(
  ctx: RequestContext,
  input: { partnerId: number | null; url: string },
) {
  const { url } = parseInput(
    z.object({
      url: z
        .string()
        .trim()
        .max(1000)
        .regex(/^https?:\/\/[^\s]+$/i, { message: MESSAGES.webhookUrlShape }),
    }),
    { url: input.url },
  );
  if (!parseWebhookUrl(url))
    throw new UserErrorsException([
      userError(ErrorCode.INVALID, ['input', 'url'], 'webhookUrlZone', { url }),
    ]);
  const partnerId = await actingPartner(ctx, input.partnerId, {
    field: ['input', 'partnerId'],
    required: true,
  });
  const refused = ctx.config.webhookAllowPrivate ? null : await privateTargetReason(url);
  if (refused)
    throw new UserErrorsException([
      userError(ErrorCode.INVALID, ['input', 'url'], 'webhookNotPublic', { reason: refused }),
    ]);
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  const endpoint = await inTransaction(ctx, async (tx) => {
    const { em } = tx;
    // The partner's row, locked, serialises creations so that two at once cannot pass the cap together.
    await storeOf(em).lockPartnerRows(em, [partnerId]);
    const partner = await em.getRepository(PartnerEntity).findOneBy({ id: partnerId });
    if (!partner)
      throw new UserErrorsException([
        userError(ErrorCode.NOT_FOUND, ['input', 'partnerId'], 'noSuchPartner'),
      ]);
    const repo = em.getRepository(WebhookEndpointEntity);
    if ((await repo.countBy({ partnerId, disabledAt: IsNull() })) >= MAX_WEBHOOK_ENDPOINTS)
      throw new UserErrorsException([
        userError(ErrorCode.LIMIT_EXCEEDED, ['input', 'url'], 'webhookEndpointsMax', {
          max: MAX_WEBHOOK_ENDPOINTS,
        }),
      ]);
    return repo.save(repo.create({ partnerId, url, secret, disabledAt: null, createdAt: new Date() }));
  });
  return { endpoint, secret };
}

/**
 * A partner's key lists its own endpoints, whichever partner it names; staff list the named partner's, or
 * every partner's when they name none.
 */
export async function listWebhookEndpoints(ctx: RequestContext, requested: number | null) {
  const partnerId = scopedPartnerId(ctx) ?? requested;
  return ctx.em
    .getRepository(WebhookEndpointEntity)
    .find({ where: partnerId === null ? {} : { partnerId }, order: { id: 'ASC' } });
}

export async function disableWebhookEndpoint(ctx: RequestContext, id: number) {
  const repo = ctx.em.getRepository(WebhookEndpointEntity);
  const endpoint = ownedOrNull(ctx, await repo.findOneBy({ id }));
  if (!endpoint)
    throw new UserErrorsException([userError(ErrorCode.NOT_FOUND, ['input', 'id'], 'noSuchEndpoint')]);
  endpoint.disabledAt ??= new Date();
  await repo.save(endpoint);
  return endpoint;
}

/** The endpoint's delivery log: its webhook outbox rows, newest first. */
export async function deliveriesOf(
  ctx: RequestContext,
  endpoint: WebhookEndpointEntity,
  first?: number | null,
) {
  return ctx.em.getRepository(OutboxMessageEntity).find({
    where: { endpointId: endpoint.id, kind: 'WEBHOOK' },
    order: { id: 'DESC' },
    take: take(first),
  });
}

export async function listInboundEmails(
  ctx: RequestContext,
  args: { status?: string | null; first?: number | null },
) {
  const own = scopedPartnerId(ctx);
  return ctx.em.getRepository(InboundEmailEntity).find({
    where: {
      ...(own === null ? {} : { partnerId: own }),
      ...(args.status ? { status: In(args.status.split(',')) } : {}),
    },
    order: { id: 'DESC' },
    take: take(args.first),
  });
}
