import 'reflect-metadata';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DateTimeScalar } from '../graphql/scalars.js';

@InputType('CustomerInput')
export class CustomerInput {
  @Field(() => String) name: string;
  @Field(() => String) email: string;
  @Field(() => String, { nullable: true, defaultValue: 'en', description: 'en or de' }) locale?:
    string | null;
}

@InputType('FulfillmentLineInput')
export class FulfillmentLineInput {
  @Field(() => String) sku: string;
  @Field(() => String) productName: string;
  @Field(() => Int, { defaultValue: 1 }) quantity: number;
  @Field(() => String, { nullable: true, description: "The partner's own id for this line" })
  clientFulfillmentId?: string | null;
}

@InputType('CreateOrderInput')
export class CreateOrderInput {
  @Field(() => ID, { nullable: true, description: "Staff only; a partner's own id is implied" }) partnerId?:
    string | null;
  @Field(() => String) reference: string;
  @Field(() => CustomerInput) customer: CustomerInput;
  @Field(() => String, { nullable: true }) channel?: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) placedAt?: Date | null;
  @Field(() => [FulfillmentLineInput]) fulfillments: FulfillmentLineInput[];
  @Field(() => Int, { nullable: true, defaultValue: 0 }) subscriptionCount?: number | null;
}
