import { Field, Int, ObjectType } from 'type-graphql';
import { Node, PageInfo } from '../graphql/connection.js';
import { OrderStatus } from '../graphql/enums.js';
import { toGlobalId } from '../graphql/ids.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { UserError } from '../graphql/user-error.js';
import type { OrderEntity } from './order.entity.js';
import type { SubscriptionEntity } from './subscription.entity.js';

@ObjectType('Customer', { simpleResolvers: true })
export class Customer {
  @Field(() => String) name: string;
  @Field(() => String) email: string;
  @Field(() => String, { description: 'en or de: the language of the member emails and Track item page' })
  locale: string;
}

@ObjectType('ContinuitySubscription', { simpleResolvers: true })
export class ContinuitySubscription {
  @Field(() => String) id: string;
  @Field(() => String, { description: 'ACTIVE | CANCELLED' }) status: string;
  @Field(() => DateTimeScalar, { nullable: true }) cancelledAt: Date | null;
}

@ObjectType('Order', { simpleResolvers: true, implements: Node })
export class Order extends Node {
  /** The row behind the object, for field resolvers; not part of the schema. */
  row: OrderEntity;
  @Field(() => String) reference: string;
  @Field(() => Customer) customer: Customer;
  @Field(() => OrderStatus) status: string;
  @Field(() => String, { nullable: true }) channel: string | null;
  @Field(() => DateTimeScalar) placedAt: Date;
}

@ObjectType('OrderEdge', { simpleResolvers: true })
export class OrderEdge {
  @Field(() => String) cursor: string;
  @Field(() => Order) node: Order;
}

@ObjectType('OrderConnection', { simpleResolvers: true })
export class OrderConnection {
  @Field(() => [OrderEdge]) edges: OrderEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  /** Counted only when asked for. */
  count: () => Promise<number>;
  @Field(() => Int, { description: 'How many orders match the filter, across all pages' })
  totalCount(): Promise<number> {
    return this.count();
  }
}

@ObjectType('CreateOrderPayload')
export class CreateOrderPayload {
  @Field(() => Order, { nullable: true }) order: Order | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

export function toOrder(row: OrderEntity): Order {
  return Object.assign(new Order(), {
    row,
    id: toGlobalId('Order', row.id),
    reference: row.reference,
    customer: Object.assign(new Customer(), {
      name: row.customerName,
      email: row.customerEmail,
      locale: row.customerLocale,
    }),
    status: row.status,
    channel: row.channel,
    placedAt: row.placedAt,
  });
}

export function toSubscription(row: SubscriptionEntity): ContinuitySubscription {
  return Object.assign(new ContinuitySubscription(), {
    id: toGlobalId('Subscription', row.id),
    status: row.status,
    cancelledAt: row.cancelledAt,
  });
}
