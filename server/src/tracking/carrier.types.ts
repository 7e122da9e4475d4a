import { Field, InputType, ObjectType } from 'type-graphql';
import { UserError } from '../graphql/user-error.js';
import type { CarrierEntity } from './carrier.entity.js';

@ObjectType('Carrier', { simpleResolvers: true })
export class Carrier {
  @Field(() => String) code: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true, description: 'URL with {number} where the tracking number goes' })
  trackingUrlTemplate: string | null;
  @Field(() => [String], { description: 'Free-text spellings recognised as this carrier (normalised)' })
  aliases: string[];
  @Field(() => String, {
    nullable: true,
    description: "What staff and members should know about this carrier's tracking",
  })
  quirkNote: string | null;
  @Field(() => String, { nullable: true, description: 'When the carrier collects parcels' })
  pickupWindow: string | null;
  @Field(() => Boolean, {
    description: 'A new number reads LABEL_CREATED at once, before any carrier scan',
  })
  labelScanAtOnce: boolean;
}

@ObjectType('CarrierDetection')
export class CarrierDetection {
  @Field(() => [Carrier], { description: 'Carriers whose number format matches, best first' })
  candidates: Carrier[];
  @Field(() => Boolean, { nullable: true, description: 'null when no known format matches' })
  checkDigitValid: boolean | null;
  @Field(() => String, { nullable: true }) trackingUrl: string | null;
}

export const toCarrier = (row: CarrierEntity): Carrier =>
  Object.assign(new Carrier(), {
    code: row.code,
    name: row.name,
    trackingUrlTemplate: row.trackingUrlTemplate,
    aliases: row.aliases,
    quirkNote: row.quirkNote,
    pickupWindow: row.pickupWindow,
    labelScanAtOnce: row.labelScanAtOnce,
  });

@InputType('SaveCarrierInput')
export class SaveCarrierInput {
  @Field(() => String, { description: 'Lower-case code, e.g. ups; an existing code updates that carrier' })
  code: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) trackingUrlTemplate?: string | null;
  @Field(() => [String], { nullable: true }) aliases?: string[] | null;
  @Field(() => String, { nullable: true, description: 'Omitted: unchanged; empty: none' })
  quirkNote?: string | null;
  @Field(() => String, { nullable: true, description: 'Omitted: unchanged; empty: none' })
  pickupWindow?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Omitted: unchanged (new carriers: false)' })
  labelScanAtOnce?: boolean | null;
}

@ObjectType('SaveCarrierPayload')
export class SaveCarrierPayload {
  @Field(() => Carrier, { nullable: true }) carrier: Carrier | null;
  @Field(() => [UserError]) userErrors: UserError[];
}
