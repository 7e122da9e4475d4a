import { type CarrierFeedProvider, Channel, ErrorCode } from '@ft/shared';
import { partnerContext, type RequestContext } from '../auth/context.js';
import { actingPartner, fulfillmentsQuery } from '../auth/scope.js';
import { inTransaction, lockForUpdate } from '../db/transaction.js';
import { userError, UserErrorsException } from '../graphql/user-error.js';
import { randomToken } from '../auth/auth.service.js';
import { FulfillmentEntity } from '../fulfillments/fulfillment.entity.js';
import {
  type FeedCheckpoint,
  type FeedRequest,
  feedOf,
  MalformedFeed,
  type ProviderFeed,
} from './carrier-feeds.js';
import { CarrierFeedEntity } from './checkpoint.entity.js';
import { applyCheckpoints, type CheckpointsResult } from './checkpoint.service.js';
import { normaliseTrackingNumber } from './tracking-number.js';

const MAX_SECRET = 200;

/** Why a provider webhook was not applied: the HTTP status and the code the answer carries. */
export class FeedRefused extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: ErrorCode,
    message: string,
    readonly params: Record<string, string> | null = null,
  ) {
    super(message);
  }
}

export type FeedOutcome =
  { ignored: true } | ({ ignored: false; trackingNumber: string } & CheckpointsResult);

/** Checkpoints one provider webhook may carry; providers send the whole history of one parcel, far fewer. */
const MAX_CHECKPOINTS = 500;

/** How many partners sharing a tracking number an unaddressed webhook is checked against, at most. */
export const MAX_FEED_CANDIDATES = 20;

/**
 * A tracking aggregator's own webhook, posted to the address of one partner's feed: the token in the
 * address names the feed, the provider's signature (or Shippo's URL token) proves it came from the
 * provider holding the partner's secret, and the checkpoints apply to that partner's lines only.
 */
export async function receiveFeed(
  ctx: RequestContext,
  feed: ProviderFeed,
  token: string,
  request: FeedRequest,
): Promise<FeedOutcome> {
  const row = /^[A-Za-z0-9_-]{16,64}$/.test(token)
    ? await ctx.em.getRepository(CarrierFeedEntity).findOneBy({ token, provider: feed.provider })
    : null;
  if (!row) throw new FeedRefused(404, ErrorCode.NOT_FOUND, 'No carrier feed has this address');
  if (!feed.verify(request, row.secret)) throw badSignature();
  const update = readFeed(feed, request);
  if (!update) return { ignored: true };
  const number = checkedNumber(update.trackingNumber);
  return applyFeed(ctx, feed, row.partnerId, number, update.checkpoints);
}

/**
 * A tracking aggregator's webhook posted to the provider's address without a feed token
 * (POST /carrier-events/<provider>): the partners are those whose lines carry the payload's tracking
 * number and who set a secret for this provider (at most MAX_FEED_CANDIDATES of them); the checkpoints
 * apply for each partner whose secret the signature (Shippo: the `token` query parameter) matches, and
 * only to that partner's lines. None matching, or no line with the number: INVALID_SIGNATURE, alike.
 */
export async function receiveUnaddressedFeed(
  ctx: RequestContext,
  feed: ProviderFeed,
  request: FeedRequest,
): Promise<FeedOutcome> {
  const update = readFeed(feed, request);
  if (!update) return { ignored: true };
  const number = checkedNumber(update.trackingNumber);
  // A number no line carries has no secret to check against: it answers as a bad signature, so that an unsigned
  // caller cannot learn which numbers are ours.
  const candidates: { partnerId: number; secret: string }[] = await ctx.em
    .getRepository(FulfillmentEntity)
    .createQueryBuilder('f')
    .innerJoin(CarrierFeedEntity, 'cf', 'cf.partner_id = f.partner_id AND cf.provider = :provider', {
      provider: feed.provider,
    })
    .select('f.partner_id', 'partnerId')
    .addSelect('cf.secret', 'secret')
    .distinct(true)
    .where('f.tracking_number = :number', { number })
    .orderBy('f.partner_id')
    .limit(MAX_FEED_CANDIDATES)
    .getRawMany();
  const signers = candidates.filter((c) => feed.verify(request, c.secret)).map((c) => Number(c.partnerId));
  if (signers.length === 0) throw badSignature();
  const outcome: FeedOutcome = { ignored: false, trackingNumber: number, rows: [], added: 0 };
  for (const partnerId of signers) {
    const applied = await applyFeed(ctx, feed, partnerId, number, update.checkpoints);
    if (applied.ignored) continue;
    outcome.rows.push(...applied.rows);
    outcome.added += applied.added;
  }
  return outcome;
}

const badSignature = () =>
  new FeedRefused(401, ErrorCode.INVALID_SIGNATURE, 'The signature does not match this feed’s secret');

const unknownNumber = (number: string) =>
  new FeedRefused(422, ErrorCode.NOT_FOUND, `No fulfillment has the tracking number ${number}`, {
    trackingNumber: number,
  });

function readFeed(feed: ProviderFeed, request: FeedRequest) {
  try {
    const update = feed.read(JSON.parse(request.raw.toString('utf8')));
    // Each checkpoint is stored once per line with the number: a bound keeps one webhook's work bounded.
    if (update && update.checkpoints.length > MAX_CHECKPOINTS)
      throw new FeedRefused(
        413,
        ErrorCode.LIMIT_EXCEEDED,
        `At most ${MAX_CHECKPOINTS} checkpoints per webhook`,
        {
          max: String(MAX_CHECKPOINTS),
        },
      );
    return update;
  } catch (error) {
    if (error instanceof SyntaxError) throw new FeedRefused(400, ErrorCode.INVALID, 'The body is not JSON');
    if (error instanceof MalformedFeed)
      throw new FeedRefused(400, ErrorCode.INVALID, `Not a ${feed.route} tracking webhook: ${error.message}`);
    throw error;
  }
}

function checkedNumber(trackingNumber: string): string {
  const number = normaliseTrackingNumber(trackingNumber);
  if (number.length > 64)
    throw new FeedRefused(422, ErrorCode.TOO_LONG, 'The tracking number has more than 64 characters');
  return number;
}

/** The checkpoints applied to one partner's lines with this number, as that partner's carrier feed. */
async function applyFeed(
  ctx: RequestContext,
  feed: ProviderFeed,
  partnerId: number,
  number: string,
  checkpoints: FeedCheckpoint[],
): Promise<FeedOutcome> {
  const asPartner = partnerContext(ctx.ds, ctx.config, partnerId, {
    actor: `carrier:${feed.route}`,
    channel: Channel.CARRIER,
  });
  return inTransaction(asPartner, async (tx) => {
    const rows = await lockForUpdate(
      tx.ds,
      fulfillmentsQuery(tx).andWhere('f.tracking_number = :number', { number }),
    ).getMany();
    if (rows.length === 0) throw unknownNumber(number);
    try {
      return {
        ignored: false,
        trackingNumber: number,
        ...(await applyCheckpoints(tx, rows, feed.source, checkpoints)),
      };
    } catch (error) {
      if (error instanceof UserErrorsException) {
        const first = error.userErrors[0]!;
        throw new FeedRefused(422, first.code as ErrorCode, first.message);
      }
      throw error;
    }
  });
}

export interface CarrierFeedView {
  provider: CarrierFeedProvider;
  token: string;
  updatedAt: Date;
}

/** The feeds a partner set up (staff name the partner; a partner key sees its own). */
export async function carrierFeedsOf(ctx: RequestContext, partnerId: number): Promise<CarrierFeedView[]> {
  const own = await actingPartner(ctx, partnerId, { field: ['partnerId'], required: true });
  const rows = await ctx.em
    .getRepository(CarrierFeedEntity)
    .find({ where: { partnerId: own }, order: { provider: 'ASC' } });
  return rows.map(({ provider, token, updatedAt }) => ({ provider, token, updatedAt }));
}

/**
 * Stores the secret a provider signs a partner's webhooks with, creating the feed and its address on
 * first use; a new secret replaces the old one. The secret is never returned or logged.
 */
export async function setCarrierFeedSecret(
  ctx: RequestContext,
  input: { partnerId: number | null; provider: CarrierFeedProvider; secret: string },
): Promise<CarrierFeedView> {
  const secret = input.secret.trim();
  if (secret.length < 8)
    throw new UserErrorsException([
      userError(ErrorCode.INVALID, ['input', 'secret'], 'feedSecretShort', { min: 8 }),
    ]);
  if (secret.length > MAX_SECRET)
    throw new UserErrorsException([
      userError(ErrorCode.TOO_LONG, ['input', 'secret'], 'atMostChars', { max: MAX_SECRET }),
    ]);
  feedOf(input.provider);
  const partnerId = await actingPartner(ctx, input.partnerId, {
    field: ['input', 'partnerId'],
    required: true,
  });
  return inTransaction(ctx, async (tx) => {
    const repo = tx.em.getRepository(CarrierFeedEntity);
    const existing = await repo.findOneBy({ partnerId, provider: input.provider });
    const row = existing ?? repo.create({ partnerId, provider: input.provider, token: randomToken(24) });
    row.secret = secret;
    row.updatedAt = new Date();
    const saved = await repo.save(row);
    return { provider: saved.provider, token: saved.token, updatedAt: saved.updatedAt };
  });
}
