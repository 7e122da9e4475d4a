import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../auth/context.js';
import { toFulfillment, Fulfillment } from '../fulfillments/fulfillment.types.js';
import { pageArgs } from '../graphql/filter.js';
import { OrderFilter, OrderSort } from '../graphql/filter.inputs.js';
import { idOf, optionalIdOf } from '../graphql/ids.js';
import { payload } from '../graphql/payload.js';
import { Partner, toPartner } from '../partners/partner.types.js';
import { CreateOrderInput } from './order.inputs.js';
import { createOrder, getOrder, listOrders, partnerOf } from './order.service.js';
import {
  ContinuitySubscription,
  CreateOrderPayload,
  Order,
  OrderConnection,
  OrderEdge,
  toOrder,
  toSubscription,
} from './order.types.js';
import { PageInfo } from '../graphql/connection.js';

@Resolver(() => Order)
export class OrderResolver {
  @Authorized()
  @Query(() => OrderConnection, { description: 'Find Orders: filter, sort, keyset pagination (first ≤ 250)' })
  async orders(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => OrderFilter, { nullable: true }) filter?: OrderFilter | null,
    @Arg('sort', () => OrderSort, { nullable: true }) sort?: OrderSort | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<OrderConnection> {
    const page = await listOrders(ctx, pageArgs({ filter, sort, first, after }));
    for (const row of page.rows) ctx.loaders.orderById.prime(row.id, row);
    return Object.assign(new OrderConnection(), {
      edges: page.rows.map((row, i) =>
        Object.assign(new OrderEdge(), { cursor: page.cursors[i], node: toOrder(row) }),
      ),
      pageInfo: Object.assign(new PageInfo(), {
        hasNextPage: page.hasNextPage,
        endCursor: page.cursors.at(-1) ?? null,
      }),
      count: page.count,
    });
  }

  @Authorized()
  @Query(() => Order, { nullable: true })
  async order(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Order | null> {
    const row = await getOrder(ctx, idOf('Order', id));
    return row && toOrder(row);
  }

  @Authorized()
  @Mutation(() => CreateOrderPayload, {
    description: 'Idempotent on partner + reference: a repeat returns the existing order',
  })
  createOrder(
    @Arg('input', () => CreateOrderInput) input: CreateOrderInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreateOrderPayload> {
    return payload(
      () => createOrder(ctx, { ...input, partnerId: optionalIdOf('Partner', input.partnerId) }),
      (row) => ({ order: toOrder(row) }),
      { order: null },
    );
  }

  @FieldResolver(() => Partner)
  async partner(@Root() order: Order, @Ctx() ctx: RequestContext): Promise<Partner> {
    return toPartner(await partnerOf(ctx, order.row));
  }

  @FieldResolver(() => [Fulfillment])
  async fulfillments(@Root() order: Order, @Ctx() ctx: RequestContext): Promise<Fulfillment[]> {
    return (await ctx.loaders.fulfillmentsByOrderId.load(order.row.id)).map(toFulfillment);
  }

  @FieldResolver(() => [ContinuitySubscription])
  async subscriptions(@Root() order: Order, @Ctx() ctx: RequestContext): Promise<ContinuitySubscription[]> {
    return (await ctx.loaders.subscriptionsByOrderId.load(order.row.id)).map(toSubscription);
  }
}
