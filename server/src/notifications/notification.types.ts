import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Fulfillment } from '../fulfillments/fulfillment.types.js';
import { TrackingStatus } from '../graphql/enums.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { UserError } from '../graphql/user-error.js';
import type { InboundEmailEntity } from './notification.entities.js';

@ObjectType('MailMessage', {
  description: 'An email the system rendered (sent, or kept when no SMTP_URL is set)',
})
export class MailMessage {
  @Field(() => ID) id: string;
  @Field(() => String) topic: string;
  @Field(() => String) recipients: string;
  @Field(() => String) subject: string;
  @Field(() => String) text: string;
  @Field(() => String) html: string;
  @Field(() => String, { description: 'SENT | STORED' }) status: string;
  @Field(() => String) locale: string;
  @Field(() => DateTimeScalar) createdAt: Date;
}

@ObjectType('OutboxMessage', {
  description: 'An email or webhook waiting, sent, or parked after its last try',
})
export class OutboxMessage {
  @Field(() => ID) id: string;
  @Field(() => String) kind: string;
  @Field(() => String) topic: string;
  @Field(() => String, { description: 'PENDING | SENDING | SENT | FAILED' }) status: string;
  @Field(() => Int) attempts: number;
  @Field(() => String, { nullable: true }) lastError: string | null;
  @Field(() => Int, { nullable: true }) responseCode: number | null;
  @Field(() => DateTimeScalar) nextAttemptAt: Date;
  @Field(() => DateTimeScalar) createdAt: Date;
  @Field(() => DateTimeScalar, { nullable: true }) sentAt: Date | null;
}

@ObjectType('WebhookEndpoint')
export class WebhookEndpoint {
  endpointId: number;
  partnerId: number;
  @Field(() => ID) id: string;
  @Field(() => String) url: string;
  @Field(() => Boolean) active: boolean;
  @Field(() => DateTimeScalar) createdAt: Date;
}

@ObjectType('InboundEmailReason', {
  description: 'Why a forwarded email waits for review: a code, its values and the English words',
})
export class InboundEmailReason {
  @Field(() => String, {
    description:
      'NO_ORDER_FOR_NUMBERS | NO_TRACKING_NUMBER | ORDERS_UNCLEAR | ORDER_REJECTED | TEXT_CUT | NOTHING_FOUND',
  })
  code: string;
  @Field(() => String) message: string;
  @Field(() => String, {
    description:
      'The values in `message` as a JSON object, e.g. {"numbers": "1Z…"}; ORDER_REJECTED has reference, problem (an error code), detail, and where the detail is a catalogued message its name (detailVariant) and values',
  })
  params: string;
}

@ObjectType('InboundEmail', { description: 'A forwarded tracking email and what was found in it' })
export class InboundEmail {
  /** The entity, for field resolvers. */
  row: InboundEmailEntity;
  @Field(() => ID) id: string;
  @Field(() => DateTimeScalar) receivedAt: Date;
  @Field(() => String, { nullable: true }) sender: string | null;
  @Field(() => String, { nullable: true }) subject: string | null;
  @Field(() => String, { description: 'APPLIED | REVIEW | NOTHING_FOUND | DISMISSED' }) status: string;
  @Field(() => [String]) trackingNumbers: string[];
  @Field(() => [String]) orderReferences: string[];
  @Field(() => String, { nullable: true, description: 'Why it waits for review, in English (see reasons)' })
  reason: string | null;
  @Field(() => [InboundEmailReason], { description: 'Why it waits for review, each with a code and params' })
  reasons: InboundEmailReason[];
  @Field(() => String, { nullable: true, description: 'Who applied or dismissed it from the review list' })
  resolvedBy: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) resolvedAt: Date | null;
  @Field(() => String, { description: 'The text found in the mail (at most 256 KB, see bodyTruncated)' })
  bodyText: string;
  @Field(() => Int, { nullable: true, description: "The whole text's length in UTF-8 bytes" })
  bodyBytes: number | null;
  @Field(() => Boolean, { description: 'bodyText holds only the first part of a longer text' })
  bodyTruncated: boolean;
}

@InputType('SetPartnerNotificationEmailsInput')
export class SetPartnerNotificationEmailsInput {
  @Field(() => ID) partnerId: string;
  @Field(() => [String]) emails: string[];
}

@ObjectType('SetPartnerNotificationEmailsPayload')
export class SetPartnerNotificationEmailsPayload {
  @Field(() => [String], { nullable: true }) emails: string[] | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@InputType('CreateWebhookEndpointInput')
export class CreateWebhookEndpointInput {
  @Field(() => ID, { nullable: true, description: "Staff only; a partner's own id is implied" }) partnerId?:
    string | null;
  @Field(() => String) url: string;
}

@ObjectType('CreateWebhookEndpointPayload')
export class CreateWebhookEndpointPayload {
  @Field(() => WebhookEndpoint, { nullable: true }) endpoint: WebhookEndpoint | null;
  @Field(() => String, { nullable: true, description: 'The signing secret, shown once' }) secret:
    string | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@InputType('DisableWebhookEndpointInput')
export class DisableWebhookEndpointInput {
  @Field(() => ID) id: string;
}

@ObjectType('DisableWebhookEndpointPayload')
export class DisableWebhookEndpointPayload {
  @Field(() => WebhookEndpoint, { nullable: true }) endpoint: WebhookEndpoint | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@InputType('RecordTrackingEventInput')
export class RecordTrackingEventInput {
  @Field(() => ID, { nullable: true }) fulfillmentId?: string | null;
  @Field(() => String, { nullable: true }) trackingNumber?: string | null;
  @Field(() => TrackingStatus) status: string;
  @Field(() => DateTimeScalar, { nullable: true }) occurredAt?: Date | null;
  @Field(() => String, { nullable: true }) description?: string | null;
}

@ObjectType('RecordTrackingEventPayload')
export class RecordTrackingEventPayload {
  @Field(() => [Fulfillment]) fulfillments: Fulfillment[];
  @Field(() => [UserError]) userErrors: UserError[];
}

@InputType('RetryOutboxMessageInput')
export class RetryOutboxMessageInput {
  @Field(() => ID) id: string;
}

@ObjectType('RetryOutboxMessagePayload')
export class RetryOutboxMessagePayload {
  @Field(() => OutboxMessage, { nullable: true }) message: OutboxMessage | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@InputType('ApplyInboundEmailInput')
export class ApplyInboundEmailInput {
  @Field(() => ID) inboundEmailId: string;
  @Field(() => ID, { description: 'The line that gets the tracking number' }) fulfillmentId: string;
  @Field(() => String, { description: 'Usually one the email holds (trackingNumbers)' })
  trackingNumber: string;
}

@ObjectType('ApplyInboundEmailPayload')
export class ApplyInboundEmailPayload {
  @Field(() => InboundEmail, { nullable: true }) inboundEmail: InboundEmail | null;
  @Field(() => Fulfillment, { nullable: true }) fulfillment: Fulfillment | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@InputType('DismissInboundEmailInput')
export class DismissInboundEmailInput {
  @Field(() => ID) inboundEmailId: string;
}

@ObjectType('DismissInboundEmailPayload')
export class DismissInboundEmailPayload {
  @Field(() => InboundEmail, { nullable: true }) inboundEmail: InboundEmail | null;
  @Field(() => [UserError]) userErrors: UserError[];
}
