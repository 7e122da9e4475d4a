import { createHmac } from 'node:crypto';
import { In, IsNull, type EntityManager } from 'typeorm';
import type { Channel } from '@ft/shared';
import type { FulfillmentEntity } from '../fulfillments/fulfillment.entity.js';
import { toGlobalId } from '../graphql/ids.js';
import { WebhookEndpointEntity } from './notification.entities.js';
import { enqueue } from './outbox.js';

/** A delivery's body stays below this (and 500 fulfillments): a bigger change goes out as several deliveries. */
const WEBHOOK_BODY_MAX_BYTES = 256 * 1024;
const WEBHOOK_MAX_FULFILLMENTS = 500;

/**
 * Fulfillment changes go to every active endpoint of the partner, as outbox
 * rows written in the change's transaction (so none is lost or invented).
 * A bulk change is split into deliveries of at most 500 fulfillments and
 * WEBHOOK_BODY_MAX_BYTES each, in the order of the change.
 */
export async function enqueueWebhooks(
  em: EntityManager,
  rows: FulfillmentEntity[],
  before: Map<number, string>,
  channel: Channel,
  at: Date,
): Promise<void> {
  const partnerIds = [...new Set(rows.map((r) => r.partnerId))];
  const endpoints = await em.getRepository(WebhookEndpointEntity).find({
    where: { partnerId: In(partnerIds), disabledAt: IsNull() },
    select: { id: true, partnerId: true },
  });
  if (endpoints.length === 0) return;
  const partsOf = new Map<number, object[][]>();
  for (const partnerId of new Set(endpoints.map((e) => e.partnerId))) {
    const entries = rows.filter((r) => r.partnerId === partnerId).map((r) => webhookEntry(r, before));
    partsOf.set(partnerId, splitEntries(entries));
  }
  const drafts = [];
  for (const endpoint of endpoints) {
    for (const part of partsOf.get(endpoint.partnerId)!) {
      drafts.push({
        kind: 'WEBHOOK' as const,
        topic: 'fulfillments.changed',
        dedupeKey: null,
        partnerId: endpoint.partnerId,
        endpointId: endpoint.id,
        payload: {
          endpointId: endpoint.id,
          event: 'fulfillments.changed',
          occurredAt: at.toISOString(),
          channel,
          fulfillments: part,
        },
      });
    }
  }
  await enqueue(em, drafts);
}

const webhookEntry = (r: FulfillmentEntity, before: Map<number, string>) => ({
  id: toGlobalId('Fulfillment', r.id),
  orderId: toGlobalId('Order', r.orderId),
  orderReference: r.orderReference,
  sku: r.sku,
  clientFulfillmentId: r.clientFulfillmentId ?? null,
  previousStatus: before.get(r.id) ?? null,
  status: r.status,
  shippedOn: r.shippedOn ?? null,
  trackingNumber: r.trackingNumber ?? null,
  carrier: r.carrierCode ?? r.carrierName ?? null,
  trackingUrl: r.trackingUrl ?? null,
  trackingStatus: r.trackingStatus ?? null,
  lastMileTrackingNumber: r.lastMileNumber ?? null,
  lastMileCarrier: r.lastMileCarrierCode ?? null,
  lastMileTrackingUrl: r.lastMileUrl ?? null,
  rmaNumber: r.rmaNumber ?? null,
});

/** Room left for the envelope: ids, event name, time, channel and the worker's deliveryId. */
const ENVELOPE_BYTES = 512;

function splitEntries(entries: object[]): object[][] {
  const parts: object[][] = [];
  let part: object[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const entry of entries) {
    const size = Buffer.byteLength(JSON.stringify(entry)) + 1;
    if (part.length && (part.length >= WEBHOOK_MAX_FULFILLMENTS || bytes + size > WEBHOOK_BODY_MAX_BYTES)) {
      parts.push(part);
      part = [];
      bytes = ENVELOPE_BYTES;
    }
    part.push(entry);
    bytes += size;
  }
  if (part.length) parts.push(part);
  return parts;
}

/** `X-Fulfillment-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` — as documented in the README. */
export function signWebhook(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}
