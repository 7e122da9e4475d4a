import { createOrderInputSchema, ErrorCode, planCreation, TrackingStatus } from '@ft/shared';
import type { RequestContext } from '../auth/context.js';
import { actingPartner, ordersQuery, scopedPartnerId } from '../auth/scope.js';
import { randomToken } from '../auth/auth.service.js';
import { inTransaction } from '../db/transaction.js';
import { cachedCount } from '../graphql/count-cache.js';
import {
  applyOrderFilter,
  searchPartners,
  keysetPage,
  type PageArgs,
  searchMayWalk,
  type SearchPlan,
} from '../graphql/filter.js';
import type { OrderFilter } from '../graphql/filter.inputs.js';
import { parseInput, userError, UserErrorsException } from '../graphql/user-error.js';
import { FulfillmentEventEntity } from '../fulfillments/fulfillment-event.entity.js';
import { FulfillmentEntity } from '../fulfillments/fulfillment.entity.js';
import { type PartnerEntity } from '../partners/partner.entity.js';
import { OrderEntity } from './order.entity.js';
import { isCommonSearch, refreshOrderSearch } from './order-search.js';
import { SubscriptionEntity } from './subscription.entity.js';

/** A page of the caller's orders; the arguments come checked (`pageArgs`). */
export async function listOrders(ctx: RequestContext, args: PageArgs<OrderFilter>) {
  const search = args.filter?.search?.trim();
  const plan: SearchPlan =
    search &&
    searchMayWalk(args.filter!) &&
    (await isCommonSearch(ctx.em, search, searchPartners(args.filter!, scopedPartnerId(ctx))))
      ? 'walk'
      : 'index';
  const base = (how: SearchPlan) => {
    const qb = ordersQuery(ctx);
    applyOrderFilter(qb, args.filter, 'o', how, scopedPartnerId(ctx));
    return qb;
  };
  const page = await keysetPage(base(plan), 'o', args, (o) => o.reference);
  const key = JSON.stringify(['orders', ctx.viewer?.partnerId ?? null, args.filter]);
  // Counting reads every match either way: from the index.
  return { ...page, count: () => cachedCount(key, () => base('index').getCount()) };
}

export async function getOrder(ctx: RequestContext, id: number): Promise<OrderEntity | null> {
  return ctx.loaders.orderById.load(id);
}

export interface CreateOrderArgs {
  /** The partner the order is for: staff name one; a partner's key may name only its own. */
  partnerId?: number | null;
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
  const partnerId = await actingPartner(ctx, input.partnerId ?? null, {
    field: ['input', 'partnerId'],
    required: true,
  });
  const data = parseInput(createOrderInputSchema, {
    ...input,
    customer: { ...input.customer, locale: input.customer.locale ?? undefined },
    subscriptionCount: input.subscriptionCount ?? undefined,
    fulfillments: input.fulfillments.map((f) => ({ ...f, quantity: f.quantity ?? undefined })),
  });
  if (input.placedAt && input.placedAt.getTime() > Date.now() + 86_400_000) {
    throw new UserErrorsException([
      userError(ErrorCode.INVALID_DATE, ['input', 'placedAt'], 'placedAtFuture'),
    ]);
  }
  const placedAt = input.placedAt ?? new Date();
  placedAt.setMilliseconds(0);

  const existing = await ctx.em
    .getRepository(OrderEntity)
    .findOneBy({ partnerId, reference: data.reference });
  if (existing) return existing;

  // Each line's first status and history event, and so the order's status, come from the planner.
  const plan = planCreation(data.fulfillments);
  try {
    return await inTransaction(ctx, async (tx) => {
      const { em } = tx;
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
          status: plan.orderStatus,
          trackingToken: randomToken(24),
          createdAt: now,
        }),
      );
      const saved = await em.getRepository(FulfillmentEntity).save(
        plan.lines.map(({ line, creation }) =>
          em.getRepository(FulfillmentEntity).create({
            orderId: order.id,
            partnerId,
            orderReference: order.reference,
            placedAt,
            sku: line.sku,
            productName: line.productName,
            quantity: line.quantity,
            clientFulfillmentId: line.clientFulfillmentId ?? null,
            status: creation.to,
            trackingStatus: TrackingStatus.UNKNOWN,
            version: 1,
            updatedAt: now,
          }),
        ),
        { chunk: 200 },
      );
      await em.getRepository(FulfillmentEventEntity).insert(
        saved.map((f, i) => {
          const { creation } = plan.lines[i]!;
          return {
            fulfillmentId: f.id,
            orderId: order.id,
            at: now,
            type: creation.eventType,
            channel: tx.viewer!.channel,
            actor: tx.viewer!.actor,
            fromStatus: null,
            toStatus: creation.to,
            changes: null,
            bulkActionId: null,
            importId: null,
          };
        }),
      );
      await refreshOrderSearch(em, [order.id]);
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
    const winner = await ctx.em
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
