import {
  createOrderInputSchema,
  ErrorCode,
  FulfillmentStatus,
  OrderStatus,
  TrackingStatus,
} from '@ft/shared';
import type { RequestContext } from '../auth/context.js';
import { ordersQuery, scopedPartnerId } from '../auth/scope.js';
import { randomToken } from '../auth/auth.service.js';
import { transact } from '../db/transaction.js';
import { pageSize } from '../graphql/connection.js';
import { cachedCount } from '../graphql/count-cache.js';
import { badInput } from '../graphql/errors.js';
import { applyOrderFilter, keysetPage, validateFilter } from '../graphql/filter.js';
import type { OrderFilter, OrderSort } from '../graphql/filter.inputs.js';
import { fromGlobalId } from '../graphql/ids.js';
import { parseInput, userError, UserErrorsException } from '../graphql/user-error.js';
import { FulfillmentEventEntity } from '../fulfillments/fulfillment-event.entity.js';
import { FulfillmentEntity } from '../fulfillments/fulfillment.entity.js';
import { type PartnerEntity } from '../partners/partner.entity.js';
import { OrderEntity } from './order.entity.js';
import { SubscriptionEntity } from './subscription.entity.js';

export async function listOrders(
  ctx: RequestContext,
  args: {
    filter?: OrderFilter | null;
    sort?: OrderSort | null;
    first?: number | null;
    after?: string | null;
  },
) {
  const first = pageSize(args.first);
  const errors = validateFilter(args.filter, ['filter']);
  if (errors.length) throw badInput(errors.map((e) => e.message).join('; '), errors[0]!.code);
  const base = () => {
    const qb = ordersQuery(ctx);
    applyOrderFilter(qb, args.filter);
    return qb;
  };
  const page = await keysetPage(base(), 'o', args.sort, first, args.after, (o) => o.reference);
  const key = JSON.stringify(['orders', ctx.viewer?.partnerId ?? null, args.filter ?? null]);
  return { ...page, count: () => cachedCount(key, () => base().getCount()) };
}

export async function getOrder(ctx: RequestContext, globalId: string): Promise<OrderEntity | null> {
  const id = fromGlobalId('Order', globalId);
  return id === null ? null : ctx.loaders.orderById.load(id);
}

export interface CreateOrderArgs {
  partnerId?: string | null;
  reference: string;
  customer: { name: string; email: string; locale?: string | null };
  channel?: string | null;
  placedAt?: Date | null;
  fulfillments: {
    sku: string;
    productName: string;
    quantity?: number | null;
    clientFulfillmentId?: string | null;
  }[];
  subscriptionCount?: number | null;
}

/**
 * createOrder is idempotent on partner + reference. Sending the same
 * reference again returns the existing order unchanged (a retry after a
 * timeout must not create a twin).
 */
export async function createOrder(ctx: RequestContext, input: CreateOrderArgs): Promise<OrderEntity> {
  const own = scopedPartnerId(ctx);
  let partnerId: number;
  if (own !== null) {
    if (input.partnerId && fromGlobalId('Partner', input.partnerId) !== own) {
      throw new UserErrorsException([
        userError(ErrorCode.FORBIDDEN, 'A partner key creates orders only for its own partner', [
          'input',
          'partnerId',
        ]),
      ]);
    }
    partnerId = own;
  } else {
    if (!input.partnerId)
      throw new UserErrorsException([
        userError(ErrorCode.REQUIRED, 'Staff must name the partner', ['input', 'partnerId']),
      ]);
    const id = fromGlobalId('Partner', input.partnerId);
    const partner = id === null ? null : await ctx.loaders.partnerById.load(id);
    if (!partner)
      throw new UserErrorsException([
        userError(ErrorCode.NOT_FOUND, 'No such partner', ['input', 'partnerId']),
      ]);
    partnerId = partner.id;
  }
  const data = parseInput(createOrderInputSchema, {
    ...input,
    customer: { ...input.customer, locale: input.customer.locale ?? undefined },
    subscriptionCount: input.subscriptionCount ?? undefined,
    fulfillments: input.fulfillments.map((f) => ({ ...f, quantity: f.quantity ?? undefined })),
  });
  if (input.placedAt && input.placedAt.getTime() > Date.now() + 86_400_000) {
    throw new UserErrorsException([
      userError(ErrorCode.INVALID_DATE, 'placedAt is in the future', ['input', 'placedAt']),
    ]);
  }
  const placedAt = input.placedAt ?? new Date();
  placedAt.setMilliseconds(0);

  const existing = await ctx.ds
    .getRepository(OrderEntity)
    .findOneBy({ partnerId, reference: data.reference });
  if (existing) return existing;

  try {
    return await transact(ctx.ds, async (em) => {
      const now = new Date();
      const order = await em.getRepository(OrderEntity).save(
        em.getRepository(OrderEntity).create({
          partnerId,
          reference: data.reference,
          customerName: data.customer.name,
          customerEmail: data.customer.email.toLowerCase(),
          customerLocale: data.customer.locale,
          channel: data.channel ?? null,
          placedAt,
          status: OrderStatus.OPEN,
          trackingToken: randomToken(24),
          createdAt: now,
        }),
      );
      const fulfillments = data.fulfillments.map((line) => ({
        orderId: order.id,
        partnerId,
        orderReference: order.reference,
        placedAt,
        sku: line.sku,
        productName: line.productName,
        quantity: line.quantity,
        clientFulfillmentId: line.clientFulfillmentId ?? null,
        status: FulfillmentStatus.HOLD,
        trackingStatus: TrackingStatus.UNKNOWN,
        version: 1,
        updatedAt: now,
      }));
      const saved = await em.getRepository(FulfillmentEntity).save(
        fulfillments.map((f) => em.getRepository(FulfillmentEntity).create(f)),
        { chunk: 200 },
      );
      await em.getRepository(FulfillmentEventEntity).insert(
        saved.map((f) => ({
          fulfillmentId: f.id,
          orderId: order.id,
          at: now,
          type: 'CREATED' as const,
          channel: ctx.viewer!.channel,
          actor: ctx.viewer!.actor,
          fromStatus: null,
          toStatus: FulfillmentStatus.HOLD,
          changes: null,
          bulkActionId: null,
          importId: null,
        })),
      );
      if (data.subscriptionCount > 0) {
        await em.getRepository(SubscriptionEntity).insert(
          Array.from({ length: data.subscriptionCount }, () => ({
            orderId: order.id,
            status: 'ACTIVE',
            cancelledAt: null,
          })),
        );
      }
      return order;
    });
  } catch (error) {
    // Two identical requests at once: the unique (partner, reference) index lets one win; the other returns its order.
    const winner = await ctx.ds
      .getRepository(OrderEntity)
      .findOneBy({ partnerId, reference: data.reference });
    if (winner) return winner;
    throw error;
  }
}

export async function partnerOf(ctx: RequestContext, order: OrderEntity): Promise<PartnerEntity> {
  const partner = await ctx.loaders.partnerById.load(order.partnerId);
  if (!partner) throw new Error(`Order ${order.id} has no partner ${order.partnerId}`);
  return partner;
}
