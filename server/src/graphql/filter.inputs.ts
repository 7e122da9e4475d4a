import 'reflect-metadata';
import { Field, ID, InputType } from 'type-graphql';
import { FulfillmentStatus, OrderSortField, OrderStatus, RiskReason, SortDirection } from './enums.js';
import { DateScalar } from './scalars.js';

@InputType('DateRange', { description: 'Inclusive calendar dates (UTC); either end may be open.' })
export class DateRange {
  @Field(() => DateScalar, { nullable: true }) from?: string | null;
  @Field(() => DateScalar, { nullable: true }) to?: string | null;
}

@InputType('OrderFilter')
export class OrderFilter {
  @Field(() => String, {
    nullable: true,
    description:
      'Order reference or customer email (prefix), customer name (contains), tracking number (exact)',
  })
  search?: string | null;
  @Field(() => [OrderStatus], { nullable: true }) statuses?: string[] | null;
  @Field(() => [FulfillmentStatus], {
    nullable: true,
    description: 'Orders with at least one fulfillment in one of these',
  })
  fulfillmentStatuses?: string[] | null;
  @Field(() => [RiskReason], {
    nullable: true,
    description: 'Orders with at least one shipped line at risk for any of these reasons',
  })
  risk?: RiskReason[] | null;
  @Field(() => [String], { nullable: true }) carrierCodes?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'Staff only; a partner always sees just its own' })
  partnerIds?: string[] | null;
  @Field(() => Boolean, { nullable: true }) hasTracking?: boolean | null;
  @Field(() => DateRange, { nullable: true }) placed?: DateRange | null;
  @Field(() => DateRange, { nullable: true }) shipped?: DateRange | null;
}

@InputType('FulfillmentFilter')
export class FulfillmentFilter {
  @Field(() => String, {
    nullable: true,
    description:
      'Order reference (prefix), SKU, client fulfillment id or tracking number (exact), customer email (prefix) or name (contains)',
  })
  search?: string | null;
  @Field(() => [ID], { nullable: true }) orderIds?: string[] | null;
  @Field(() => OrderFilter, {
    nullable: true,
    description: 'Every fulfillment of the orders matching this order filter (the Find Orders selection)',
  })
  order?: OrderFilter | null;
  @Field(() => [FulfillmentStatus], { nullable: true }) statuses?: string[] | null;
  @Field(() => [RiskReason], {
    nullable: true,
    description: 'Shipped lines at risk for any of these reasons',
  })
  risk?: RiskReason[] | null;
  @Field(() => [String], { nullable: true }) carrierCodes?: string[] | null;
  @Field(() => [ID], { nullable: true }) partnerIds?: string[] | null;
  @Field(() => Boolean, { nullable: true }) hasTracking?: boolean | null;
  @Field(() => DateRange, { nullable: true }) placed?: DateRange | null;
  @Field(() => DateRange, { nullable: true }) shipped?: DateRange | null;
}

@InputType('OrderSort')
export class OrderSort {
  @Field(() => OrderSortField) field: string;
  @Field(() => SortDirection) direction: string;
}

@InputType('FulfillmentSort', { description: 'Fulfillments sort by their order’s placed date or reference.' })
export class FulfillmentSort {
  @Field(() => OrderSortField) field: string;
  @Field(() => SortDirection) direction: string;
}
