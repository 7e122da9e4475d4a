import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../auth/context.js';
import { alreadyNotifiedBy } from '../fulfillments/bulk-action.service.js';
import { PageInfo } from '../graphql/connection.js';
import { listActionLog } from './action-log.service.js';
import { ActionLogConnection, ActionLogEdge, ActionLogEntry, toActionLogEntry } from './action-log.types.js';

@Resolver(() => ActionLogEntry)
export class ActionLogResolver {
  @Authorized()
  @Query(() => ActionLogConnection, {
    description: 'Recent bulk actions and applied imports, newest first; a partner key sees only its own',
  })
  async actionLog(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ActionLogConnection> {
    const page = await listActionLog(ctx, { first, after });
    return Object.assign(new ActionLogConnection(), {
      edges: page.items.map((item, i) =>
        Object.assign(new ActionLogEdge(), { cursor: page.cursors[i], node: toActionLogEntry(item) }),
      ),
      pageInfo: Object.assign(new PageInfo(), {
        hasNextPage: page.hasNextPage,
        endCursor: page.cursors.at(-1) ?? null,
      }),
    });
  }

  @FieldResolver(() => Int, {
    description:
      'Members of the lines an undo would restore whose "shipped" email was sent already (an undo cannot take it back)',
  })
  alreadyNotifiedCount(@Root() entry: ActionLogEntry, @Ctx() ctx: RequestContext): Promise<number> | number {
    return entry.item.source === 'BULK' ? alreadyNotifiedBy(ctx, entry.item.action) : 0;
  }
}
