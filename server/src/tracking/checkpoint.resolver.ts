import type { CarrierFeedProvider } from '@ft/shared';
import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../auth/context.js';
import { Fulfillment } from '../fulfillments/fulfillment.types.js';
import { badInput } from '../graphql/errors.js';
import { optionalIdOf } from '../graphql/ids.js';
import { payload } from '../graphql/payload.js';
import { Partner } from '../partners/partner.types.js';
import { feedOf } from './carrier-feeds.js';
import { type CarrierFeedView, carrierFeedsOf, setCarrierFeedSecret } from './carrier-feed.service.js';
import {
  CarrierFeed,
  SetCarrierFeedSecretInput,
  SetCarrierFeedSecretPayload,
  TrackingCheckpoint,
} from './checkpoint.types.js';

const MAX_CHECKPOINTS = 200;

const toFeed = (ctx: RequestContext, view: CarrierFeedView): CarrierFeed =>
  Object.assign(new CarrierFeed(), {
    provider: view.provider,
    url: `${ctx.config.publicUrl}/carrier-events/${feedOf(view.provider).route}/${view.token}`,
    updatedAt: view.updatedAt,
  });

@Resolver(() => Fulfillment)
export class CheckpointResolver {
  @FieldResolver(() => [TrackingCheckpoint], {
    description: `The carrier's scans of the line's current tracking number, newest first (at most ${MAX_CHECKPOINTS})`,
  })
  async checkpoints(
    @Root() fulfillment: Fulfillment,
    @Arg('limit', () => Int, { defaultValue: 50 }) limit: number,
    @Ctx() ctx: RequestContext,
  ): Promise<TrackingCheckpoint[]> {
    if (limit < 0 || limit > MAX_CHECKPOINTS)
      throw badInput(`limit must be between 0 and ${MAX_CHECKPOINTS}`, 'LIMIT_EXCEEDED');
    const rows = await ctx.loaders.checkpointsByFulfillmentId.load(fulfillment.row.id);
    return rows.slice(0, limit).map((c) => Object.assign(new TrackingCheckpoint(), c));
  }
}

@Resolver(() => Partner)
export class CarrierFeedResolver {
  @Authorized('ADMIN', 'PARTNER')
  @FieldResolver(() => [CarrierFeed], {
    description: 'Admins and the partner itself: the aggregator feeds set up, with their addresses',
  })
  async carrierFeeds(@Root() partner: Partner, @Ctx() ctx: RequestContext): Promise<CarrierFeed[]> {
    return (await carrierFeedsOf(ctx, partner.row.id)).map((v) => toFeed(ctx, v));
  }

  @Authorized('ADMIN', 'PARTNER')
  @Mutation(() => SetCarrierFeedSecretPayload, {
    description: "Stores a tracking aggregator's webhook secret for a partner and answers the feed's address",
  })
  setCarrierFeedSecret(
    @Arg('input', () => SetCarrierFeedSecretInput) input: SetCarrierFeedSecretInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SetCarrierFeedSecretPayload> {
    return payload(
      () =>
        setCarrierFeedSecret(ctx, {
          partnerId: optionalIdOf('Partner', input.partnerId ?? null),
          provider: input.provider as CarrierFeedProvider,
          secret: input.secret,
        }),
      (view) => ({ carrierFeed: toFeed(ctx, view) }),
      { carrierFeed: null },
    );
  }
}
