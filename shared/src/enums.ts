// Public enum values of the GraphQL contract (docs/contract.md). Both the server
// schema and the client read them from here.

export const Role = { ADMIN: 'ADMIN', SUPPORT: 'SUPPORT', PARTNER: 'PARTNER' } as const;
export type Role = (typeof Role)[keyof typeof Role];

export const OrderStatus = { OPEN: 'OPEN', CLOSED: 'CLOSED', CANCELLED: 'CANCELLED' } as const;
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];

export const FulfillmentStatus = {
  HOLD: 'HOLD',
  SHIPPED: 'SHIPPED',
  DELIVERED: 'DELIVERED',
  NOT_SHIPPING: 'NOT_SHIPPING',
  RETURNED: 'RETURNED',
  CANCELLED: 'CANCELLED',
} as const;
export type FulfillmentStatus = (typeof FulfillmentStatus)[keyof typeof FulfillmentStatus];

/**
 * Where a shipment is, as carriers and tracking aggregators report it. LABEL_CREATED: a label exists
 * (what UPS says at once); INFO_RECEIVED: the carrier has the shipment's data but no scan yet (what the
 * aggregators call pre-transit); NOT_FOUND: the carrier does not know the number (yet); EXPIRED: no news
 * for TRACKING_EXPIRY_DAYS, worked out when read (tracking-status.ts).
 */
export const TrackingStatus = {
  UNKNOWN: 'UNKNOWN',
  LABEL_CREATED: 'LABEL_CREATED',
  INFO_RECEIVED: 'INFO_RECEIVED',
  IN_TRANSIT: 'IN_TRANSIT',
  OUT_FOR_DELIVERY: 'OUT_FOR_DELIVERY',
  FAILED_ATTEMPT: 'FAILED_ATTEMPT',
  AVAILABLE_FOR_PICKUP: 'AVAILABLE_FOR_PICKUP',
  DELIVERED: 'DELIVERED',
  EXCEPTION: 'EXCEPTION',
  EXPIRED: 'EXPIRED',
  NOT_FOUND: 'NOT_FOUND',
} as const;
export type TrackingStatus = (typeof TrackingStatus)[keyof typeof TrackingStatus];

/** Who reported a tracking checkpoint: our own API (POST /carrier-events, recordTrackingEvent), an aggregator, an email. */
export const CheckpointSource = {
  API: 'API',
  EASYPOST: 'EASYPOST',
  SHIPPO: 'SHIPPO',
  AFTERSHIP: 'AFTERSHIP',
  SEVENTEEN_TRACK: 'SEVENTEEN_TRACK',
  EMAIL: 'EMAIL',
} as const;
export type CheckpointSource = (typeof CheckpointSource)[keyof typeof CheckpointSource];

/** The tracking aggregators whose own webhooks we accept (POST /carrier-events/<route>/<token>). */
export const CarrierFeedProvider = {
  EASYPOST: 'EASYPOST',
  SHIPPO: 'SHIPPO',
  AFTERSHIP: 'AFTERSHIP',
  SEVENTEEN_TRACK: 'SEVENTEEN_TRACK',
} as const;
export type CarrierFeedProvider = (typeof CarrierFeedProvider)[keyof typeof CarrierFeedProvider];

export const SubscriptionStatus = { ACTIVE: 'ACTIVE', CANCELLED: 'CANCELLED' } as const;
export type SubscriptionStatus = (typeof SubscriptionStatus)[keyof typeof SubscriptionStatus];

export const SortDirection = { ASC: 'ASC', DESC: 'DESC' } as const;
export type SortDirection = (typeof SortDirection)[keyof typeof SortDirection];

export const OrderSortField = { PLACED_AT: 'PLACED_AT', REFERENCE: 'REFERENCE' } as const;
export type OrderSortField = (typeof OrderSortField)[keyof typeof OrderSortField];

/** Through which door a change came in; recorded on every history event. */
export const Channel = {
  UI: 'UI',
  API: 'API',
  CSV_IMPORT: 'CSV_IMPORT',
  EMAIL: 'EMAIL',
  CARRIER: 'CARRIER',
  SYSTEM: 'SYSTEM',
} as const;
export type Channel = (typeof Channel)[keyof typeof Channel];

/** Codes of `userErrors` and `BulkSkip` (docs/contract.md). */
export const ErrorCode = {
  INVALID_TRACKING_NUMBER: 'INVALID_TRACKING_NUMBER',
  UNKNOWN_CARRIER: 'UNKNOWN_CARRIER',
  /** The number belongs to another carrier than the one named; confirm with acceptCarrierMismatch. */
  CARRIER_MISMATCH: 'CARRIER_MISMATCH',
  /** The carrier text names no known carrier but is close to one (params.suggestion). */
  CARRIER_UNKNOWN: 'CARRIER_UNKNOWN',
  NOT_FOUND: 'NOT_FOUND',
  TRANSITION_NOT_ALLOWED: 'TRANSITION_NOT_ALLOWED',
  CONFLICT: 'CONFLICT',
  INVALID_DATE: 'INVALID_DATE',
  REQUIRED: 'REQUIRED',
  DUPLICATE_ROW: 'DUPLICATE_ROW',
  FORBIDDEN: 'FORBIDDEN',
  TOO_LONG: 'TOO_LONG',
  INVALID: 'INVALID',
  ALREADY_EXISTS: 'ALREADY_EXISTS',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
  /** A provider webhook whose signature (or token) does not match the secret stored for it. */
  INVALID_SIGNATURE: 'INVALID_SIGNATURE',
  /** An action log entry that was undone already (params.undoneAt). */
  ALREADY_UNDONE: 'ALREADY_UNDONE',
  /** An action log entry no undo exists for (params.kind), e.g. an applied import. */
  NOT_UNDOABLE: 'NOT_UNDOABLE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
