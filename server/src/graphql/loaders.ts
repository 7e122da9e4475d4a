import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { RequestContext } from '../auth/context.js';
import { fulfillmentsQuery, ordersQuery } from '../auth/scope.js';
import { FulfillmentEventEntity } from '../fulfillments/fulfillment-event.entity.js';
import { FulfillmentEntity } from '../fulfillments/fulfillment.entity.js';
import type { OrderEntity } from '../orders/order.entity.js';
import { SubscriptionEntity } from '../orders/subscription.entity.js';
import { PartnerEntity } from '../partners/partner.entity.js';
import { cachedCarriers } from '../tracking/carrier-cache.js';
import { TrackingCheckpointEntity } from '../tracking/checkpoint.entity.js';

/** One query per kind per request, whatever the page size (no N+1). Scoped like every other read. */
export function createLoaders(ctx: RequestContext) {
  const groupBy = <T, K>(rows: T[], key: (row: T) => K, keys: readonly K[]) => {
    const map = new Map<K, T[]>(keys.map((k) => [k, []]));
    for (const row of rows) map.get(key(row))?.push(row);
    return keys.map((k) => map.get(k) ?? []);
  };
  const byId = <T extends { id: number }>(rows: T[], keys: readonly number[]) => {
    const map = new Map(rows.map((r) => [r.id, r]));
    return keys.map((k) => map.get(k) ?? null);
  };
  return {
    orderById: new DataLoader<number, OrderEntity | null>(async (ids) =>
      byId(await ordersQuery(ctx).andWhere('o.id IN (:...ids)', { ids }).getMany(), ids),
    ),
    fulfillmentsByOrderId: new DataLoader<number, FulfillmentEntity[]>(async (ids) =>
      groupBy(
        await fulfillmentsQuery(ctx)
          .andWhere('f.order_id IN (:...ids)', { ids })
          .orderBy('f.id', 'ASC')
          .getMany(),
        (f) => f.orderId,
        ids,
      ),
    ),
    subscriptionsByOrderId: new DataLoader<number, SubscriptionEntity[]>(async (ids) =>
      groupBy(
        await ctx.ds
          .getRepository(SubscriptionEntity)
          .find({ where: { orderId: In([...ids]) }, order: { id: 'ASC' } }),
        (s) => s.orderId,
        ids,
      ),
    ),
    eventsByFulfillmentId: new DataLoader<number, FulfillmentEventEntity[]>(async (ids) =>
      groupBy(
        await ctx.ds
          .getRepository(FulfillmentEventEntity)
          .find({ where: { fulfillmentId: In([...ids]) }, order: { id: 'ASC' } }),
        (e) => e.fulfillmentId,
        ids,
      ),
    ),
    /** The scans of each line's current number, newest first; the fulfillments were loaded through the caller's scope. */
    checkpointsByFulfillmentId: new DataLoader<number, TrackingCheckpointEntity[]>(async (ids) =>
      groupBy(
        await ctx.ds
          .getRepository(TrackingCheckpointEntity)
          .createQueryBuilder('c')
          .innerJoin(
            FulfillmentEntity,
            'f',
            "f.id = c.fulfillmentId AND c.trackingNumber = COALESCE(f.trackingNumber, '')",
          )
          .where({ fulfillmentId: In([...ids]) })
          .orderBy('c.at', 'DESC')
          .addOrderBy('c.id', 'DESC')
          .getMany(),
        (c) => c.fulfillmentId,
        ids,
      ),
    ),
    partnerById: new DataLoader<number, PartnerEntity | null>(async (ids) =>
      byId(await ctx.ds.getRepository(PartnerEntity).findBy({ id: In([...ids]) }), ids),
    ),
    carriers: () => cachedCarriers(ctx.ds),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
