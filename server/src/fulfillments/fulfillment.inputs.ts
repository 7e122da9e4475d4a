import 'reflect-metadata';
import { Field, ID, InputType, Int } from 'type-graphql';
import { FulfillmentFilter } from '../graphql/filter.inputs.js';
import { DateScalar } from '../graphql/scalars.js';

@InputType('UpdateFulfillmentTrackingInput')
export class UpdateFulfillmentTrackingInput {
  @Field(() => ID) fulfillmentId: string;
  @Field(() => String) trackingNumber: string;
  @Field(() => String, {
    nullable: true,
    description: 'A carrier code or free text ("UPS Ground"); omitted: detected from the number',
  })
  carrier?: string | null;
  @Field(() => String, { nullable: true, description: "Omitted: built from the carrier's URL template" })
  trackingUrl?: string | null;
  @Field(() => String, { nullable: true }) shippingMethod?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Omitted: today (when this ships it)' })
  shippedOn?: string | null;
  @Field(() => Int, {
    nullable: true,
    description: 'The version you read; a stale one is refused with CONFLICT',
  })
  version?: number | null;
  @Field(() => [String], { nullable: true, description: 'More packages of the same shipment, same carrier' })
  additionalTrackingNumbers?: string[] | null;
  @Field(() => Boolean, {
    nullable: true,
    defaultValue: true,
    description: 'false: no member email for this change',
  })
  notifyCustomer?: boolean | null;
  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description:
      "true: keep the carrier as given although the number is another carrier's (CARRIER_MISMATCH) or the name is close to a known one (CARRIER_UNKNOWN)",
  })
  acceptCarrierMismatch?: boolean | null;
  @Field(() => String, {
    nullable: true,
    description:
      "The last-mile carrier's own number (checked with that carrier's check digits); omitted: kept while the number stays; empty: none",
  })
  lastMileTrackingNumber?: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The last-mile carrier; omitted: the one the partner's handover rule expects, else detected",
  })
  lastMileCarrier?: string | null;
}

@InputType('MarkFulfillmentsShippedInput')
export class MarkFulfillmentsShippedInput {
  @Field(() => [ID], { nullable: true }) ids?: string[] | null;
  @Field(() => FulfillmentFilter, { nullable: true, description: 'Everything matching, instead of ids' })
  filter?: FulfillmentFilter | null;
  @Field(() => DateScalar, { nullable: true, description: 'Omitted: today' }) shippedOn?: string | null;
  @Field(() => Boolean, { nullable: true, defaultValue: true }) notifyCustomer?: boolean | null;
}

@InputType('MarkFulfillmentsNotShippingInput')
export class MarkFulfillmentsNotShippingInput {
  @Field(() => [ID], { nullable: true }) ids?: string[] | null;
  @Field(() => FulfillmentFilter, { nullable: true }) filter?: FulfillmentFilter | null;
  @Field(() => String, { nullable: true }) reason?: string | null;
}

@InputType('CancelFulfillmentsInput')
export class CancelFulfillmentsInput {
  @Field(() => [ID], { nullable: true }) ids?: string[] | null;
  @Field(() => FulfillmentFilter, { nullable: true }) filter?: FulfillmentFilter | null;
  @Field(() => String, { nullable: true }) reason?: string | null;
}

@InputType('UndoBulkActionInput')
export class UndoBulkActionInput {
  @Field(() => ID) actionId: string;
}

@InputType('UndoImportInput')
export class UndoImportInput {
  @Field(() => ID, { description: 'An applied import, as the action log names it (ActionLogEntry.importId)' })
  importId: string;
}

@InputType('ReopenFulfillmentInput')
export class ReopenFulfillmentInput {
  @Field(() => ID, { description: 'A fulfillment that will not ship' }) id: string;
}
