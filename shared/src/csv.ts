/**
 * The CSV contract (docs/contract.md): export columns in order, import fields per kind and
 * the header spellings recognised for them (English, German, the seeds').
 */

export const EXPORT_COLUMNS = [
  'Order Reference',
  'Client Fulfillment ID',
  'Fulfillment ID',
  'Customer Name',
  'Customer Email',
  'SKU',
  'Product',
  'Quantity',
  'Status',
  'Shipped Date',
  'Tracking Carrier',
  'Tracking Number',
  'Tracking URL',
  'Shipping Method',
  'RMA Number',
  'Placed At',
] as const;

/**
 * The spreadsheet an export is made for: `csv`, RFC 4180 with the English headers above, commas and ISO dates; or
 * `excel-de`, what German Excel opens by double-click: the German headers below, semicolons, DD.MM.YYYY dates. Both
 * start with a UTF-8 BOM, and both import again as they are.
 */
export const EXPORT_FORMATS = ['csv', 'excel-de'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** EXPORT_COLUMNS in German, in the same order; the importer knows them as header synonyms. */
export const EXPORT_COLUMNS_DE = [
  'Bestellnummer',
  'Kunden-Fulfillment-ID',
  'Fulfillment-ID',
  'Kundenname',
  'Kunden-E-Mail',
  'SKU',
  'Produkt',
  'Menge',
  'Status',
  'Versanddatum',
  'Versandunternehmen',
  'Trackingnummer',
  'Tracking-URL',
  'Versandart',
  'RMA-Nummer',
  'Bestellt am (UTC)',
] as const satisfies { length: (typeof EXPORT_COLUMNS)['length'] };

export const IMPORT_KINDS = ['tracking', 'returns'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_FIELDS = {
  tracking: [
    'orderReference',
    'clientFulfillmentId',
    'fulfillmentId',
    'sku',
    'trackingNumber',
    'carrier',
    'carrierName',
    'trackingUrl',
    'shippingMethod',
    'shippedOn',
    'voided',
    'lastMileTrackingNumber',
    'lastMileCarrier',
  ],
  returns: ['orderReference', 'clientFulfillmentId', 'fulfillmentId', 'sku', 'status', 'rmaNumber'],
} as const satisfies Record<ImportKind, readonly string[]>;
export type ImportField = (typeof IMPORT_FIELDS)[ImportKind][number];

/** At least one of `identifiers` and every field of `required` must be mapped. */
export const IMPORT_RULES: Record<
  ImportKind,
  { required: readonly ImportField[]; identifiers: readonly ImportField[] }
> = {
  tracking: {
    required: ['trackingNumber'],
    identifiers: ['orderReference', 'clientFulfillmentId', 'fulfillmentId'],
  },
  returns: { required: ['status'], identifiers: ['orderReference', 'clientFulfillmentId', 'fulfillmentId'] },
};

export const DATE_FORMATS = ['MM/DD/YYYY', 'DD.MM.YYYY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** Header text, lower-cased with everything but letters and digits removed, → field. */
export const HEADER_SYNONYMS: Record<string, ImportField> = Object.fromEntries(
  (
    [
      [
        'orderReference',
        [
          'orderreference',
          'orderid',
          'order',
          'ordernumber',
          'orderno',
          'reference',
          'bestellnummer',
          'bestellung',
          'bestellnr',
          'auftragsnummer',
          'auftragsnr',
          'referenz',
        ],
      ],
      [
        'clientFulfillmentId',
        ['clientfulfillmentid', 'clientfulfillment', 'externalfulfillmentid', 'kundenfulfillmentid'],
      ],
      ['fulfillmentId', ['fulfillmentid', 'fulfillment']],
      ['sku', ['sku', 'itemsku', 'productsku', 'artikelnummer', 'artikel']],
      [
        'trackingNumber',
        [
          'trackingnumber',
          'tracking',
          'trackingno',
          'trackingid',
          'trackingnummer',
          'sendungsnummer',
          'sendungsverfolgungsnummer',
          'shipmenttracking',
          'trackingcode',
          'paketnummer',
          'trackingnr',
        ],
      ],
      [
        'carrier',
        [
          'carrier',
          'trackingcarrier',
          'shippingcarrier',
          'courier',
          'versanddienstleister',
          'versandunternehmen',
          'trackingversandunternehmen',
          'paketdienst',
          'trackingcompany',
          'trackingprovider',
          'carriercode',
          'shippingprovider',
          'shipmentcarrier',
          'logistikdienstleister',
        ],
      ],
      ['carrierName', ['carriername', 'customtrackingprovider', 'othercarrier']],
      [
        'trackingUrl',
        ['trackingurl', 'trackinglink', 'url', 'sendungsverfolgungslink', 'customtrackinglink', 'carrierurl'],
      ],
      [
        'shippingMethod',
        ['shippingmethod', 'method', 'shipmethod', 'service', 'versandart', 'versandmethode'],
      ],
      [
        'shippedOn',
        [
          'shippeddate',
          'shippedon',
          'shipdate',
          'dateshipped',
          'shipped',
          'versanddatum',
          'versendetam',
          'versandtag',
          'despatchdate',
          'dispatchdate',
        ],
      ],
      ['status', ['status', 'returnstatus', 'state']],
      ['rmaNumber', ['rmanumber', 'rma', 'rmano', 'returnnumber', 'retourennummer']],
      ['voided', ['voided', 'void', 'voidindicator', 'labelvoided', 'storniert']],
      [
        'lastMileTrackingNumber',
        [
          'lastmiletrackingnumber',
          'lastmilenumber',
          'lastmiletracking',
          'finalmiletrackingnumber',
          'sendungsnummerderletztenmeile',
          'sendungsnummerletztemeile',
          'trackingnummerletztemeile',
        ],
      ],
      [
        'lastMileCarrier',
        [
          'lastmilecarrier',
          'finalmilecarrier',
          'versandunternehmenderletztenmeile',
          'versandunternehmenletztemeile',
        ],
      ],
    ] as const
  ).flatMap(([field, spellings]) => spellings.map((s) => [s, field])),
);

/** The import field each export column feeds, so an export (in either format) imports again as it is. */
const EXPORT_COLUMN_FIELDS: Partial<Record<(typeof EXPORT_COLUMNS)[number], ImportField>> = {
  'Order Reference': 'orderReference',
  'Client Fulfillment ID': 'clientFulfillmentId',
  'Fulfillment ID': 'fulfillmentId',
  SKU: 'sku',
  Status: 'status',
  'Shipped Date': 'shippedOn',
  'Tracking Carrier': 'carrier',
  'Tracking Number': 'trackingNumber',
  'Tracking URL': 'trackingUrl',
  'Shipping Method': 'shippingMethod',
  'RMA Number': 'rmaNumber',
};
EXPORT_COLUMNS.forEach((column, i) => {
  const field = EXPORT_COLUMN_FIELDS[column];
  if (!field) return;
  for (const header of [column, EXPORT_COLUMNS_DE[i]]) HEADER_SYNONYMS[normaliseHeader(header)] ??= field;
});

export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * Headers in a platform's `Namespace: Field` form (Matrixify's `Fulfillment: Tracking Number`), by
 * `headerKey`. null keeps a column unmapped: Shopify's `Fulfillment: ID` is Shopify's own id, never ours.
 */
export const NAMESPACED_HEADERS: Record<string, ImportField | null> = {
  'fulfillment:id': null,
  'fulfillment:trackingnumber': 'trackingNumber',
  'fulfillment:trackingcompany': 'carrier',
  'fulfillment:trackingurl': 'trackingUrl',
  'fulfillment:createdat': 'shippedOn',
  'line:sku': 'sku',
};

/**
 * What a header is known by, for synonyms and remembered mappings: `normaliseHeader`, except that a
 * `Namespace: Field` header keeps its namespace (`fulfillment:id`), so it is never taken for our own
 * `Fulfillment ID`.
 */
export function headerKey(header: string): string {
  const namespaced = /^\s*([\p{L} ]{2,30}?)\s*:\s*(\S.*)$/u.exec(header);
  if (namespaced) return `${normaliseHeader(namespaced[1]!)}:${normaliseHeader(namespaced[2]!)}`;
  return normaliseHeader(header);
}

export function suggestField(kind: ImportKind, header: string): ImportField | null {
  const key = headerKey(header);
  const field = key in NAMESPACED_HEADERS ? NAMESPACED_HEADERS[key] : HEADER_SYNONYMS[key.replace(':', '')];
  return field && (IMPORT_FIELDS[kind] as readonly string[]).includes(field) ? field : null;
}

/** A cell a spreadsheet would run as a formula (OWASP CSV injection). */
export function looksLikeFormula(cell: string): boolean {
  return /^[=+\-@\t\r]/.test(cell);
}

// Either layout also quotes the other delimiters (, ; tab |): a reader that sniffs the delimiter (ours ignores quoted
// text) then sees only the one the file uses.
const NEEDS_QUOTES: Record<string, RegExp> = { ',': /[",;\t|\r\n]/, ';': /[";,\t|\r\n]/ };

/**
 * One CSV record as RFC 4180 writes it, CRLF-terminated: a cell with the delimiter
 * (a comma, or the semicolon German Excel expects), a quote or a line break is quoted, and a cell a spreadsheet would run as a
 * formula gets a leading quote first. Written here rather than with
 * csv-stringify: the library's per-field option handling was about a third of
 * a million-row export's CPU. The server's tests read random cells back
 * through the importer's reader (csv-parse).
 */
export function csvLine(values: readonly unknown[], delimiter: ',' | ';' = ','): string {
  const needsQuotes = NEEDS_QUOTES[delimiter]!;
  let line = '';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    const raw = value == null ? '' : String(value);
    const text = looksLikeFormula(raw) ? `'${raw}` : raw;
    line += (i > 0 ? delimiter : '') + (needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  }
  return `${line}\r\n`;
}
