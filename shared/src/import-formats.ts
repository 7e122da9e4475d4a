import { headerKey, type ImportField, type ImportKind } from './csv.js';

/**
 * Other platforms' tracking exports and upload templates, recognised by their
 * headers so they import without hand mapping. Each column is keyed by
 * `headerKey` (lower case, letters and digits; `Fulfillment: ID` keeps its
 * namespace as `fulfillment:id`); null names a column that must stay unmapped
 * even where a general synonym would claim it. Columns a format does not list
 * fall back to the general synonyms. docs/import-formats.md gives each
 * format's source.
 */
export interface ImportFormat {
  id: string;
  name: string;
  kind: ImportKind;
  /** Header keys that must all be present; the format with the longest matching signature wins. */
  signature: readonly string[];
  columns: Readonly<Record<string, ImportField | null>>;
  /**
   * Our carrier code when the platform is itself the carrier and its files name none: the file's default
   * carrier for rows without one, unless the file has a carrier column.
   */
  carrier?: string;
}

export const IMPORT_FORMATS: readonly ImportFormat[] = [
  {
    id: 'shopify-orders',
    name: 'Shopify orders export',
    kind: 'tracking',
    signature: ['name', 'financialstatus', 'fulfillmentstatus', 'lineitemsku'],
    columns: {
      name: 'orderReference',
      id: null,
      lineitemsku: 'sku',
      fulfilledat: 'shippedOn',
      shippingmethod: 'shippingMethod',
      trackingnumber: 'trackingNumber',
      trackingcompany: 'carrier',
      trackingurl: 'trackingUrl',
    },
  },
  {
    id: 'matrixify-orders',
    name: 'Shopify orders (Matrixify)',
    kind: 'tracking',
    signature: ['name', 'fulfillment:trackingnumber'],
    columns: {
      name: 'orderReference',
      id: null,
      'line:sku': 'sku',
      'fulfillment:id': null,
      'fulfillment:trackingcompany': 'carrier',
      'fulfillment:trackingnumber': 'trackingNumber',
      'fulfillment:trackingurl': 'trackingUrl',
      'fulfillment:createdat': 'shippedOn',
    },
  },
  {
    id: 'woocommerce-shipment-tracking',
    name: 'WooCommerce Shipment Tracking',
    kind: 'tracking',
    signature: ['orderid', 'trackingprovider', 'trackingnumber'],
    columns: {
      orderid: 'orderReference',
      trackingprovider: 'carrier',
      customtrackingprovider: 'carrierName',
      trackingnumber: 'trackingNumber',
      customtrackinglink: 'trackingUrl',
      dateshipped: 'shippedOn',
    },
  },
  {
    id: 'advanced-shipment-tracking',
    name: 'Advanced Shipment Tracking (WooCommerce)',
    kind: 'tracking',
    signature: ['orderid', 'trackingprovider', 'trackingnumber', 'statusshipped'],
    columns: {
      orderid: 'orderReference',
      trackingprovider: 'carrier',
      trackingnumber: 'trackingNumber',
      dateshipped: 'shippedOn',
      statusshipped: null,
      shippingnote: null,
    },
  },
  {
    id: 'advanced-shipment-tracking-items',
    name: 'Advanced Shipment Tracking, per item (WooCommerce)',
    kind: 'tracking',
    signature: ['orderid', 'trackingprovider', 'trackingnumber', 'statusshipped', 'sku', 'qty'],
    columns: {
      orderid: 'orderReference',
      trackingprovider: 'carrier',
      trackingnumber: 'trackingNumber',
      dateshipped: 'shippedOn',
      statusshipped: null,
      shippingnote: null,
      sku: 'sku',
      qty: null,
    },
  },
  {
    id: 'ebay-order-fulfillment',
    name: 'eBay order fulfillment upload',
    kind: 'tracking',
    signature: ['orderid', 'shipmenttracking'],
    columns: {
      orderid: 'orderReference',
      lineitemid: null,
      logisticsstatus: null,
      shippeddate: 'shippedOn',
      shipmentcarrier: 'carrier',
      shipmenttracking: 'trackingNumber',
    },
  },
  {
    id: 'amazon-shipping-confirmation',
    name: 'Amazon shipping confirmation',
    kind: 'tracking',
    signature: ['orderid', 'carriercode', 'trackingnumber', 'shipdate'],
    columns: {
      orderid: 'orderReference',
      orderitemid: null,
      quantity: null,
      shipdate: 'shippedOn',
      carriercode: 'carrier',
      carriername: 'carrierName',
      trackingnumber: 'trackingNumber',
      shipmethod: 'shippingMethod',
    },
  },
  {
    id: 'bigcommerce-shipments',
    name: 'BigCommerce shipments',
    kind: 'tracking',
    signature: ['orderid', 'orderaddressid', 'trackingnumber'],
    columns: {
      id: null,
      mode: null,
      orderid: 'orderReference',
      customerid: null,
      orderaddressid: null,
      datecreated: 'shippedOn',
      trackingnumber: 'trackingNumber',
      trackinglink: 'trackingUrl',
      shippingmethod: 'shippingMethod',
      shippingprovider: 'carrierName',
      trackingcarrier: 'carrier',
    },
  },
  {
    id: 'aftership-csv',
    name: 'AfterShip CSV upload',
    kind: 'tracking',
    signature: ['trackingnumber', 'courier', 'orderid', 'title'],
    columns: {
      trackingnumber: 'trackingNumber',
      courier: 'carrier',
      orderid: 'orderReference',
      title: null,
      orderpath: null,
    },
  },
  {
    id: 'ups-worldship',
    name: 'UPS WorldShip export',
    kind: 'tracking',
    signature: ['voidindicator', 'trackingnumber'],
    carrier: 'ups',
    columns: {
      // Y: the label was voided; the row stays in the export and must not ship its line.
      voidindicator: 'voided',
      leadtrackingnumber: null,
      trackingnumber: 'trackingNumber',
      servicetype: 'shippingMethod',
      collectiondate: 'shippedOn',
      packagereference1: 'orderReference',
      packagereference2: null,
      reference1: 'orderReference',
      reference2: null,
    },
  },
  {
    id: 'fedex-ship-manager',
    name: 'FedEx Ship Manager export',
    kind: 'tracking',
    signature: ['trackingnumber', 'shipdate', 'customerreference'],
    carrier: 'fedex',
    columns: {
      trackingnumber: 'trackingNumber',
      shipdate: 'shippedOn',
      customerreference: 'orderReference',
      invoicenumber: null,
      ponumber: null,
      servicetype: 'shippingMethod',
    },
  },
  {
    id: 'dpd-parcels',
    name: 'DPD parcel list',
    kind: 'tracking',
    signature: ['paketnummer', 'referenz1'],
    carrier: 'dpd',
    columns: {
      paketnummer: 'trackingNumber',
      referenz1: 'orderReference',
      referenz2: null,
      versanddatum: 'shippedOn',
      // DPD's product names ("DPD Classic", "DPD Predict") name the carrier; the number alone does not.
      produkt: 'carrier',
    },
  },
  {
    id: 'dhl-parcels',
    name: 'DHL shipment list',
    kind: 'tracking',
    signature: ['sendungsnummer', 'sendungsreferenz'],
    carrier: 'dhl_paket',
    columns: {
      sendungsnummer: 'trackingNumber',
      sendungsreferenz: 'orderReference',
      abrechnungsnummer: null,
      // "DHL Paket", "Warenpost": the product names the carrier; a DHL Paket number alone reads as USPS.
      produkt: 'carrier',
      versanddatum: 'shippedOn',
    },
  },
  {
    id: 'royal-mail-click-drop',
    name: 'Royal Mail Click & Drop export',
    kind: 'tracking',
    signature: ['orderreference', 'trackingnumber', 'shippingservice'],
    carrier: 'royal_mail',
    columns: {
      orderreference: 'orderReference',
      channelreference: null,
      trackingnumber: 'trackingNumber',
      shippingservice: 'shippingMethod',
      despatchdate: 'shippedOn',
    },
  },
  {
    id: 'marketplace-shipments',
    name: 'Marketplace shipment file (Mirakl)',
    kind: 'tracking',
    signature: ['orderid', 'carriercode', 'trackingnumber', 'carrierurl'],
    columns: {
      orderid: 'orderReference',
      orderlineid: null,
      carriercode: 'carrier',
      carriername: 'carrierName',
      carrierurl: 'trackingUrl',
      trackingnumber: 'trackingNumber',
    },
  },
  {
    id: 'german-shop',
    name: 'German shop export',
    kind: 'tracking',
    signature: ['bestellnr', 'sendungsnummer'],
    columns: {
      bestellnr: 'orderReference',
      artikelnr: 'sku',
      artikel: null,
      paketdienst: 'carrier',
      versandart: 'shippingMethod',
      sendungsnummer: 'trackingNumber',
      versanddatum: 'shippedOn',
      trackinglink: 'trackingUrl',
    },
  },
];

/** The format a file's headers come from: every header of its signature present, the most specific first. */
export function recogniseFormat(kind: ImportKind, headers: readonly string[]): ImportFormat | null {
  const keys = new Set(headers.map(headerKey));
  let best: ImportFormat | null = null;
  for (const format of IMPORT_FORMATS) {
    if (format.kind !== kind || !format.signature.every((k) => keys.has(k))) continue;
    if (!best || format.signature.length > best.signature.length) best = format;
  }
  return best;
}
