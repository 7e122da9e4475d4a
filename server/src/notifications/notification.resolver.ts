import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../auth/context.js';
import { toFulfillment } from '../fulfillments/fulfillment.types.js';
import { idOf, optionalIdOf, toGlobalId } from '../graphql/ids.js';
import { payload } from '../graphql/payload.js';
import { recordTrackingEvent } from '../tracking/tracking-event.service.js';
import { toInbound } from './inbound-email.resolver.js';
import type { MailMessageEntity, WebhookEndpointEntity } from './notification.entities.js';
import {
  createWebhookEndpoint,
  deliveriesOf,
  disableWebhookEndpoint,
  listInboundEmails,
  listMail,
  listOutbox,
  listWebhookEndpoints,
  retryOutbox,
  setNotificationEmails,
} from './notification.service.js';
import {
  CreateWebhookEndpointInput,
  CreateWebhookEndpointPayload,
  DisableWebhookEndpointInput,
  DisableWebhookEndpointPayload,
  InboundEmail,
  MailMessage,
  OutboxMessage,
  RecordTrackingEventInput,
  RecordTrackingEventPayload,
  RetryOutboxMessageInput,
  RetryOutboxMessagePayload,
  SetPartnerNotificationEmailsInput,
  SetPartnerNotificationEmailsPayload,
  WebhookEndpoint,
} from './notification.types.js';
import type { OutboxMessageEntity } from './outbox.entity.js';

const toMail = (m: MailMessageEntity) =>
  Object.assign(new MailMessage(), { ...m, id: toGlobalId('MailMessage', m.id) });
const toOutbox = (m: OutboxMessageEntity) =>
  Object.assign(new OutboxMessage(), {
    id: toGlobalId('OutboxMessage', m.id),
    kind: m.kind,
    topic: m.topic,
    status: m.status,
    attempts: m.attempts,
    lastError: m.lastError,
    responseCode: m.responseCode,
    nextAttemptAt: m.nextAttemptAt,
    createdAt: m.createdAt,
    sentAt: m.sentAt,
  });
const toEndpoint = (e: WebhookEndpointEntity) =>
  Object.assign(new WebhookEndpoint(), {
    endpointId: e.id,
    partnerId: e.partnerId,
    id: toGlobalId('WebhookEndpoint', e.id),
    url: e.url,
    active: !e.disabledAt,
    createdAt: e.createdAt,
  });
@Resolver(() => WebhookEndpoint)
export class NotificationResolver {
  @Authorized('ADMIN')
  @Query(() => [MailMessage], { description: 'The Mail page: every email rendered, newest first' })
  async mailMessages(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
  ): Promise<MailMessage[]> {
    return (await listMail(ctx, first)).map(toMail);
  }

  @Authorized('ADMIN')
  @Query(() => [OutboxMessage], { description: 'Deliveries, e.g. status: "FAILED" for the parked ones' })
  async outboxMessages(
    @Ctx() ctx: RequestContext,
    @Arg('status', () => String, { nullable: true }) status?: string | null,
    @Arg('kind', () => String, { nullable: true }) kind?: string | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
  ): Promise<OutboxMessage[]> {
    return (await listOutbox(ctx, { status, kind, first })).map(toOutbox);
  }

  @Authorized('ADMIN')
  @Mutation(() => RetryOutboxMessagePayload)
  retryOutboxMessage(
    @Arg('input', () => RetryOutboxMessageInput) input: RetryOutboxMessageInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RetryOutboxMessagePayload> {
    return payload(
      () => retryOutbox(ctx, idOf('OutboxMessage', input.id)),
      (m) => ({ message: toOutbox(m) }),
      { message: null },
    );
  }

  @Authorized('ADMIN')
  @Mutation(() => SetPartnerNotificationEmailsPayload, {
    description: "Who receives a partner's shipping digests",
  })
  setPartnerNotificationEmails(
    @Arg('input', () => SetPartnerNotificationEmailsInput) input: SetPartnerNotificationEmailsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SetPartnerNotificationEmailsPayload> {
    return payload(
      () => setNotificationEmails(ctx, { partnerId: idOf('Partner', input.partnerId), emails: input.emails }),
      (emails) => ({ emails }),
      { emails: null },
    );
  }

  @Authorized('ADMIN', 'PARTNER')
  @Query(() => [WebhookEndpoint])
  async webhookEndpoints(
    @Ctx() ctx: RequestContext,
    @Arg('partnerId', () => ID, { nullable: true }) partnerId?: string | null,
  ): Promise<WebhookEndpoint[]> {
    return (await listWebhookEndpoints(ctx, optionalIdOf('Partner', partnerId))).map(toEndpoint);
  }

  @FieldResolver(() => [OutboxMessage], { description: 'The delivery log, newest first' })
  async deliveries(
    @Root() endpoint: WebhookEndpoint,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
  ): Promise<OutboxMessage[]> {
    return (
      await deliveriesOf(
        ctx,
        { id: endpoint.endpointId, partnerId: endpoint.partnerId } as WebhookEndpointEntity,
        first,
      )
    ).map(toOutbox);
  }

  @Authorized('ADMIN', 'PARTNER')
  @Mutation(() => CreateWebhookEndpointPayload, {
    description: 'Fulfillment changes are POSTed there, signed with the secret shown once',
  })
  createWebhookEndpoint(
    @Arg('input', () => CreateWebhookEndpointInput) input: CreateWebhookEndpointInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreateWebhookEndpointPayload> {
    return payload(
      () =>
        createWebhookEndpoint(ctx, { partnerId: optionalIdOf('Partner', input.partnerId), url: input.url }),
      (r) => ({ endpoint: toEndpoint(r.endpoint), secret: r.secret }),
      { endpoint: null, secret: null },
    );
  }

  @Authorized('ADMIN', 'PARTNER')
  @Mutation(() => DisableWebhookEndpointPayload)
  disableWebhookEndpoint(
    @Arg('input', () => DisableWebhookEndpointInput) input: DisableWebhookEndpointInput,
    @Ctx() ctx: RequestContext,
  ): Promise<DisableWebhookEndpointPayload> {
    return payload(
      () => disableWebhookEndpoint(ctx, idOf('WebhookEndpoint', input.id)),
      (e) => ({ endpoint: toEndpoint(e) }),
      { endpoint: null },
    );
  }

  @Authorized()
  @Mutation(() => RecordTrackingEventPayload, {
    description: "A carrier's scan: sets the tracking status; DELIVERED delivers the fulfillment",
  })
  recordTrackingEvent(
    @Arg('input', () => RecordTrackingEventInput) input: RecordTrackingEventInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RecordTrackingEventPayload> {
    return payload(
      () =>
        recordTrackingEvent(ctx, {
          ...input,
          fulfillmentId: optionalIdOf('Fulfillment', input.fulfillmentId),
        }),
      (rows) => ({ fulfillments: rows.map(toFulfillment) }),
      { fulfillments: [] },
    );
  }

  @Authorized()
  @Query(() => [InboundEmail], {
    description: 'Forwarded tracking emails; status "REVIEW" is the review list',
  })
  async inboundEmails(
    @Ctx() ctx: RequestContext,
    @Arg('status', () => String, { nullable: true }) status?: string | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
  ): Promise<InboundEmail[]> {
    return (await listInboundEmails(ctx, { status, first })).map(toInbound);
  }
}
