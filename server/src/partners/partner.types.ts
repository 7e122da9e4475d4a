import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Node } from '../graphql/connection.js';
import { toGlobalId } from '../graphql/ids.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { UserError } from '../graphql/user-error.js';
import type { ApiKeyEntity } from './api-key.entity.js';
import type { PartnerEntity } from './partner.entity.js';

@ObjectType('Partner', { simpleResolvers: true, implements: Node })
export class Partner extends Node {
  row: PartnerEntity;
  @Field(() => String) name: string;
}

@ObjectType('ApiKey')
export class ApiKey {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => String, { description: 'The first characters of the key, to tell keys apart' }) prefix: string;
  @Field(() => DateTimeScalar) createdAt: Date;
  @Field(() => DateTimeScalar, { nullable: true }) revokedAt: Date | null;
}

@InputType('CreatePartnerInput')
export class CreatePartnerInput {
  @Field(() => String) name: string;
  @Field(() => [String], { nullable: true, description: 'Who receives the shipping digests' })
  notificationEmails?: string[] | null;
}

@ObjectType('CreatePartnerPayload')
export class CreatePartnerPayload {
  @Field(() => Partner, { nullable: true }) partner: Partner | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@InputType('CreateApiKeyInput')
export class CreateApiKeyInput {
  @Field(() => ID) partnerId: string;
  @Field(() => String) name: string;
}

@ObjectType('CreateApiKeyPayload')
export class CreateApiKeyPayload {
  @Field(() => String, { nullable: true, description: 'Shown once; only a hash is kept' }) secret:
    string | null;
  @Field(() => ApiKey, { nullable: true }) apiKey: ApiKey | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@InputType('RevokeApiKeyInput')
export class RevokeApiKeyInput {
  @Field(() => ID) apiKeyId: string;
}

@ObjectType('RevokeApiKeyPayload')
export class RevokeApiKeyPayload {
  @Field(() => ApiKey, { nullable: true }) apiKey: ApiKey | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

export const toPartner = (row: PartnerEntity): Partner =>
  Object.assign(new Partner(), { row, id: toGlobalId('Partner', row.id), name: row.name });
export const toApiKey = (row: ApiKeyEntity): ApiKey =>
  Object.assign(new ApiKey(), {
    id: toGlobalId('ApiKey', row.id),
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt,
    revokedAt: row.revokedAt,
  });
