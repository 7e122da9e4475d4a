import { normaliseCarrierText } from './carrier-registry.js';

/**
 * The carrier names and codes other platforms write in their files, by platform, → our carrier code.
 * Compared after `normaliseCarrierText` ("royal-mail" → "royalmail"), and only when no carrier row's
 * own code, name or alias names the text exactly, so an admin's alias always wins. Sources per platform
 * are in docs/import-formats.md.
 */
const PLATFORM_CARRIER_NAMES: Record<string, Record<string, readonly string[]>> = {
  // AfterShip courier slugs (BigCommerce's tracking_carrier uses them too).
  aftership: {
    ups: ['ups', 'ups-mi', 'ups-freight'],
    usps: ['usps'],
    fedex: ['fedex', 'fedex-uk', 'fedex-fims', 'fedex-crossborder'],
    dhl: ['dhl', 'dhl-global-mail', 'dhl-reference', 'dhl-pieceid', 'dhl-ecommerce'],
    dhl_paket: ['dhl-germany', 'dhlparcel-uk', 'dhlparcel-nl'],
    deutsche_post: ['deutsch-post', 'deutsche-post'],
    canada_post: ['canada-post'],
    royal_mail: ['royal-mail', 'parcel-force', 'parcelforce'],
    dpd: ['dpd', 'dpd-de', 'dpd-uk', 'dpd-ireland', 'dpd-nl', 'interlink-express'],
    gls: ['gls', 'gls-netherlands', 'gls-italy', 'gls-spain'],
    hermes: ['hermes', 'hermes-de', 'myhermes-uk', 'evri'],
    australia_post: ['australia-post'],
    postnl: ['postnl', 'postnl-3s', 'postnl-international'],
    purolator: ['purolator'],
    ontrac: ['ontrac', 'lasership'],
    amazon: ['amazon', 'amazon-fba-us', 'amazon-shipping', 'swiship'],
  },
  // Amazon Seller Central carrier-code values (shipping confirmation template).
  amazon: {
    ups: ['UPS', 'UPSMI', 'UPS Mail Innovations'],
    fedex: ['FedEx', 'FedEx SmartPost'],
    dhl: ['DHL', 'DHL Global Mail', 'DHL eCommerce'],
    ontrac: ['OnTrac', 'Lasership'],
    royal_mail: ['Royal Mail', 'Parcelforce'],
    canada_post: ['Canada Post'],
    hermes: ['Hermes Logistik Gruppe'],
    amazon: ['Amazon Shipping', 'Blue Package'],
  },
  // Shopify tracking companies.
  shopify: {
    dhl: ['DHL Express', 'DHL eCommerce', 'DHL eCommerce Asia'],
    dhl_paket: ['DHL Parcel', 'DHL Paket'],
    royal_mail: ['Royal Mail', 'Parcelforce'],
    canada_post: ['Canada Post'],
    australia_post: ['Australia Post'],
    postnl: ['PostNL', 'PostNL International'],
    dpd: ['DPD', 'DPD UK', 'DPD Local'],
    hermes: ['Evri', 'Hermes', 'Hermes Germany'],
    amazon: ['Amazon Logistics US', 'Amazon Logistics UK'],
  },
  // WooCommerce Shipment Tracking and Advanced Shipment Tracking providers.
  woocommerce: {
    dhl: ['DHL US', 'DHL Express'],
    dhl_paket: ['DHL Intraship (DE)', 'DHL Paket', 'Deutsche Post DHL'],
    dpd: ['DPD.de', 'DPD.co.uk', 'DPD Germany'],
    fedex: ['Fedex', 'FedEx Sameday'],
    hermes: ['Hermes Germany', 'Hermes Logistik'],
    royal_mail: ['Royal Mail', 'Royal Mail Tracked 24', 'Royal Mail Tracked 48'],
    australia_post: ['Australia Post'],
  },
  // eBay ShippingCarrierCodeType values.
  ebay: {
    royal_mail: ['RoyalMail', 'ParcelForce'],
    canada_post: ['CanadaPost'],
    deutsche_post: ['DeutschePost'],
    australia_post: ['AustraliaPost'],
    hermes: ['Hermes', 'Evri'],
  },
  // BigCommerce shipping_provider codes.
  bigcommerce: {
    australia_post: ['auspost'],
    canada_post: ['canadapost'],
    usps: ['endicia'],
    ups: ['upsready', 'upsonline'],
    royal_mail: ['royalmail'],
  },
  // Mirakl and German shop systems.
  marketplaces: {
    dhl_paket: ['DHL_DE', 'DHL Paket GmbH', 'DHL Warenpost'],
    deutsche_post: ['Deutsche Post AG', 'POST_DE'],
    dpd: ['DPD_DE', 'DPD Deutschland'],
    gls: ['GLS_DE', 'GLS Germany'],
    hermes: ['HERMES_DE'],
  },
};

/** normalised text → our carrier code. */
const VOCABULARY: ReadonlyMap<string, string> = new Map(
  Object.values(PLATFORM_CARRIER_NAMES).flatMap((byCode) =>
    Object.entries(byCode).flatMap(([code, names]) =>
      names.map((name) => [normaliseCarrierText(name), code] as const),
    ),
  ),
);

/** Our carrier code for a name another platform writes, or null. */
export function platformCarrierCode(text: string): string | null {
  return VOCABULARY.get(normaliseCarrierText(text)) ?? null;
}

/** What a carrier cell means "a carrier not in our list" by: the actual name then follows in another column. */
const OTHER_CARRIER = new Set(['other', 'others', 'custom', 'sonstige', 'andere']);

/**
 * The carrier text of a row: the carrier column, unless it is empty or says "Other" (Amazon's
 * `carrier-code`, Shopify's and WooCommerce's custom providers), when the carrier-name column is.
 */
export function carrierTextOf(
  carrier: string | undefined,
  carrierName: string | undefined,
): string | undefined {
  if (carrier && !OTHER_CARRIER.has(normaliseCarrierText(carrier))) return carrier;
  return carrierName;
}
