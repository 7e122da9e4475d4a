import { Field, ObjectType } from 'type-graphql';
import type { CarrierEntity } from './carrier.entity.js';

@ObjectType('Carrier')
export class Carrier {
  @Field(() => String) code: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true, description: 'URL with {number} where the tracking number goes' }) trackingUrlTemplate: string | null;
  @Field(() => [String], { description: 'Free-text spellings recognised as this carrier (normalised)' }) aliases: string[];
}

@ObjectType('CarrierDetection')
export class CarrierDetection {
  @Field(() => [Carrier], { description: 'Carriers whose number format matches, best first' }) candidates: Carrier[];
  @Field(() => Boolean, { nullable: true, description: 'null when no known format matches' }) checkDigitValid: boolean | null;
  @Field(() => String, { nullable: true }) trackingUrl: string | null;
}

export const toCarrier = (row: CarrierEntity): Carrier =>
  Object.assign(new Carrier(), { code: row.code, name: row.name, trackingUrlTemplate: row.trackingUrlTemplate, aliases: row.aliases });
