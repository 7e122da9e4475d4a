import { ErrorCode } from '@ft/shared';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../auth/context.js';
import { PageInfo } from '../graphql/connection.js';
import { pageArgs } from '../graphql/filter.js';
import { FulfillmentFilter, FulfillmentSort } from '../graphql/filter.inputs.js';
import { idOf, toGlobalId } from '../graphql/ids.js';
import { payload } from '../graphql/payload.js';
import { Order, toOrder } from '../orders/order.types.js';
import { carrierByCode } from '../tracking/carrier-cache.js';
import { Carrier, toCarrier } from '../tracking/carrier.types.js';
import {
  cancelFulfillments,
  markNotShipping,
  markShipped,
  SKIPS_LISTED,
  undoBulkAction,
  type BulkResult,
  type BulkSkipReasonCount,
  type BulkSkipResult,
} from './bulk-action.service.js';
import {
  CancelFulfillmentsInput,
  MarkFulfillmentsNotShippingInput,
  MarkFulfillmentsShippedInput,
  ReopenFulfillmentInput,
  UndoBulkActionInput,
  UndoImportInput,
  UpdateFulfillmentTrackingInput,
} from './fulfillment.inputs.js';
import {
  getFulfillment,
  listFulfillments,
  reopenFulfillment,
  updateTracking,
} from './fulfillment.service.js';
import { undoImport } from '../imports/import-undo.js';
import {
  BulkFulfillmentPayload,
  BulkSkip,
  BulkSkipReason,
  Fulfillment,
  FulfillmentConnection,
  FulfillmentEdge,
  FulfillmentEvent,
  ReopenFulfillmentPayload,
  toEvent,
  toFulfillment,
  Tracking,
  UndoBulkActionPayload,
  UndoImportPayload,
  UpdateFulfillmentTrackingPayload,
} from './fulfillment.types.js';

const toSkip = (id: string, s: BulkSkipResult) =>
  Object.assign(new BulkSkip(), {
    id,
    code: s.code,
    message: s.message,
    orderReference: s.orderReference,
    sku: s.sku,
    status: s.status,
  });

/** A bulk selection for the service: the ids as numbers, 0 for a string that is no fulfillment id. */
const selectionOf = <I extends { ids?: string[] | null }>(input: I) => ({
  ...input,
  ids: input.ids?.map((id) => idOf('Fulfillment', id)),
});

/**
 * The skips as the client reads them: global ids, and for the one skip of id 0 (the service's answer to
 * every string that is no fulfillment id) each such string as the client sent it.
 */
function skipsAsSent(
  r: { skipped: BulkSkipResult[]; skippedCount: number; skippedByReason: BulkSkipReasonCount[] },
  sent: readonly string[] | null | undefined,
): { skipped: BulkSkip[]; skippedCount: number; skippedByReason: BulkSkipReason[] } {
  const unreadable = r.skipped.some((s) => s.fulfillmentId === 0)
    ? [...new Set(sent ?? [])].filter((id) => idOf('Fulfillment', id) === 0)
    : [];
  const skipped = r.skipped.flatMap((s) =>
    s.fulfillmentId === 0
      ? unreadable.map((id) => toSkip(id, s))
      : [toSkip(toGlobalId('Fulfillment', s.fulfillmentId), s)],
  );
  // The service counted every unreadable string as one NOT_FOUND skip.
  const extra = Math.max(unreadable.length - 1, 0);
  const skippedByReason = r.skippedByReason
    .map((reason) =>
      Object.assign(new BulkSkipReason(), {
        ...reason,
        count: reason.code === ErrorCode.NOT_FOUND ? reason.count + extra : reason.count,
      }),
    )
    .sort((a, b) => b.count - a.count);
  return {
    skipped: skipped.slice(0, SKIPS_LISTED),
    skippedCount: r.skippedCount + extra,
    skippedByReason,
  };
}

const bulkPayload = (sent: readonly string[] | null | undefined) => (r: BulkResult) => ({
  actionId: r.actionId === null ? null : toGlobalId('BulkAction', r.actionId),
  changedCount: r.changedCountTotal,
  changed: r.changed.map(toFulfillment),
  ...skipsAsSent(r, sent),
});
const bulkFailed = {
  actionId: null,
  changedCount: 0,
  changed: [],
  skipped: [],
  skippedCount: 0,
  skippedByReason: [],
};

@Resolver(() => Fulfillment)
export class FulfillmentResolver {
  @Authorized()
  @Query(() => FulfillmentConnection, {
    description: 'The product fulfillment view: one row per product line',
  })
  async fulfillments(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => FulfillmentFilter, { nullable: true }) filter?: FulfillmentFilter | null,
    @Arg('sort', () => FulfillmentSort, { nullable: true }) sort?: FulfillmentSort | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<FulfillmentConnection> {
    const page = await listFulfillments(ctx, pageArgs({ filter, sort, first, after }));
    return Object.assign(new FulfillmentConnection(), {
      edges: page.rows.map((row, i) =>
        Object.assign(new FulfillmentEdge(), { cursor: page.cursors[i], node: toFulfillment(row) }),
      ),
      pageInfo: Object.assign(new PageInfo(), {
        hasNextPage: page.hasNextPage,
        endCursor: page.cursors.at(-1) ?? null,
      }),
      count: page.count,
    });
  }

  @Authorized()
  @Query(() => Fulfillment, { nullable: true })
  async fulfillment(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Fulfillment | null> {
    const row = await getFulfillment(ctx, idOf('Fulfillment', id));
    return row && toFulfillment(row);
  }

  @FieldResolver(() => Order)
  async order(@Root() fulfillment: Fulfillment, @Ctx() ctx: RequestContext): Promise<Order> {
    const row = await ctx.loaders.orderById.load(fulfillment.row.orderId);
    if (!row) throw new Error(`Fulfillment ${fulfillment.row.id} lost its order`);
    return toOrder(row);
  }

  @FieldResolver(() => [FulfillmentEvent], {
    description: 'Every change, oldest first: who, when, what, through which channel',
  })
  async history(@Root() fulfillment: Fulfillment, @Ctx() ctx: RequestContext): Promise<FulfillmentEvent[]> {
    return (await ctx.loaders.eventsByFulfillmentId.load(fulfillment.row.id)).map(toEvent);
  }

  @Authorized()
  @Mutation(() => UpdateFulfillmentTrackingPayload)
  updateFulfillmentTracking(
    @Arg('input', () => UpdateFulfillmentTrackingInput) input: UpdateFulfillmentTrackingInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UpdateFulfillmentTrackingPayload> {
    return payload(
      () => updateTracking(ctx, { ...input, fulfillmentId: idOf('Fulfillment', input.fulfillmentId) }),
      (row) => ({ fulfillment: toFulfillment(row) }),
      { fulfillment: null },
    );
  }

  @Authorized()
  @Mutation(() => BulkFulfillmentPayload, {
    description: 'Bulk, by ids or by filter; one transaction; each skipped id says why',
  })
  markFulfillmentsShipped(
    @Arg('input', () => MarkFulfillmentsShippedInput) input: MarkFulfillmentsShippedInput,
    @Ctx() ctx: RequestContext,
  ): Promise<BulkFulfillmentPayload> {
    return payload(() => markShipped(ctx, selectionOf(input)), bulkPayload(input.ids), bulkFailed);
  }

  @Authorized()
  @Mutation(() => BulkFulfillmentPayload)
  markFulfillmentsNotShipping(
    @Arg('input', () => MarkFulfillmentsNotShippingInput) input: MarkFulfillmentsNotShippingInput,
    @Ctx() ctx: RequestContext,
  ): Promise<BulkFulfillmentPayload> {
    return payload(() => markNotShipping(ctx, selectionOf(input)), bulkPayload(input.ids), bulkFailed);
  }

  @Authorized()
  @Mutation(() => BulkFulfillmentPayload, {
    description: 'Cancel fulfillments; ends subscriptions of orders left with nothing active',
  })
  cancelFulfillments(
    @Arg('input', () => CancelFulfillmentsInput) input: CancelFulfillmentsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<BulkFulfillmentPayload> {
    return payload(() => cancelFulfillments(ctx, selectionOf(input)), bulkPayload(input.ids), bulkFailed);
  }

  @Authorized()
  @Mutation(() => UndoBulkActionPayload, {
    description:
      'Restores what the action changed, where nothing changed it since; subscriptions a cancel ended are active again',
  })
  undoBulkAction(
    @Arg('input', () => UndoBulkActionInput) input: UndoBulkActionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UndoBulkActionPayload> {
    return payload(
      () => undoBulkAction(ctx, idOf('BulkAction', input.actionId)),
      (r) => ({
        restoredCount: r.restoredCount,
        alreadyNotifiedCount: r.alreadyNotifiedCount,
        ...skipsAsSent(r, null),
      }),
      { restoredCount: 0, alreadyNotifiedCount: 0, skipped: [], skippedCount: 0, skippedByReason: [] },
    );
  }

  @Authorized()
  @Mutation(() => UndoImportPayload, {
    description:
      'Takes back what an applied import wrote: each line it changed gets back its status and values from before, where nothing but carrier scans changed the line since; subscriptions it ended are active again',
  })
  undoImport(
    @Arg('input', () => UndoImportInput) input: UndoImportInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UndoImportPayload> {
    return payload(
      () => undoImport(ctx, idOf('Import', input.importId)),
      (r) => ({
        restoredCount: r.restoredCount,
        alreadyNotifiedCount: r.alreadyNotifiedCount,
        ...skipsAsSent(r, null),
      }),
      { restoredCount: 0, alreadyNotifiedCount: 0, skipped: [], skippedCount: 0, skippedByReason: [] },
    );
  }

  @Authorized('ADMIN')
  @Mutation(() => ReopenFulfillmentPayload, {
    description: 'Admins only: a fulfillment that will not ship goes back to awaiting shipment (HOLD)',
  })
  reopenFulfillment(
    @Arg('input', () => ReopenFulfillmentInput) input: ReopenFulfillmentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ReopenFulfillmentPayload> {
    return payload(
      () => reopenFulfillment(ctx, { fulfillmentId: idOf('Fulfillment', input.id) }),
      (row) => ({ fulfillment: toFulfillment(row) }),
      { fulfillment: null },
    );
  }
}

@Resolver(() => Tracking)
export class TrackingResolver {
  @FieldResolver(() => Carrier, { nullable: true })
  carrier(@Root() tracking: Tracking, @Ctx() ctx: RequestContext): Carrier | null | Promise<Carrier | null> {
    if (!tracking.carrierCode) return null;
    // Synchronous when the list is at hand: a promise per line makes GraphQL wait on every order of the page.
    const carrier = carrierByCode(ctx.ds, tracking.carrierCode);
    return carrier instanceof Promise
      ? carrier.then((c) => c && toCarrier(c))
      : carrier && toCarrier(carrier);
  }
}
