/**
 * Every message the server words, by name (its variant), in English. The server answers with these words and sends the
 * variant and the values beside them; the client words the same variant in the UI language (English from here, German
 * from its locale file), so a message reads the same in the API and in the English UI and is never English in German.
 *
 * `{{name}}` is a value the message names; a message with a `count` may have `_one` and `_other` forms (i18next's
 * plural keys), of which `formatMessage` picks by the count.
 */
export const MESSAGES = {
  // Accounts, sign-in and partners
  emailTaken: '{{email}} already has an account',
  signInLocked_one: 'Too many failed sign-ins; try again in {{count}} minute',
  signInLocked_other: 'Too many failed sign-ins; try again in {{count}} minutes',
  wrongCredentials: 'Email or password is wrong',
  partnerKeyOwnPartner: 'A partner key acts only for its own partner',
  staffNamePartner: 'Staff must name the partner',
  noSuchPartner: 'No such partner',
  partnerNameTaken: 'A partner named "{{name}}" exists',
  noSuchApiKey: 'No such API key',
  staffRole: 'Staff are ADMIN or SUPPORT',

  // Orders, filters and search
  placedAtFuture: 'placedAt is in the future',
  searchTooLong: 'Search at most {{max}} characters',
  filterNotADate: '{{value}} is not a date (YYYY-MM-DD)',
  exportFormat: 'format must be one of {{formats}}',

  // Input checked by the shared schemas
  required: 'This field is required',
  tooLong: 'Too long',
  atMostChars: 'At most {{max}} characters',
  atLeastChars: 'At least {{min}} characters',
  invalidValue: 'Invalid value',
  notADateIso: 'Use a real date as YYYY-MM-DD',
  notAnEmail: 'Not an email address',
  localeChoice: 'Locale must be en or de',
  quantityMin: 'Quantity must be at least 1',
  orderNeedsLine: 'An order needs at least one fulfillment',
  tooMany: 'At most {{max}} items',

  // Fulfillments, bulk actions, the action log and the state table
  noSuchFulfillment: 'No such fulfillment',
  staleVersion: 'Someone else changed this fulfillment; reload it and try again',
  selectionEitherOr: 'Give either ids or filter, not both and not neither',
  selectionEmpty: 'Select at least one fulfillment',
  selectionTooManyIds: 'At most {{max}} ids at once; use a filter for more',
  filterMatchesNothing: 'No fulfillment matches this filter',
  shippedOnNotADate: '{{date}} is not a date (YYYY-MM-DD)',
  shippedInFuture: 'The shipped date is in the future',
  shippedInFutureOn: 'The shipped date is in the future ({{date}})',
  reasonTooLong: 'Reason at most {{max}} characters',
  noSuchBulkAction: 'No such bulk action',
  actionUndoneAlready: 'This action was undone already',
  trackingNotInStatus:
    'Tracking can be set on fulfillments awaiting shipment or shipped; this one is {{status}}',
  alreadyDelivered: 'Already DELIVERED',
  carrierEventNotShipped: 'A carrier event applies to shipped fulfillments; this one is {{status}}',
  alreadyInStatus: 'Already {{status}}',
  cannotShip: 'A {{status}} fulfillment cannot be marked as shipped',
  cannotMarkNotShipping: 'A {{status}} fulfillment cannot be marked as will not ship',
  cannotCancel: 'A {{status}} fulfillment cannot be cancelled',
  cannotReturn: 'A {{status}} fulfillment cannot be returned',
  cannotReopen: 'A {{status}} fulfillment cannot be reopened',

  // Tracking numbers, carriers, handovers and carrier events
  notATrackingNumber: 'Not a tracking number',
  trackingUrlScheme: 'The tracking URL must start with http:// or https://',
  checkDigit: '{{number}} fails the {{carrier}} check digit',
  carrierMismatch: '{{number}} is a {{detected}} number, not {{given}}',
  carrierDidYouMean: '{{given}} is not a known carrier; did you mean {{suggestion}}?',
  noCarrierFormat: "{{number}} matches no known carrier's format; name the carrier",
  looksLikeCheckDigit: '{{number}} looks like {{carriers}} but its check digit is wrong',
  unknownCarrier: '{{given}} is not a known carrier',
  lastMileNumberNeeded:
    "Give {{carrier}}'s last-mile number too: the line's last-mile number {{number}} is another carrier's",
  noSuchCarrier: 'No carrier {{code}}',
  carrierCodeShape: 'Use 2–32 lower-case letters, digits or _',
  carrierTemplateShape: 'An http(s) URL containing {number}',
  handoverSameCarrier: 'A parcel is handed over to another carrier',
  noSuchHandoverRule: 'No such rule',
  handoverRuleExists: 'A rule for this carrier and supplier exists already',
  handoverRulesMax: 'A partner has at most {{max}} handover rules',
  trackingStatusChoice: 'status must be one of {{choices}}',
  eventNeedsTarget: 'Give the fulfillmentId or the trackingNumber',
  noShippedWithNumber: 'No shipped fulfillment has this tracking number',
  checkpointTooLong: "A checkpoint's {{field}} has more than {{max}} characters",
  feedSecretShort: 'The secret needs at least {{min}} characters',

  // Notifications, webhooks and inbound email
  noSuchMessage: 'No such message',
  retryOnlyFailed: 'Only failed messages can be retried; this one is {{status}}',
  webhookUrlZone: '{{url}} is not a URL that can be called (an IPv6 zone id is not allowed)',
  webhookNotPublic: 'Webhooks must go to the public internet: {{reason}}',
  webhookEndpointsMax: 'A partner can have at most {{max}} active webhook endpoints; disable one first',
  noSuchEndpoint: 'No such endpoint',
  webhookUrlShape: 'An http(s) URL',
  noSuchInboundEmail: 'No such inbound email',
  inboundNotInReview: 'This email is {{status}}, not waiting for review',
  inboundNoSuchLine: "No such line among this email's partner's orders",

  // Grids and saved views
  unknownGrid: 'Unknown grid; use one of {{grids}}',
  unknownColumns: 'Unknown column(s): {{columns}}',
  viewNeedsName: 'A view needs a name',
  viewNameTooLong: "A view's name has at most {{max}} characters",
  viewUnknownFilter: 'Unknown filter "{{key}}"',
  viewFilterTwice: 'Filter "{{key}}" is given twice',
  viewFilterValueTooLong: 'A filter value has at most {{max}} characters',
  viewNameTaken: 'You already have a view named "{{name}}"',
  viewsPerGridMax: 'You can keep at most {{max}} views per grid; delete one first',
  noSuchSavedView: 'No such saved view',
  viewKeepsGrid: 'A view stays with its grid',

  // Imports: the job
  importKind: 'kind must be tracking or returns',
  noSuchImport: 'No such import',
  dateFormatAmbiguous:
    'Dates like {{examples}} read two ways; say which comes first: dateFormat DD.MM.YYYY (day first) or MM/DD/YYYY (month first)',
  dateFormatChoice: 'dateFormat must be one of {{formats}}',
  noSuchDefaultCarrier: 'No carrier {{carrier}}',
  importStarted: 'This import is being applied or was applied; upload the file again to start over',
  previewFirst: 'Preview the import (to the end) before applying it',
  importApplying: 'This import is being applied already; watch its progress',
  noSuchColumn: 'The file has no column "{{column}}"',
  notAnImportField: '"{{field}}" is not a {{kind}} field; use one of {{fields}}',
  fieldMappedTwice: 'Two columns are mapped to {{field}}',
  mapColumnTo: 'Map a column to {{field}}',
  mapColumnToOneOf: 'Map a column to one of {{fields}}',

  // Imports: row verdicts
  cellTooLong: 'The {{field}} has {{length}} characters; at most {{max}} fit',
  noFulfillment: 'No fulfillment {{fulfillmentId}}',
  noFulfillmentOnOrder: 'No fulfillment {{fulfillmentId}} on order {{reference}}',
  noClientId: 'No fulfillment with client id {{clientId}}',
  noClientIdOnOrder: 'No fulfillment with client id {{clientId}} on order {{reference}}',
  clientIdOnSeveralOrders: 'Client id {{clientId}} is on several orders; add the order reference',
  noTarget: 'Give an order reference, a client fulfillment id or a fulfillment id',
  unknownOrder: 'Unknown order {{reference}}',
  orderOfSeveralPartners: 'Order {{reference}} exists for several partners; upload for one partner',
  noSkuOnOrder: 'Order {{reference}} has no line with SKU {{sku}}',
  formula: 'The {{field}} cell looks like a spreadsheet formula ({{value}})',
  notADate: '{{value}} is not a date (expected {{expected}}, YYYY-MM-DD or an Excel date)',
  trackingNotSettable: "Tracking can't be set in status {{statuses}}",
  alreadyShippedSame: 'Already shipped with this tracking',
  ships: 'Ships with this tracking',
  correctsTracking: 'Corrects the tracking',
  statusMissing: 'The status is missing (RETURNED or CANCELLED)',
  returnStatus: 'Status must be RETURNED or CANCELLED, not {{value}}',
  cannotBecome: 'A fulfillment in status {{statuses}} cannot become {{status}}',
  marksReturned: 'Marks as returned',
  cancels: 'Cancels',
  sameAsLine: 'Same as line {{line}}',
  changedSincePreview: 'Changed since the preview: the fulfillment is {{status}}',
  goneSincePreview: 'Changed since the preview: the fulfillment is gone',
} as const satisfies Record<string, string>;

type Key = keyof typeof MESSAGES;
/** A message's name: a catalogue key, a plural message by its name without `_one`/`_other`. */
export type MessageVariant = Key extends infer K
  ? K extends `${infer B}_${'one' | 'other'}`
    ? B
    : K
  : never;

type Template<V extends MessageVariant> = V extends Key
  ? (typeof MESSAGES)[V]
  : (typeof MESSAGES)[`${V}_other` & Key];
type Placeholders<S extends string> = S extends `${string}{{${infer P}}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;
type Value = string | number;

/** The values a message names (checked against its words), plus any others a client may use. */
export type MessageValues<V extends MessageVariant> = Record<Placeholders<Template<V>>, Value> &
  Record<string, Value>;

/** The values argument: required when the message names any, optional otherwise. */
export type MessageArgs<V extends MessageVariant> = [Placeholders<Template<V>>] extends [never]
  ? [values?: Record<string, Value>]
  : [values: MessageValues<V>];

const catalogue: Record<string, string> = MESSAGES;

/** Whether a name is a message of the catalogue (a plural message by its name without the form). */
export function isMessageVariant(name: string): name is MessageVariant {
  return name in catalogue || `${name}_other` in catalogue;
}

/** A message in English with its values filled in; a plural message by its `count`. */
export function formatMessage<V extends MessageVariant>(variant: V, ...[values]: MessageArgs<V>): string {
  const all: Record<string, Value> = values ?? {};
  const template =
    catalogue[variant] ?? catalogue[`${variant}_${all.count === 1 ? 'one' : 'other'}`] ?? String(variant);
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    name in all ? String(all[name]) : whole,
  );
}

const byWords = new Map<string, MessageVariant>(
  Object.entries(catalogue)
    .filter(([, words]) => !words.includes('{{'))
    .map(([name, words]) => [words, name as MessageVariant]),
);

/**
 * The message a text without values is, if it is one: a schema check's issue carries only its words, and this names
 * them, so the form and the server word it as its variant.
 */
export function variantOfWords(words: string): MessageVariant | null {
  return byWords.get(words) ?? null;
}
