import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { CarrierFeedProvider, CheckpointSource, TrackingStatus } from '../graphql/enums.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { UserError } from '../graphql/user-error.js';

@ObjectType('TrackingCheckpoint', {
  simpleResolvers: true,
  description: 'One scan a carrier reported: when, where, what it said, and our status for it',
})
export class TrackingCheckpoint {
  @Field(() => DateTimeScalar, { description: 'When the carrier scanned' }) at: Date;
  @Field(() => TrackingStatus) status: string;
  @Field(() => String, { nullable: true }) location: string | null;
  @Field(() => String, { nullable: true }) message: string | null;
  @Field(() => CheckpointSource) source: string;
}

@ObjectType('CarrierFeed', {
  simpleResolvers: true,
  description: 'Where one tracking aggregator posts this partner’s webhooks; its secret is never shown',
})
export class CarrierFeed {
  @Field(() => CarrierFeedProvider) provider: string;
  @Field(() => String, { description: 'Give this address to the provider as the webhook URL' }) url: string;
  @Field(() => DateTimeScalar, { description: 'When the secret was last set' }) updatedAt: Date;
}

@InputType('SetCarrierFeedSecretInput')
export class SetCarrierFeedSecretInput {
  @Field(() => ID, { nullable: true, description: 'Staff name the partner; a partner key acts for itself' })
  partnerId?: string | null;
  @Field(() => CarrierFeedProvider) provider: string;
  @Field(() => String, {
    description:
      'EasyPost: the webhook secret; AfterShip: the webhook secret; 17TRACK: the security key; Shippo: the token you append to the URL as ?token=',
  })
  secret: string;
}

@ObjectType('SetCarrierFeedSecretPayload')
export class SetCarrierFeedSecretPayload {
  @Field(() => CarrierFeed, { nullable: true }) carrierFeed: CarrierFeed | null;
  @Field(() => [UserError]) userErrors: UserError[];
}
