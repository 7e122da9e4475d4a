import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { login, logout } from '../auth/auth.service.js';
import type { RequestContext } from '../auth/context.js';
import { payload } from '../graphql/payload.js';
import { PartnerEntity } from '../partners/partner.entity.js';
import { toPartner } from '../partners/partner.types.js';
import { UserEntity } from './user.entity.js';
import { createUser, listUsers } from './user.service.js';
import {
  CreateUserInput,
  CreateUserPayload,
  LoginInput,
  LoginPayload,
  toUser,
  User,
  ViewerType,
} from './user.types.js';

@Resolver()
export class UserResolver {
  @Query(() => ViewerType, { nullable: true, description: 'Who is calling; null without credentials' })
  async viewer(@Ctx() ctx: RequestContext): Promise<ViewerType | null> {
    const v = ctx.viewer;
    if (!v) return null;
    const user =
      v.userId !== null ? await ctx.ds.getRepository(UserEntity).findOneBy({ id: v.userId }) : null;
    const partner =
      v.partnerId !== null ? await ctx.ds.getRepository(PartnerEntity).findOneBy({ id: v.partnerId }) : null;
    return Object.assign(new ViewerType(), {
      role: v.role,
      user: user && toUser(user),
      partner: partner && toPartner(partner),
    });
  }

  @Authorized('ADMIN')
  @Query(() => [User])
  async users(@Ctx() ctx: RequestContext): Promise<User[]> {
    return (await listUsers(ctx)).map(toUser);
  }

  @Mutation(() => LoginPayload)
  login(
    @Arg('input', () => LoginInput) input: LoginInput,
    @Ctx() ctx: RequestContext,
  ): Promise<LoginPayload> {
    return payload(
      () => login(ctx, input),
      (user) => ({ user: toUser(user) }),
      { user: null },
    );
  }

  @Mutation(() => Boolean)
  logout(@Ctx() ctx: RequestContext): Promise<boolean> {
    return logout(ctx);
  }

  @Authorized('ADMIN')
  @Mutation(() => CreateUserPayload)
  createUser(
    @Arg('input', () => CreateUserInput) input: CreateUserInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreateUserPayload> {
    return payload(
      () => createUser(ctx, input),
      (user) => ({ user: toUser(user) }),
      { user: null },
    );
  }
}
