import { FulfillmentStatus, type FulfillmentStatus as Status } from '@ft/shared';
import { addDays, format, min, subDays } from 'date-fns';
import type { RequestContext } from '../auth/context.js';
import { inTransaction } from '../db/transaction.js';
import { applyChange } from '../fulfillments/fulfillment-change.js';
import { FulfillmentEntity } from '../fulfillments/fulfillment.entity.js';
import { createOrder } from '../orders/order.service.js';
import { PartnerEntity } from '../partners/partner.entity.js';
import { createPartner } from '../partners/partner.service.js';
import { trackingUrlFor } from '../tracking/carrier.service.js';
import { CarrierEntity } from '../tracking/carrier.entity.js';
import { makeTrackingNumber, seededRng } from './tracking-numbers.js';

const EN_NAMES = [
  'Ada Lovelace',
  'Grace Hopper',
  'Alan Turing',
  'Katherine Johnson',
  'Edsger Dijkstra',
  'Margaret Hamilton',
  'Donald Knuth',
  'Barbara Liskov',
  'Ken Thompson',
  'Frances Allen',
  'John Backus',
  'Radia Perlman',
  'Tim Berners-Lee',
  'Annie Easley',
  'Dennis Ritchie',
];
const DE_NAMES = [
  'Jürgen Müller',
  'Renée Weiß',
  'Käthe Schröder',
  'Jörg Bäcker',
  'Ülkü Öztürk',
  'Björn Groß',
  'Änne Krüger',
  'Lutz Färber',
  'Sönke Jäger',
  'Gisela Hoffmann',
  'Uwe Schäfer',
  'Maren Kühn',
];
const PRODUCTS: [string, string][] = [
  ['SHOE-42', 'Trail Running Shoe'],
  ['VEST-M', 'Hydration Vest'],
  ['LAMP-1', 'Headlamp'],
  ['SOCK-3', 'Socks, 3 pack'],
  ['BOTTLE-750', 'Trinkflasche 750 ml'],
  ['POLE-2', 'Wanderstöcke'],
  ['JACKET-L', 'Rain Jacket'],
  ['CAP-1', 'Running Cap'],
  ['GEL-12', 'Energy Gel, 12 pack'],
];
const PARTNERS = [
  { name: 'Alpine Outfitters', prefix: 'AO', de: 0.7, carriers: ['dhl', 'deutsche_post', 'ups'] },
  { name: 'Northwind Running Co.', prefix: 'NW', de: 0.1, carriers: ['ups', 'usps', 'fedex'] },
  { name: 'Maple Trail Supply', prefix: 'MT', de: 0.05, carriers: ['canada_post', 'ups', 'royal_mail'] },
];

/**
 * Some hundreds of orders over ~60 days, in every status, with valid tracking numbers, written as `ctx`'s
 * viewer (the system context). Same data on every run.
 */
export async function seedDemo(
  ctx: RequestContext,
  ordersPerPartner = 120,
): Promise<{ partners: number; orders: number }> {
  if ((await ctx.em.getRepository(PartnerEntity).count()) > 0) return { partners: 0, orders: 0 };
  const rng = seededRng(20261124);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rng() * items.length)]!;
  const carriers = await ctx.em.getRepository(CarrierEntity).find();
  const start = subDays(new Date(), 60);
  let orders = 0;

  for (const p of PARTNERS) {
    const partner = await createPartner(ctx, {
      name: p.name,
      notificationEmails: [`ops@${p.prefix.toLowerCase()}.example.com`],
    });
    for (let i = 1; i <= ordersPerPartner; i++) {
      const german = rng() < p.de;
      const name = pick(german ? DE_NAMES : EN_NAMES);
      const placedAt = addDays(start, (i / ordersPerPartner) * 59 + rng() * 0.9);
      const lines = 1 + Math.floor(rng() * rng() * 3);
      const order = await createOrder(ctx, {
        partnerId: partner.id,
        reference: `${p.prefix}-${10000 + i}`,
        customer: {
          name,
          email: `${name
            .toLowerCase()
            .normalize('NFKD')
            .replace(/[^a-z ]/g, '')
            .replace(/ /g, '.')}@example.${german ? 'de' : 'com'}`,
          locale: german ? 'de' : 'en',
        },
        channel: pick(['web', 'web', 'mobile', 'amazon']),
        placedAt,
        fulfillments: Array.from({ length: lines }, (_, n) => {
          const [sku, productName] = pick(PRODUCTS);
          return {
            sku,
            productName,
            quantity: 1 + Math.floor(rng() * rng() * 3),
            clientFulfillmentId: `CF-${p.prefix}${i}-${n + 1}`,
          };
        }),
        subscriptionCount: rng() < 0.15 ? 1 : 0,
      });
      orders++;
      const age = (Date.now() - placedAt.getTime()) / 86_400_000;
      const rows = await ctx.em.getRepository(FulfillmentEntity).findBy({ orderId: order.id });
      for (const row of rows) {
        const roll = rng();
        // Older orders are mostly shipped or delivered; the last few days are mostly waiting.
        const target: Status | null =
          age < 3
            ? roll < 0.8
              ? null
              : FulfillmentStatus.SHIPPED
            : roll < 0.1
              ? null
              : roll < 0.55
                ? FulfillmentStatus.SHIPPED
                : roll < 0.82
                  ? FulfillmentStatus.DELIVERED
                  : roll < 0.9
                    ? FulfillmentStatus.NOT_SHIPPING
                    : roll < 0.95
                      ? FulfillmentStatus.RETURNED
                      : FulfillmentStatus.CANCELLED;
        if (!target) continue;
        await inTransaction(ctx, async (tx) => {
          if (target === FulfillmentStatus.NOT_SHIPPING || target === FulfillmentStatus.CANCELLED) {
            await applyChange(tx, [row], {
              to: target,
              patch: {
                notShippingReason: pick([
                  'Out of stock',
                  'Customer asked to cancel',
                  'Address undeliverable',
                ]),
              },
              eventType: target,
            });
            return;
          }
          const carrierCode = pick(p.carriers);
          const number = makeTrackingNumber(carrierCode, rng);
          const shippedOn = format(
            min([addDays(placedAt, 1 + Math.floor(rng() * 2)), new Date()]),
            'yyyy-MM-dd',
          );
          await applyChange(tx, [row], {
            to: FulfillmentStatus.SHIPPED,
            patch: {
              trackingNumber: number,
              carrierCode,
              trackingUrl: trackingUrlFor(
                carriers.find((c) => c.code === carrierCode),
                number,
              ),
              shippingMethod: pick(['Ground', 'Express', 'Standard', 'Next Day Air']),
              shippedOn,
              trackingStatus: 'IN_TRANSIT',
            },
            eventType: 'SHIPPED',
            notifyCustomer: false,
          });
          if (target === FulfillmentStatus.DELIVERED || target === FulfillmentStatus.RETURNED) {
            await applyChange(tx, [row], {
              to: FulfillmentStatus.DELIVERED,
              patch: { trackingStatus: 'DELIVERED' },
              eventType: 'DELIVERED',
            });
          }
          if (target === FulfillmentStatus.RETURNED) {
            await applyChange(tx, [row], {
              to: FulfillmentStatus.RETURNED,
              patch: { rmaNumber: `RMA-${Math.floor(10000 + rng() * 89999)}` },
              eventType: 'RETURNED',
            });
          }
        });
      }
    }
  }
  return { partners: PARTNERS.length, orders };
}
