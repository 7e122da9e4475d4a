import { trackingStatusAt } from '@ft/shared';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Node, PageInfo } from '../graphql/connection.js';
import { FulfillmentStatus, TrackingStatus } from '../graphql/enums.js';
import { toGlobalId } from '../graphql/ids.js';
import { DateScalar, DateTimeScalar } from '../graphql/scalars.js';
import { UserError } from '../graphql/user-error.js';
import { trackingQuirk } from '../notifications/templates.js';
import type { FulfillmentEventEntity } from './fulfillment-event.entity.js';
import type { FulfillmentEntity } from './fulfillment.entity.js';

@ObjectType('Tracking', {
  simpleResolvers: true,
  description: 'One parcel: its number, carrier and where to follow it.',
})
export class Tracking {
  carrierCode: string | null;
  @Field(() => String) number: string;
  @Field(() => String, {
    nullable: true,
    description: 'The carrier as written, when it is not a known carrier',
  })
  carrierName: string | null;
  @Field(() => String, { nullable: true }) url: string | null;
  @Field(() => String, { nullable: true, description: 'Shipping method, e.g. Ground' }) method: string | null;
  @Field(() => TrackingStatus) status: string;
  @Field(() => String, {
    nullable: true,
    description:
      'A carrier quirk worth explaining: CANADA_POST_NEW (not found until first scan), UPS_LABEL_CREATED (label before pickup)',
  })
  quirk: string | null;
}

@ObjectType('FulfillmentEvent', { simpleResolvers: true })
export class FulfillmentEvent {
  @Field(() => ID) id: string;
  @Field(() => DateTimeScalar) at: Date;
  @Field(() => String) type: string;
  @Field(() => String, { description: 'UI, API, CSV_IMPORT, EMAIL, CARRIER or SYSTEM' }) channel: string;
  @Field(() => String, { nullable: true }) actor: string | null;
  @Field(() => FulfillmentStatus, { nullable: true }) fromStatus: string | null;
  @Field(() => FulfillmentStatus, { nullable: true }) toStatus: string | null;
  @Field(() => String, { nullable: true, description: 'JSON of the changed fields: { field: [from, to] }' })
  changes: string | null;
}

@ObjectType('Fulfillment', { simpleResolvers: true, implements: Node })
export class Fulfillment extends Node {
  row: FulfillmentEntity;
  @Field(() => String) sku: string;
  @Field(() => String) productName: string;
  @Field(() => Int) quantity: number;
  @Field(() => String, { nullable: true }) clientFulfillmentId: string | null;
  @Field(() => FulfillmentStatus) status: string;
  @Field(() => DateScalar, { nullable: true }) shippedOn: string | null;
  @Field(() => Tracking, { nullable: true, description: "The first package's tracking" })
  tracking: Tracking | null;
  @Field(() => [Tracking], {
    description: 'Every package of a multi-parcel shipment; the first is `tracking`',
  })
  packages: Tracking[];
  @Field(() => Tracking, {
    nullable: true,
    description: 'The carrier that delivers the last mile, once its own number is known',
  })
  lastMile: Tracking | null;
  @Field(() => String, {
    nullable: true,
    description:
      "The last-mile carrier a partner's handover rule expects (or the one of the last-mile number)",
  })
  lastMileCarrierCode: string | null;
  @Field(() => String, { nullable: true }) notShippingReason: string | null;
  @Field(() => String, { nullable: true }) rmaNumber: string | null;
  @Field(() => Int, { description: 'Send it back with updates; a stale version is refused with CONFLICT' })
  version: number;
}

@ObjectType('FulfillmentEdge', { simpleResolvers: true })
export class FulfillmentEdge {
  @Field(() => String) cursor: string;
  @Field(() => Fulfillment) node: Fulfillment;
}

@ObjectType('FulfillmentConnection', { simpleResolvers: true })
export class FulfillmentConnection {
  @Field(() => [FulfillmentEdge]) edges: FulfillmentEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  count: () => Promise<number>;
  @Field(() => Int)
  totalCount(): Promise<number> {
    return this.count();
  }
}

@ObjectType('BulkSkip', {
  simpleResolvers: true,
  description: 'A fulfillment a bulk action left alone, and why.',
})
export class BulkSkip {
  @Field(() => ID) id: string;
  @Field(() => String) code: string;
  @Field(() => String) message: string;
  @Field(() => String, {
    nullable: true,
    description: "The line's order reference, to name it to a person; null when there is no such line",
  })
  orderReference: string | null;
  @Field(() => String, { nullable: true, description: "The line's SKU; null when there is no such line" })
  sku: string | null;
  @Field(() => FulfillmentStatus, {
    nullable: true,
    description:
      'For TRANSITION_NOT_ALLOWED, the status the action could not move the line from (SHIPPED: already shipped); null for other codes',
  })
  status: string | null;
}

@ObjectType('BulkSkipReason', {
  simpleResolvers: true,
  description: 'One reason a bulk action skipped fulfillments, and how many it skipped for it.',
})
export class BulkSkipReason {
  @Field(() => String) code: string;
  @Field(() => FulfillmentStatus, {
    nullable: true,
    description: 'With TRANSITION_NOT_ALLOWED, the status the skipped lines were in; null for other codes',
  })
  status: string | null;
  @Field(() => String, { description: "The first such skip's message" }) message: string;
  @Field(() => Int, { description: 'Every skip for this reason, listed in `skipped` or not' }) count: number;
}

@ObjectType('UpdateFulfillmentTrackingPayload')
export class UpdateFulfillmentTrackingPayload {
  @Field(() => Fulfillment, { nullable: true }) fulfillment: Fulfillment | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType('ReopenFulfillmentPayload')
export class ReopenFulfillmentPayload {
  @Field(() => Fulfillment, { nullable: true }) fulfillment: Fulfillment | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType('BulkFulfillmentPayload')
export class BulkFulfillmentPayload {
  @Field(() => ID, { nullable: true, description: 'Pass to undoBulkAction' }) actionId: string | null;
  @Field(() => Int) changedCount: number;
  @Field(() => [BulkSkip], {
    description: 'The first 250 skipped fulfillments; skippedCount counts them all',
  })
  skipped: BulkSkip[];
  @Field(() => Int, { description: 'How many fulfillments were skipped in all' }) skippedCount: number;
  @Field(() => [BulkSkipReason], {
    description:
      'Every skip counted by reason (code and status), most frequent first; the counts add up to skippedCount',
  })
  skippedByReason: BulkSkipReason[];
  @Field(() => [Fulfillment], {
    description: 'The fulfillments that changed (at most 250), to update a grid in place',
  })
  changed: Fulfillment[];
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType('UndoBulkActionPayload')
export class UndoBulkActionPayload {
  @Field(() => Int) restoredCount: number;
  @Field(() => Int, {
    description:
      'Of the restored lines, how many members had their "shipped" email sent already (an undo cannot take it back)',
  })
  alreadyNotifiedCount: number;
  @Field(() => [BulkSkip], {
    description: 'The first 250 fulfillments left as they were; skippedCount counts them all',
  })
  skipped: BulkSkip[];
  @Field(() => Int, { description: 'How many fulfillments were left as they were in all' })
  skippedCount: number;
  @Field(() => [BulkSkipReason], {
    description: 'Every skip counted by reason, most frequent first; the counts add up to skippedCount',
  })
  skippedByReason: BulkSkipReason[];
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType('UndoImportPayload')
export class UndoImportPayload extends UndoBulkActionPayload {}

function tracking(row: FulfillmentEntity, number: string, url: string | null): Tracking {
  return Object.assign(new Tracking(), {
    carrierCode: row.carrierCode,
    number,
    carrierName: row.carrierName,
    url,
    method: row.shippingMethod,
    status: trackingStatusAt({ ...row, lastNewsAt: row.updatedAt }),
    quirk: trackingQuirk(row.carrierCode, row.trackingStatus),
  });
}

export function toFulfillment(row: FulfillmentEntity): Fulfillment {
  const first = row.trackingNumber ? tracking(row, row.trackingNumber, row.trackingUrl) : null;
  const packages = first
    ? [first, ...(row.extraPackages ?? []).map((p) => tracking(row, p.number, p.url))]
    : [];
  return Object.assign(new Fulfillment(), {
    row,
    id: toGlobalId('Fulfillment', row.id),
    sku: row.sku,
    productName: row.productName,
    quantity: row.quantity,
    clientFulfillmentId: row.clientFulfillmentId,
    status: row.status,
    shippedOn: row.shippedOn,
    tracking: first,
    packages,
    lastMile: row.lastMileNumber
      ? Object.assign(tracking(row, row.lastMileNumber, row.lastMileUrl), {
          carrierCode: row.lastMileCarrierCode,
          carrierName: null,
          method: null,
          quirk: null,
        })
      : null,
    lastMileCarrierCode: row.lastMileCarrierCode,
    notShippingReason: row.notShippingReason,
    rmaNumber: row.rmaNumber,
    version: row.version,
  });
}

export function toEvent(row: FulfillmentEventEntity): FulfillmentEvent {
  return Object.assign(new FulfillmentEvent(), {
    id: toGlobalId('Event', row.id),
    at: row.at,
    type: row.type,
    channel: row.channel,
    actor: row.actor,
    fromStatus: row.fromStatus,
    toStatus: row.toStatus,
    changes: row.changes ? JSON.stringify(row.changes) : null,
  });
}
