import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { toGlobalId } from '../graphql/ids.js';
import { UserError } from '../graphql/user-error.js';
import type { CarrierHandoverRuleEntity } from './handover-rule.entity.js';

@ObjectType('CarrierHandoverRule', {
  simpleResolvers: true,
  description: "A partner's tracking conversion: numbers of one carrier are handed over to another",
})
export class CarrierHandoverRule {
  @Field(() => ID) id: string;
  @Field(() => ID) partnerId: string;
  @Field(() => String, { description: 'The carrier of the number the partner sends' })
  fromCarrierCode: string;
  @Field(() => String, { description: 'The carrier that delivers the last mile' }) toCarrierCode: string;
  @Field(() => String, {
    nullable: true,
    description: 'Only lines whose shipping method is this (case-insensitive); null: any',
  })
  supplier: string | null;
}

export const toHandoverRule = (row: CarrierHandoverRuleEntity): CarrierHandoverRule =>
  Object.assign(new CarrierHandoverRule(), {
    id: toGlobalId('CarrierHandoverRule', row.id),
    partnerId: toGlobalId('Partner', row.partnerId),
    fromCarrierCode: row.fromCarrierCode,
    toCarrierCode: row.toCarrierCode,
    supplier: row.supplier,
  });

@InputType('SaveCarrierHandoverRuleInput')
export class SaveCarrierHandoverRuleInput {
  @Field(() => ID, {
    nullable: true,
    description: 'Omitted: a new rule, or the rule for the same carrier and supplier',
  })
  id?: string | null;
  @Field(() => ID, { nullable: true, description: 'Staff name the partner; a partner key: its own' })
  partnerId?: string | null;
  @Field(() => String) fromCarrierCode: string;
  @Field(() => String) toCarrierCode: string;
  @Field(() => String, { nullable: true }) supplier?: string | null;
}

@ObjectType('SaveCarrierHandoverRulePayload')
export class SaveCarrierHandoverRulePayload {
  @Field(() => CarrierHandoverRule, { nullable: true }) rule: CarrierHandoverRule | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType('DeleteCarrierHandoverRulePayload')
export class DeleteCarrierHandoverRulePayload {
  @Field(() => ID, { nullable: true }) deletedId: string | null;
  @Field(() => [UserError]) userErrors: UserError[];
}
