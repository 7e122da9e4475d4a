import { Arg, Authorized, Ctx, Field, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../auth/context.js';
import { payload } from '../graphql/payload.js';
import { UserError } from '../graphql/user-error.js';
import { getGridPreference, setGridPreference } from './grid-preference.service.js';

@ObjectType('GridPreference')
export class GridPreference {
  @Field(() => String) grid: string;
  @Field(() => [String]) columns: string[];
}

@InputType('SetGridPreferenceInput')
export class SetGridPreferenceInput {
  @Field(() => String, { description: 'orders or fulfillments' }) grid: string;
  @Field(() => [String], { description: 'Visible columns in order, e.g. order, customer, trackingNumber' })
  columns: string[];
}

@ObjectType('SetGridPreferencePayload')
export class SetGridPreferencePayload {
  @Field(() => GridPreference, { nullable: true }) preference: GridPreference | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@Resolver()
export class GridPreferenceResolver {
  @Authorized()
  @Query(() => GridPreference, {
    nullable: true,
    description: "The caller's columns for a grid (defaults until chosen)",
  })
  async gridPreference(
    @Arg('grid', () => String) grid: string,
    @Ctx() ctx: RequestContext,
  ): Promise<GridPreference | null> {
    const pref = await getGridPreference(ctx, grid);
    return pref && Object.assign(new GridPreference(), pref);
  }

  @Authorized()
  @Mutation(() => SetGridPreferencePayload)
  setGridPreference(
    @Arg('input', () => SetGridPreferenceInput) input: SetGridPreferenceInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SetGridPreferencePayload> {
    return payload(
      () => setGridPreference(ctx, input),
      (p) => ({ preference: Object.assign(new GridPreference(), p) }),
      { preference: null },
    );
  }
}
