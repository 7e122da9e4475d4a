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
    'trackingUrl',
    'shippingMethod',
    'shippedOn',
    'voided',
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
          'auftragsnummer',
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
        ],
      ],
      ['trackingUrl', ['trackingurl', 'trackinglink', 'url', 'sendungsverfolgungslink']],
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
        ],
      ],
      ['status', ['status', 'returnstatus', 'state']],
      ['rmaNumber', ['rmanumber', 'rma', 'rmano', 'returnnumber', 'retourennummer']],
      ['voided', ['voided', 'void', 'voidindicator', 'labelvoided', 'storniert']],
    ] as const
  ).flatMap(([field, spellings]) => spellings.map((s) => [s, field])),
);

export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export function suggestField(kind: ImportKind, header: string): ImportField | null {
  const field = HEADER_SYNONYMS[normaliseHeader(header)];
  return field && (IMPORT_FIELDS[kind] as readonly string[]).includes(field) ? field : null;
}

/** A cell a spreadsheet would run as a formula (OWASP CSV injection). */
export function looksLikeFormula(cell: string): boolean {
  return /^[=+\-@\t\r]/.test(cell);
}

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV record as RFC 4180 writes it, CRLF-terminated: a cell with a comma,
 * quote or line break is quoted, and a cell a spreadsheet would run as a
 * formula gets a leading quote first. Written here rather than with
 * csv-stringify: the library's per-field option handling was about a third of
 * a million-row export's CPU. The server's tests read random cells back
 * through the importer's reader (csv-parse).
 */
export function csvLine(values: readonly unknown[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    const raw = value == null ? '' : String(value);
    const text = looksLikeFormula(raw) ? `'${raw}` : raw;
    line += (i > 0 ? ',' : '') + (NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  }
  return `${line}\r\n`;
}
