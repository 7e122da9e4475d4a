/**
 * Email and Track item page wording in the member's language (en, de).
 * Dates use Intl in that locale; every interpolated value is HTML-escaped.
 */
import type { TrackingStatus } from '@ft/shared';

export type Locale = 'en' | 'de';

export const toLocale = (value: string | null | undefined): Locale => (value === 'de' ? 'de' : 'en');

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

export function formatDate(isoDate: string | null, locale: Locale): string {
  if (!isoDate) return '–';
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-US', {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${isoDate}T00:00:00Z`));
}

const TEXT = {
  en: {
    shippedSubject: (shop: string) => `Your item from ${shop} has shipped`,
    hello: (name: string) => `Hello ${name},`,
    shippedIntro: (product: string, qty: number) =>
      `good news: ${qty > 1 ? `${qty} × ` : ''}${product} is on its way.`,
    carrier: 'Carrier',
    trackingNumber: 'Tracking number',
    shippedOn: 'Shipped on',
    followCarrier: 'Follow the parcel at the carrier',
    handedOver: (carrier: string) => `Handed over to ${carrier}`,
    trackItem: 'Track item',
    review:
      'Once it has arrived, we would love to hear what you think of it: just reply to this email with your review.',
    thanks: (shop: string) => `Thank you for shopping with ${shop}.`,
    pageTitle: 'Track item',
    order: 'Order',
    status: 'Status',
    notShipped: 'Not shipped yet',
    pickup: 'Collected by the carrier',
    product: 'Item',
    statuses: {
      HOLD: 'Awaiting shipment',
      SHIPPED: 'Shipped',
      DELIVERED: 'Delivered',
      NOT_SHIPPING: 'Will not ship',
      RETURNED: 'Returned',
      CANCELLED: 'Cancelled',
    } as Record<string, string>,
    tracking: {
      UNKNOWN: '',
      LABEL_CREATED: 'Label created',
      IN_TRANSIT: 'In transit',
      OUT_FOR_DELIVERY: 'Out for delivery',
      DELIVERED: 'Delivered',
      EXCEPTION: 'Delivery problem',
      NOT_FOUND: 'Not found at the carrier yet',
      INFO_RECEIVED: 'The carrier has the shipment’s details',
      FAILED_ATTEMPT: 'Delivery attempt failed',
      AVAILABLE_FOR_PICKUP: 'Ready for pickup',
      EXPIRED: 'No news from the carrier for 30 days',
    } satisfies Record<TrackingStatus, string> as Record<string, string>,
    quirks: {
      CANADA_POST_NEW:
        'Canada Post shows a new number as “not found” until the parcel is first scanned; check again in a day.',
      UPS_LABEL_CREATED:
        'UPS shows “Label Created” as soon as the label is printed, before it has the parcel; movement appears after pickup.',
    } as Record<string, string>,
  },
  de: {
    shippedSubject: (shop: string) => `Ihr Artikel von ${shop} wurde versendet`,
    hello: (name: string) => `Hallo ${name},`,
    shippedIntro: (product: string, qty: number) =>
      `gute Nachrichten: ${qty > 1 ? `${qty} × ` : ''}${product} ist unterwegs.`,
    carrier: 'Versandunternehmen',
    trackingNumber: 'Trackingnummer',
    shippedOn: 'Versendet am',
    followCarrier: 'Sendung beim Versandunternehmen verfolgen',
    handedOver: (carrier: string) => `Übergeben an ${carrier}`,
    trackItem: 'Artikel verfolgen',
    review:
      'Wenn er angekommen ist, freuen wir uns über Ihre Bewertung: Antworten Sie einfach auf diese E-Mail.',
    thanks: (shop: string) => `Vielen Dank für Ihren Einkauf bei ${shop}.`,
    pageTitle: 'Artikel verfolgen',
    order: 'Bestellung',
    status: 'Status',
    notShipped: 'Noch nicht versendet',
    pickup: 'Abholung durch den Versanddienst',
    product: 'Artikel',
    statuses: {
      HOLD: 'Wartet auf Versand',
      SHIPPED: 'Versendet',
      DELIVERED: 'Zugestellt',
      NOT_SHIPPING: 'Wird nicht versendet',
      RETURNED: 'Retourniert',
      CANCELLED: 'Storniert',
    } as Record<string, string>,
    tracking: {
      UNKNOWN: '',
      LABEL_CREATED: 'Label erstellt',
      IN_TRANSIT: 'Unterwegs',
      OUT_FOR_DELIVERY: 'In Zustellung',
      DELIVERED: 'Zugestellt',
      EXCEPTION: 'Zustellproblem',
      NOT_FOUND: 'Beim Versandunternehmen noch nicht gefunden',
      INFO_RECEIVED: 'Sendungsdaten an das Versandunternehmen übermittelt',
      FAILED_ATTEMPT: 'Zustellversuch gescheitert',
      AVAILABLE_FOR_PICKUP: 'Zur Abholung bereit',
      EXPIRED: 'Seit 30 Tagen keine Neuigkeiten vom Versandunternehmen',
    } satisfies Record<TrackingStatus, string> as Record<string, string>,
    quirks: {
      CANADA_POST_NEW:
        'Canada Post zeigt eine neue Nummer als „nicht gefunden“, bis das Paket zum ersten Mal gescannt wurde; bitte morgen erneut prüfen.',
      UPS_LABEL_CREATED:
        'UPS zeigt „Label Created“, sobald das Etikett gedruckt ist, noch bevor UPS das Paket hat; Bewegungen erscheinen nach der Abholung.',
    } as Record<string, string>,
  },
};

export const text = (locale: Locale) => TEXT[locale];

/** Carrier behaviour worth explaining next to a tracking status (docs/contract.md). */
export function trackingQuirk(
  carrierCode: string | null,
  trackingStatus: string,
): 'CANADA_POST_NEW' | 'UPS_LABEL_CREATED' | null {
  if (carrierCode === 'canada_post' && (trackingStatus === 'NOT_FOUND' || trackingStatus === 'UNKNOWN'))
    return 'CANADA_POST_NEW';
  if (carrierCode === 'ups' && trackingStatus === 'LABEL_CREATED') return 'UPS_LABEL_CREATED';
  return null;
}

export interface ShippedEmail {
  locale: Locale;
  customerName: string;
  shop: string;
  productName: string;
  quantity: number;
  carrierName: string | null;
  trackingNumber: string | null;
  carrierUrl: string | null;
  /** The carrier the parcel was handed over to for the last mile, once its number is known. */
  lastMile?: { carrierName: string; number: string; url: string | null } | null;
  shippedOn: string | null;
  trackItemUrl: string;
}

export function renderShippedEmail(m: ShippedEmail): { subject: string; text: string; html: string } {
  const t = text(m.locale);
  const lastMile = m.lastMile ?? null;
  // Once handed over, the last-mile carrier is where the parcel can be followed.
  const followUrl = lastMile?.url ?? m.carrierUrl;
  const lines = [
    t.hello(m.customerName),
    '',
    t.shippedIntro(m.productName, m.quantity),
    '',
    ...(m.carrierName ? [`${t.carrier}: ${m.carrierName}`] : []),
    ...(m.trackingNumber ? [`${t.trackingNumber}: ${m.trackingNumber}`] : []),
    ...(lastMile ? [`${t.handedOver(lastMile.carrierName)}: ${lastMile.number}`] : []),
    `${t.shippedOn}: ${formatDate(m.shippedOn, m.locale)}`,
    ...(followUrl ? ['', `${t.followCarrier}: ${followUrl}`] : []),
    '',
    `${t.trackItem}: ${m.trackItemUrl}`,
    '',
    t.review,
    '',
    t.thanks(m.shop),
  ];
  const e = escapeHtml;
  const html = `<!doctype html><html lang="${m.locale}"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2937">
<p>${e(t.hello(m.customerName))}</p><p>${e(t.shippedIntro(m.productName, m.quantity))}</p>
<table cellpadding="4">${m.carrierName ? `<tr><td>${e(t.carrier)}</td><td>${e(m.carrierName)}</td></tr>` : ''}
${m.trackingNumber ? `<tr><td>${e(t.trackingNumber)}</td><td>${m.carrierUrl ? `<a href="${e(m.carrierUrl)}">${e(m.trackingNumber)}</a>` : e(m.trackingNumber)}</td></tr>` : ''}
${lastMile ? `<tr><td>${e(t.handedOver(lastMile.carrierName))}</td><td>${lastMile.url ? `<a href="${e(lastMile.url)}">${e(lastMile.number)}</a>` : e(lastMile.number)}</td></tr>` : ''}
<tr><td>${e(t.shippedOn)}</td><td>${e(formatDate(m.shippedOn, m.locale))}</td></tr></table>
<p><a href="${e(m.trackItemUrl)}" style="display:inline-block;padding:8px 16px;background:#1d4ed8;color:#fff;text-decoration:none;border-radius:4px">${e(t.trackItem)}</a></p>
<p>${e(t.review)}</p><p>${e(t.thanks(m.shop))}</p></body></html>`;
  return { subject: t.shippedSubject(m.shop), text: lines.join('\n'), html };
}

export interface DigestLine {
  reference: string;
  trackingNumbers: string[];
}

export function renderDigest(
  shop: string,
  source: string,
  lines: DigestLine[],
  orderCount = lines.length,
): { subject: string; text: string; html: string } {
  const subject = `${shop}: ${orderCount.toLocaleString('en-US')} order${orderCount === 1 ? '' : 's'} shipped (${source})`;
  const listed = new Set(lines.map((l) => l.reference)).size;
  const more =
    orderCount > listed
      ? `… and ${(orderCount - listed).toLocaleString('en-US')} more orders; export the fulfillments for the full list.`
      : null;
  const body = lines.map((l) => `${l.reference}\t${l.trackingNumbers.join(', ') || '(no tracking number)'}`);
  if (more) body.push(more);
  const e = escapeHtml;
  const html = `<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif"><p>${e(subject)}</p>
<table cellpadding="4" border="1" style="border-collapse:collapse"><tr><th>Order</th><th>Tracking numbers</th></tr>
${lines.map((l) => `<tr><td>${e(l.reference)}</td><td>${e(l.trackingNumbers.join(', ') || '–')}</td></tr>`).join('\n')}</table>${more ? `<p>${e(more)}</p>` : ''}</body></html>`;
  return { subject, text: [subject, '', 'Order\tTracking numbers', ...body].join('\n'), html };
}
