import { createHmac } from 'node:crypto';
import { In, IsNull, type EntityManager } from 'typeorm';
import type { Channel } from '@ft/shared';
import { chunks } from '../db/transaction.js';
import type { FulfillmentEntity } from '../fulfillments/fulfillment.entity.js';
import { toGlobalId } from '../graphql/ids.js';
import { WebhookEndpointEntity } from './notification.entities.js';
import { enqueue } from './outbox.js';

/**
 * Fulfillment changes go to every active endpoint of the partner, as outbox
 * rows written in the change's transaction (so none is lost or invented).
 * A bulk change is one delivery of up to 500 fulfillments.
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
  const drafts = [];
  for (const endpoint of endpoints) {
    for (const part of chunks(
      rows.filter((r) => r.partnerId === endpoint.partnerId),
      500,
    )) {
      drafts.push({
        kind: 'WEBHOOK' as const,
        topic: 'fulfillments.changed',
        dedupeKey: null,
        partnerId: endpoint.partnerId,
        payload: {
          endpointId: endpoint.id,
          event: 'fulfillments.changed',
          occurredAt: at.toISOString(),
          channel,
          fulfillments: part.map((r) => ({
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
            rmaNumber: r.rmaNumber ?? null,
          })),
        },
      });
    }
  }
  await enqueue(em, drafts);
}

/** `X-Fulfillment-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` — as documented in the README. */
export function signWebhook(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}
