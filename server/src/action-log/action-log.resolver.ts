import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../auth/context.js';
import { alreadyNotifiedBy } from '../fulfillments/bulk-action.service.js';
import { alreadyNotifiedByImport } from '../imports/import-undo.js';
import { PageInfo } from '../graphql/connection.js';
import { fromGlobalId } from '../graphql/ids.js';
import { getActionLogItem, listActionLog } from './action-log.service.js';
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

  @Authorized()
  @Query(() => ActionLogEntry, {
    nullable: true,
    description:
      'One entry by its id (a bulk action or an import), e.g. fresh before an undo; null if unknown',
  })
  async actionLogEntry(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ActionLogEntry | null> {
    const actionId = fromGlobalId('BulkAction', id);
    const importId = fromGlobalId('Import', id);
    const ref = actionId !== null ? { actionId } : importId !== null ? { importId } : null;
    const item = ref && (await getActionLogItem(ctx, ref));
    return item && toActionLogEntry(item);
  }

  @FieldResolver(() => Int, {
    description:
      'Members of the lines an undo would restore whose "shipped" email was sent already (an undo cannot take it back). Reads every line of the action: ask for it on one entry (actionLogEntry), not on a page',
  })
  alreadyNotifiedCount(@Root() entry: ActionLogEntry, @Ctx() ctx: RequestContext): Promise<number> | number {
    return entry.item.source === 'BULK'
      ? alreadyNotifiedBy(ctx, entry.item.action)
      : alreadyNotifiedByImport(ctx, entry.item.job);
  }
}
