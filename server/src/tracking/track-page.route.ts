import { Router } from 'express';
import { trackingStatusAt } from '@ft/shared';
import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import { FulfillmentEntity } from '../fulfillments/fulfillment.entity.js';
import { escapeHtml as e, formatDate, text, toLocale, trackingQuirk } from '../notifications/templates.js';
import { OrderEntity } from '../orders/order.entity.js';
import { cachedCarriers } from './carrier-cache.js';

/**
 * The member's public Track item page: found by the order's secret token
 * (192 random bits), in the order's language, showing each item's shipping
 * and nothing about the customer or the partner.
 */
export function trackPageRoutes(ds: DataSource, _config: Config): Router {
  const router = Router();
  router.get('/track/:token', async (req, res) => {
    const token = req.params.token;
    const order = /^[A-Za-z0-9_-]{16,64}$/.test(token)
      ? await ds.getRepository(OrderEntity).findOneBy({ trackingToken: token })
      : null;
    res.setHeader('X-Robots-Tag', 'noindex');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    if (!order) return void res.status(404).type('text').send('Not found');
    const items = await ds
      .getRepository(FulfillmentEntity)
      .find({ where: { orderId: order.id }, order: { id: 'ASC' } });
    const carriers = new Map((await cachedCarriers(ds)).map((c) => [c.code, c]));
    const locale = toLocale(order.customerLocale);
    const t = text(locale);
    const rows = items.map((f) => {
      const quirk = trackingQuirk(f.carrierCode, f.trackingStatus);
      const known = f.carrierCode ? carriers.get(f.carrierCode) : undefined;
      const carrier = f.carrierCode ? (known?.name ?? f.carrierCode) : f.carrierName;
      // The admin's notes on the carrier matter while the parcel waits for its first scans.
      const early =
        f.status === 'SHIPPED' && !['DELIVERED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY'].includes(f.trackingStatus);
      const pickup =
        early && known?.pickupWindow ? `<dt>${e(t.pickup)}</dt><dd>${e(known.pickupWindow)}</dd>` : '';
      const note = early && known?.quirkNote ? `<p class="hint">${e(known.quirkNote)}</p>` : '';
      const number = f.trackingNumber
        ? f.trackingUrl
          ? `<a href="${e(f.trackingUrl)}" rel="noopener noreferrer">${e(f.trackingNumber)}</a>`
          : e(f.trackingNumber)
        : '–';
      const lastMileCarrier = f.lastMileCarrierCode ? carriers.get(f.lastMileCarrierCode) : undefined;
      // Handed over: the last-mile carrier's link is the one that follows the parcel to the door.
      const lastMile = f.lastMileNumber
        ? `<dt>${e(t.handedOver(lastMileCarrier?.name ?? f.lastMileCarrierCode ?? '–'))}</dt><dd>${
            f.lastMileUrl
              ? `<a class="last-mile" href="${e(f.lastMileUrl)}" rel="noopener noreferrer">${e(f.lastMileNumber)}</a>`
              : e(f.lastMileNumber)
          }</dd>`
        : '';
      const shown = t.tracking[trackingStatusAt({ ...f, lastNewsAt: f.updatedAt })];
      const trackingStatus = shown ? ` · ${e(shown)}` : '';
      return `<section class="item"><h2>${e(f.productName)}${f.quantity > 1 ? ` × ${f.quantity}` : ''}</h2>
<dl><dt>${e(t.status)}</dt><dd><strong>${e(t.statuses[f.status] ?? f.status)}</strong>${trackingStatus}</dd>
<dt>${e(t.carrier)}</dt><dd>${e(carrier ?? '–')}</dd><dt>${e(t.trackingNumber)}</dt><dd>${number}</dd>${lastMile}
<dt>${e(t.shippedOn)}</dt><dd>${f.shippedOn ? e(formatDate(f.shippedOn, locale)) : e(t.notShipped)}</dd>${pickup}</dl>
${quirk ? `<p class="hint">${e(t.quirks[quirk])}</p>` : ''}${note}</section>`;
    });
    res.type('html')
      .send(`<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(t.pageTitle)} · ${e(order.reference)}</title><style>
body{font-family:system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1f2937}main{max-width:40rem;margin:2rem auto;padding:0 1rem}
.item{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:1rem 1.25rem;margin:1rem 0}h1{font-size:1.5rem}h2{font-size:1.1rem;margin:0 0 .5rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}dt{color:#6b7280}dd{margin:0}.hint{background:#fef3c7;padding:.5rem .75rem;border-radius:6px;margin:.75rem 0 0}
a{color:#1d4ed8}</style></head><body><main><h1>${e(t.pageTitle)}</h1><p>${e(t.order)} ${e(order.reference)}</p>${rows.join('\n')}</main></body></html>`);
  });
  return router;
}
