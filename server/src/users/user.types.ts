import { Field, InputType, ObjectType } from 'type-graphql';
import { Node } from '../graphql/connection.js';
import { Role } from '../graphql/enums.js';
import { toGlobalId } from '../graphql/ids.js';
import { UserError } from '../graphql/user-error.js';
import { Partner } from '../partners/partner.types.js';
import type { UserEntity } from './user.entity.js';

@ObjectType('User', { implements: Node })
export class User extends Node {
  @Field(() => String) email: string;
  @Field(() => Role) role: string;
}

@ObjectType('Viewer', { description: 'Who is calling' })
export class ViewerType {
  @Field(() => Role) role: string;
  @Field(() => User, { nullable: true }) user: User | null;
  @Field(() => Partner, { nullable: true }) partner: Partner | null;
}

@InputType('LoginInput')
export class LoginInput {
  @Field(() => String) email: string;
  @Field(() => String) password: string;
}

@ObjectType('LoginPayload')
export class LoginPayload {
  @Field(() => User, { nullable: true }) user: User | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@InputType('CreateUserInput')
export class CreateUserInput {
  @Field(() => String) email: string;
  @Field(() => Role, { description: 'ADMIN or SUPPORT' }) role: string;
  @Field(() => String) password: string;
}

@ObjectType('CreateUserPayload')
export class CreateUserPayload {
  @Field(() => User, { nullable: true }) user: User | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

export const toUser = (row: UserEntity): User =>
  Object.assign(new User(), { id: toGlobalId('User', row.id), email: row.email, role: row.role });
