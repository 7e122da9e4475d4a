import {
  Arg,
  Authorized,
  Ctx,
  Field,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
} from 'type-graphql';
import type { RequestContext } from '../auth/context.js';
import { OrderSortField, SortDirection } from '../graphql/enums.js';
import { idOf, toGlobalId } from '../graphql/ids.js';
import { payload } from '../graphql/payload.js';
import { UserError } from '../graphql/user-error.js';
import type { SavedViewEntity } from './saved-view.entity.js';
import {
  createSavedView,
  deleteSavedView,
  listSavedViews,
  updateSavedView,
  type SavedViewInput as ServiceInput,
} from './saved-view.service.js';

@ObjectType('SavedViewFilter', { simpleResolvers: true })
export class SavedViewFilter {
  @Field(() => String, { description: 'A grid URL filter key, e.g. fstatus, carrier, q' }) key: string;
  @Field(() => String) value: string;
}

@ObjectType('SavedView', { description: 'A named grid view only its owner sees' })
export class SavedView {
  @Field(() => ID) id: string;
  @Field(() => String) grid: string;
  @Field(() => String) name: string;
  @Field(() => [SavedViewFilter]) filters: SavedViewFilter[];
  @Field(() => [String]) columns: string[];
  @Field(() => OrderSortField) sort: string;
  @Field(() => SortDirection) direction: string;
}

@InputType('SavedViewFilterInput')
export class SavedViewFilterInput {
  @Field(() => String) key: string;
  @Field(() => String) value: string;
}

@InputType('SavedViewInput')
export class SavedViewInput {
  @Field(() => String, { description: 'orders or fulfillments' }) grid: string;
  @Field(() => String) name: string;
  @Field(() => [SavedViewFilterInput]) filters: SavedViewFilterInput[];
  @Field(() => [String], { description: 'Visible columns in order' }) columns: string[];
  @Field(() => OrderSortField) sort: string;
  @Field(() => SortDirection) direction: string;
}

@ObjectType('SavedViewPayload')
export class SavedViewPayload {
  @Field(() => SavedView, { nullable: true }) view: SavedView | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType('DeleteSavedViewPayload')
export class DeleteSavedViewPayload {
  @Field(() => ID, { nullable: true }) deletedId: string | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

function toView(e: SavedViewEntity): SavedView {
  return Object.assign(new SavedView(), {
    id: toGlobalId('SavedView', e.id),
    grid: e.grid,
    name: e.name,
    filters: Object.entries(e.filters).map(([key, value]) =>
      Object.assign(new SavedViewFilter(), { key, value }),
    ),
    columns: e.columns,
    sort: e.sortField,
    direction: e.sortDirection,
  });
}

const serviceInput = (i: SavedViewInput): ServiceInput => i as ServiceInput;

@Resolver()
export class SavedViewResolver {
  @Authorized()
  @Query(() => [SavedView], { description: "The caller's own saved views of a grid, by name" })
  async savedViews(
    @Arg('grid', () => String) grid: string,
    @Ctx() ctx: RequestContext,
  ): Promise<SavedView[]> {
    return (await listSavedViews(ctx, grid)).map(toView);
  }

  @Authorized()
  @Mutation(() => SavedViewPayload)
  createSavedView(
    @Arg('input', () => SavedViewInput) input: SavedViewInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SavedViewPayload> {
    return payload(
      () => createSavedView(ctx, serviceInput(input)),
      (v) => ({ view: toView(v) }),
      { view: null },
    );
  }

  @Authorized()
  @Mutation(() => SavedViewPayload, { description: 'Replaces a view (name, filters, columns, sort)' })
  updateSavedView(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => SavedViewInput) input: SavedViewInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SavedViewPayload> {
    return payload(
      () => updateSavedView(ctx, idOf('SavedView', id), serviceInput(input)),
      (v) => ({ view: toView(v) }),
      { view: null },
    );
  }

  @Authorized()
  @Mutation(() => DeleteSavedViewPayload)
  deleteSavedView(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<DeleteSavedViewPayload> {
    return payload(
      () => deleteSavedView(ctx, idOf('SavedView', id)),
      (n) => ({ deletedId: toGlobalId('SavedView', n) }),
      { deletedId: null },
    );
  }
}
