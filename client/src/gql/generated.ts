/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type ApplyImportInput = {
  importId: string | number;
};

export type ApplyInboundEmailInput = {
  /** The line that gets the tracking number */
  fulfillmentId: string | number;
  inboundEmailId: string | number;
  /** Usually one the email holds (trackingNumbers) */
  trackingNumber: string;
};

/** Who reported a tracking checkpoint */
export type CheckpointSource =
  | 'AFTERSHIP'
  | 'API'
  | 'EASYPOST'
  | 'EMAIL'
  | 'SEVENTEEN_TRACK'
  | 'SHIPPO';

export type ColumnMappingInput = {
  column: string;
  field?: string | null | undefined;
};

export type CreateApiKeyInput = {
  name: string;
  partnerId: string | number;
};

export type CreatePartnerInput = {
  name: string;
  /** Who receives the shipping digests */
  notificationEmails?: Array<string> | null | undefined;
};

export type CreateUserInput = {
  email: string;
  password: string;
  /** ADMIN or SUPPORT */
  role: Role;
};

export type CreateWebhookEndpointInput = {
  /** Staff only; a partner's own id is implied */
  partnerId?: string | number | null | undefined;
  url: string;
};

/** Inclusive calendar dates (UTC); either end may be open. */
export type DateRange = {
  from?: string | null | undefined;
  to?: string | null | undefined;
};

export type DisableWebhookEndpointInput = {
  id: string | number;
};

export type DismissInboundEmailInput = {
  inboundEmailId: string | number;
};

export type FulfillmentFilter = {
  carrierCodes?: Array<string> | null | undefined;
  hasTracking?: boolean | null | undefined;
  /** Every fulfillment of the orders matching this order filter (the Find Orders selection) */
  order?: OrderFilter | null | undefined;
  orderIds?: Array<string | number> | null | undefined;
  partnerIds?: Array<string | number> | null | undefined;
  placed?: DateRange | null | undefined;
  /** Shipped lines at risk for any of these reasons */
  risk?: Array<RiskReason> | null | undefined;
  /** Order reference (prefix), SKU, client fulfillment id or tracking number (exact), customer email (prefix) or name (contains) */
  search?: string | null | undefined;
  shipped?: DateRange | null | undefined;
  statuses?: Array<FulfillmentStatus> | null | undefined;
};

/** Fulfillments sort by their order’s placed date or reference. */
export type FulfillmentSort = {
  direction: SortDirection;
  field: OrderSortField;
};

export type FulfillmentStatus =
  | 'CANCELLED'
  | 'DELIVERED'
  | 'HOLD'
  | 'NOT_SHIPPING'
  | 'RETURNED'
  | 'SHIPPED';

export type LoginInput = {
  email: string;
  password: string;
};

export type MarkFulfillmentsNotShippingInput = {
  filter?: FulfillmentFilter | null | undefined;
  ids?: Array<string | number> | null | undefined;
  reason?: string | null | undefined;
};

export type MarkFulfillmentsShippedInput = {
  /** Everything matching, instead of ids */
  filter?: FulfillmentFilter | null | undefined;
  ids?: Array<string | number> | null | undefined;
  notifyCustomer?: boolean | null | undefined;
  /** Omitted: today */
  shippedOn?: string | null | undefined;
};

export type OrderFilter = {
  carrierCodes?: Array<string> | null | undefined;
  /** Orders with at least one fulfillment in one of these */
  fulfillmentStatuses?: Array<FulfillmentStatus> | null | undefined;
  hasTracking?: boolean | null | undefined;
  /** Staff only; a partner always sees just its own */
  partnerIds?: Array<string | number> | null | undefined;
  placed?: DateRange | null | undefined;
  /** Orders with at least one shipped line at risk for any of these reasons */
  risk?: Array<RiskReason> | null | undefined;
  /** Order reference or customer email (prefix), customer name (contains), tracking number (exact) */
  search?: string | null | undefined;
  shipped?: DateRange | null | undefined;
  statuses?: Array<OrderStatus> | null | undefined;
};

export type OrderSort = {
  direction: SortDirection;
  field: OrderSortField;
};

export type OrderSortField =
  | 'PLACED_AT'
  | 'REFERENCE';

export type OrderStatus =
  | 'CANCELLED'
  | 'CLOSED'
  | 'OPEN';

export type PreviewImportInput = {
  /** How dates with a slash or dash read: MM/DD/YYYY (month first) or DD.MM.YYYY (day first). Omitted: the file decides (a 13/04/2026 row means day first); dates that read two ways with nothing to settle them are a REQUIRED userError on dateFormat. ISO dates and date-times, YYYYMMDD, Excel serials, UNIX timestamps and dotted (day-first) dates always work */
  dateFormat?: string | null | undefined;
  /** The carrier (code, name or alias) of every row whose own carrier cell is empty, for a carrier's own file without a carrier column; empty clears it; omitted keeps the job's */
  defaultCarrier?: string | null | undefined;
  importId: string | number;
  /** Omitted: the suggested (or last used) mapping */
  mapping?: Array<ColumnMappingInput> | null | undefined;
};

export type RecordTrackingEventInput = {
  description?: string | null | undefined;
  fulfillmentId?: string | number | null | undefined;
  occurredAt?: string | null | undefined;
  status: TrackingStatus;
  trackingNumber?: string | null | undefined;
};

export type ReopenFulfillmentInput = {
  /** A fulfillment that will not ship */
  id: string | number;
};

export type RetryOutboxMessageInput = {
  id: string | number;
};

export type RevokeApiKeyInput = {
  apiKeyId: string | number;
};

/** Why a shipped line may not arrive as planned */
export type RiskReason =
  /** The carrier reports an exception */
  | 'EXCEPTION'
  /** The carrier reports a failed delivery attempt */
  | 'FAILED_ATTEMPT'
  /** Shipped more than 7 days ago and not delivered */
  | 'LATE'
  /** Shipped over 2 business days ago and not scanned by the carrier yet */
  | 'NO_FIRST_SCAN'
  /** No tracking news for 5 days */
  | 'NO_PROGRESS';

export type Role =
  | 'ADMIN'
  | 'PARTNER'
  | 'SUPPORT';

export type SaveCarrierHandoverRuleInput = {
  fromCarrierCode: string;
  /** Omitted: a new rule, or the rule for the same carrier and supplier */
  id?: string | number | null | undefined;
  /** Staff name the partner; a partner key: its own */
  partnerId?: string | number | null | undefined;
  supplier?: string | null | undefined;
  toCarrierCode: string;
};

export type SaveCarrierInput = {
  aliases?: Array<string> | null | undefined;
  /** Lower-case code, e.g. ups; an existing code updates that carrier */
  code: string;
  /** Omitted: unchanged (new carriers: false) */
  labelScanAtOnce?: boolean | null | undefined;
  name: string;
  /** Omitted: unchanged; empty: none */
  pickupWindow?: string | null | undefined;
  /** Omitted: unchanged; empty: none */
  quirkNote?: string | null | undefined;
  trackingUrlTemplate?: string | null | undefined;
};

export type SavedViewFilterInput = {
  key: string;
  value: string;
};

export type SavedViewInput = {
  /** Visible columns in order */
  columns: Array<string>;
  direction: SortDirection;
  filters: Array<SavedViewFilterInput>;
  /** orders or fulfillments */
  grid: string;
  name: string;
  sort: OrderSortField;
};

export type SetGridPreferenceInput = {
  /** Visible columns in order, e.g. order, customer, trackingNumber */
  columns: Array<string>;
  /** orders or fulfillments */
  grid: string;
};

export type SetPartnerNotificationEmailsInput = {
  emails: Array<string>;
  partnerId: string | number;
};

export type SortDirection =
  | 'ASC'
  | 'DESC';

export type TrackingStatus =
  | 'AVAILABLE_FOR_PICKUP'
  | 'DELIVERED'
  | 'EXCEPTION'
  | 'EXPIRED'
  | 'FAILED_ATTEMPT'
  | 'INFO_RECEIVED'
  | 'IN_TRANSIT'
  | 'LABEL_CREATED'
  | 'NOT_FOUND'
  | 'OUT_FOR_DELIVERY'
  | 'UNKNOWN';

export type UndoBulkActionInput = {
  actionId: string | number;
};

export type UndoImportInput = {
  /** An applied import, as the action log names it (ActionLogEntry.importId) */
  importId: string | number;
};

export type UpdateFulfillmentTrackingInput = {
  /** true: keep the carrier as given although the number is another carrier's (CARRIER_MISMATCH) or the name is close to a known one (CARRIER_UNKNOWN) */
  acceptCarrierMismatch?: boolean | null | undefined;
  /** More packages of the same shipment, same carrier */
  additionalTrackingNumbers?: Array<string> | null | undefined;
  /** A carrier code or free text ("UPS Ground"); omitted: detected from the number */
  carrier?: string | null | undefined;
  fulfillmentId: string | number;
  /** The last-mile carrier; omitted: the one the partner's handover rule expects, else detected */
  lastMileCarrier?: string | null | undefined;
  /** The last-mile carrier's own number (checked with that carrier's check digits); omitted: kept while the number stays; empty: none */
  lastMileTrackingNumber?: string | null | undefined;
  /** false: no member email for this change */
  notifyCustomer?: boolean | null | undefined;
  /** Omitted: today (when this ships it) */
  shippedOn?: string | null | undefined;
  shippingMethod?: string | null | undefined;
  trackingNumber: string;
  /** Omitted: built from the carrier's URL template */
  trackingUrl?: string | null | undefined;
  /** The version you read; a stale one is refused with CONFLICT */
  version?: number | null | undefined;
};

export type GridPreferenceQueryVariables = Exact<{
  grid: string;
}>;


export type GridPreferenceQuery = { gridPreference: { __typename: 'GridPreference', grid: string, columns: Array<string> } | null };

export type SetGridPreferenceMutationVariables = Exact<{
  input: SetGridPreferenceInput;
}>;


export type SetGridPreferenceMutation = { setGridPreference: { __typename: 'SetGridPreferencePayload', preference: { __typename: 'GridPreference', grid: string, columns: Array<string> } | null, userErrors: Array<{ __typename: 'UserError', field: Array<string> | null, code: string, message: string, params: string | null }> } };

export type ActionLogEntryFieldsFragment = { __typename: 'ActionLogEntry', id: string, kind: string, actor: string | null, at: string, count: number, fileName: string | null, actionId: string | null, importId: string | null, undoneAt: string | null, undoable: boolean, cannotUndo: { __typename: 'UserError', code: string, message: string, params: string | null } | null };

export type ActionLogEntryQueryVariables = Exact<{
  id: string | number;
}>;


export type ActionLogEntryQuery = { actionLogEntry: { __typename: 'ActionLogEntry', alreadyNotifiedCount: number, id: string, kind: string, actor: string | null, at: string, count: number, fileName: string | null, actionId: string | null, importId: string | null, undoneAt: string | null, undoable: boolean, cannotUndo: { __typename: 'UserError', code: string, message: string, params: string | null } | null } | null };

export type ActionLogQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ActionLogQuery = { actionLog: { __typename: 'ActionLogConnection', edges: Array<{ __typename: 'ActionLogEdge', cursor: string, node: { __typename: 'ActionLogEntry', id: string, kind: string, actor: string | null, at: string, count: number, fileName: string | null, actionId: string | null, importId: string | null, undoneAt: string | null, undoable: boolean, cannotUndo: { __typename: 'UserError', code: string, message: string, params: string | null } | null } }>, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null } } };

export type UndoLoggedActionMutationVariables = Exact<{
  input: UndoBulkActionInput;
}>;


export type UndoLoggedActionMutation = { undoBulkAction: { __typename: 'UndoBulkActionPayload', restoredCount: number, alreadyNotifiedCount: number, skippedCount: number, userErrors: Array<{ __typename: 'UserError', field: Array<string> | null, code: string, message: string, params: string | null }> } };

export type UndoLoggedImportMutationVariables = Exact<{
  input: UndoImportInput;
}>;


export type UndoLoggedImportMutation = { undoImport: { __typename: 'UndoImportPayload', restoredCount: number, alreadyNotifiedCount: number, skippedCount: number, userErrors: Array<{ __typename: 'UserError', field: Array<string> | null, code: string, message: string, params: string | null }> } };

export type CarrierHandoverRulesQueryVariables = Exact<{
  partnerId?: string | number | null | undefined;
}>;


export type CarrierHandoverRulesQuery = { carrierHandoverRules: Array<{ __typename: 'CarrierHandoverRule', id: string, fromCarrierCode: string, toCarrierCode: string, supplier: string | null }> };

export type SaveCarrierHandoverRuleMutationVariables = Exact<{
  input: SaveCarrierHandoverRuleInput;
}>;


export type SaveCarrierHandoverRuleMutation = { saveCarrierHandoverRule: { __typename: 'SaveCarrierHandoverRulePayload', rule: { __typename: 'CarrierHandoverRule', id: string, fromCarrierCode: string, toCarrierCode: string, supplier: string | null } | null, userErrors: Array<{ __typename: 'UserError', field: Array<string> | null, code: string, message: string, params: string | null }> } };

export type DeleteCarrierHandoverRuleMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteCarrierHandoverRuleMutation = { deleteCarrierHandoverRule: { __typename: 'DeleteCarrierHandoverRulePayload', deletedId: string | null, userErrors: Array<{ __typename: 'UserError', field: Array<string> | null, code: string, message: string, params: string | null }> } };

export type PartnersQueryVariables = Exact<{ [key: string]: never; }>;


export type PartnersQuery = { partners: Array<{ __typename: 'Partner', id: string, name: string, notificationEmails: Array<string>, inboundEmailAddress: string, apiKeys: Array<{ __typename: 'ApiKey', id: string, name: string, prefix: string, createdAt: string, revokedAt: string | null }> }> };

export type CreatePartnerMutationVariables = Exact<{
  input: CreatePartnerInput;
}>;


export type CreatePartnerMutation = { createPartner: { __typename: 'CreatePartnerPayload', partner: { __typename: 'Partner', id: string, name: string, notificationEmails: Array<string>, inboundEmailAddress: string, apiKeys: Array<{ __typename: 'ApiKey', id: string, name: string, prefix: string, createdAt: string, revokedAt: string | null }> } | null, userErrors: Array<{ __typename: 'UserError', field: Array<string> | null, code: string, message: string, params: string | null }> } };

export type CreateApiKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type CreateApiKeyMutation = { createApiKey: { __typename: 'CreateApiKeyPayload', secret: string | null, apiKey: { __typename: 'ApiKey', id: string, name: string, prefix: string, createdAt: string, revokedAt: string | null } | null, userErrors: Array<{ __typename: 'UserError', field: Array<string> | null, code: string, message: string, params: string | null }> } };

export type RevokeApiKeyMutationVariables = Exact<{
  input: RevokeApiKeyInput;
}>;


export type RevokeApiKeyMutation = { revokeApiKey: { __typename: 'RevokeApiKeyPayload', apiKey: { __typename: 'ApiKey', id: string, name: string, prefix: string, createdAt: string, revokedAt: string | null } | null, userErrors: Array<{ __typename: 'UserError', field: Array<string> | null, code: string, message: string, params: string | null }> } };

export type UsersQueryVariables = Exact<{ [key: string]: never; }>;


export type UsersQuery = { users: Array<{ __typename: 'User', id: string, email: string, role: Role }> };

export type CreateUserMutationVariables = Exact<{
  input: CreateUserInput;
}>;


export type CreateUserMutation = { createUser: { __typename: 'CreateUserPayload', user: { __typename: 'User', id: string, email: string, role: Role } | null, userErrors: Array<{ __typename: 'UserError', field: Array<string> | null, code: string, message: string, params: string | null }> } };

export type CarriersAdminQueryVariables = Exact<{ [key: string]: never; }>;


export type CarriersAdminQuery = { carriers: Array<{ __typename: 'Carrier', code: string, name: string, trackingUrlTemplate: string | null, aliases: Array<string>, quirkNote: string | null, pickupWindow: string | null, labelScanAtOnce: boolean }> };

export type SaveCarrierMutationVariables = Exact<{
  input: SaveCarrierInput;
}>;


export type SaveCarrierMutation = { saveCarrier: { __typename: 'SaveCarrierPayload', carrier: { __typename: 'Carrier', code: string, name: string, trackingUrlTemplate: string | null, aliases: Array<string>, quirkNote: string | null, pickupWindow: string | null, labelScanAtOnce: boolean } | null, userErrors: Array<{ __typename: 'UserError', field: Array<string> | null, code: string, message: string, params: string | null }> } };

export type SetPartnerNotificationEmailsMutationVariables = Exact<{
  input: SetPartnerNotificationEmailsInput;
}>;


export type SetPartnerNotificationEmailsMutation = { setPartnerNotificationEmails: { __typename: 'SetPartnerNotificationEmailsPayload', emails: Array<string> | null, userErrors: Array<{ __typename: 'UserError', field: Array<string> | null, code: string, message: string, params: string | null }> } };

export type WebhookEndpointsQueryVariables = Exact<{
  partnerId?: string | number | null | undefined;
}>;


export type WebhookEndpointsQuery = { webhookEndpoints: Array<{ __typename: 'WebhookEndpoint', id: string, url: string, active: boolean, createdAt: string, deliveries: Array<{ __typename: 'OutboxMessage', id: string, kind: string, topic: string, status: string, attempts: number, lastError: string | null, responseCode: number | null, createdAt: string, sentAt: string | null, nextAttemptAt: string }> }> };

export type CreateWebhookEndpointMutationVariables = Exact<{
  input: CreateWebhookEndpointInput;
}>;


export type CreateWebhookEndpointMutation = { createWebhookEndpoint: { __typename: 'CreateWebhookEndpointPayload', secret: string | null, endpoint: { __typename: 'WebhookEndpoint', id: string, url: string, active: boolean, createdAt: string, deliveries: Array<{ __typename: 'OutboxMessage', id: string, kind: string, topic: string, status: string, attempts: number, lastError: string | null, responseCode: number | null, createdAt: string, sentAt: string | null, nextAttemptAt: string }> } | null, userErrors: Array<{ __typename: 'UserError', field: Array<string> | null, code: string, message: string, params: string | null }> } };

export type DisableWebhookEndpointMutationVariables = Exact<{
  input: DisableWebhookEndpointInput;
}>;


export type DisableWebhookEndpointMutation = { disableWebhookEndpoint: { __typename: 'DisableWebhookEndpointPayload', endpoint: { __typename: 'WebhookEndpoint', id: string, active: boolean } | null, userErrors: Array<{ __typename: 'UserError', field: Array<string> | null, code: string, message: string, params: string | null }> } };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { __typename: 'Viewer', role: Role, user: { __typename: 'User', id: string, email: string, role: Role } | null, partner: { __typename: 'Partner', id: string, name: string } | null } | null };

export type LoginMutationVariables = Exact<{
  input: LoginInput;
}>;


export type LoginMutation = { login: { __typename: 'LoginPayload', user: { __typename: 'User', id: string } | null, userErrors: Array<{ __typename: 'UserError', field: Array<string> | null, code: string, message: string, params: string | null }> } };

export type LogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type LogoutMutation = { logout: boolean };

export type FulfillmentOrderFieldsFragment = { __typename: 'Order', id: string, reference: string, status: OrderStatus, placedAt: string, customer: { __typename: 'Customer', name: string, email: string }, partner: { __typename: 'Partner', id: string, name: string } };

export type FulfillmentDetailFieldsFragment = { __typename: 'Fulfillment', lastMileCarrierCode: string | null, id: string, sku: string, productName: string, quantity: number, clientFulfillmentId: string | null, status: FulfillmentStatus, shippedOn: string | null, notShippingReason: string | null, version: number, tracking: { __typename: 'Tracking', number: string, url: string | null, method: string | null, carrierName: string | null, status: TrackingStatus, quirk: string | null, carrier: { __typename: 'Carrier', code: string, quirkNote: string | null, pickupWindow: string | null, name: string } | null } | null, lastMile: { __typename: 'Tracking', number: string, url: string | null, carrier: { __typename: 'Carrier', code: string, name: string } | null } | null, history: Array<{ __typename: 'FulfillmentEvent', id: string, at: string, type: string, channel: string, actor: string | null, fromStatus: FulfillmentStatus | null, toStatus: FulfillmentStatus | null, changes: string | null }>, checkpoints: Array<{ __typename: 'TrackingCheckpoint', at: string, status: TrackingStatus, location: string | null, message: string | null, source: CheckpointSource }>, packages: Array<{ __typename: 'Tracking', number: string, url: string | null, method: string | null, carrierName: string | null, status: TrackingStatus, quirk: string | null, carrier: { __typename: 'Carrier', code: string, name: string } | null }> };

export type ProductFulfillmentsQueryVariables = Exact<{
  filter?: FulfillmentFilter | null | undefined;
  sort?: FulfillmentSort | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ProductFulfillmentsQuery = { fulfillments: { __typename: 'FulfillmentConnection', totalCount: number, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null }, edges: Array<{ __typename: 'FulfillmentEdge', cursor: string, node: { __typename: 'Fulfillment', id: string, sku: string, productName: string, quantity: number, clientFulfillmentId: string | null, status: FulfillmentStatus, shippedOn: string | null, notShippingReason: string | null, version: number, order: { __typename: 'Order', id: string, reference: string, status: OrderStatus, placedAt: string, customer: { __typename: 'Customer', name: string, email: string }, partner: { __typename: 'Partner', id: string, name: string } }, packages: Array<{ __typename: 'Tracking', number: string, url: string | null, method: string | null, carrierName: string | null, status: TrackingStatus, quirk: string | null, carrier: { __typename: 'Carrier', code: string, name: string } | null }> } }> } };

export type FulfillmentDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type FulfillmentDetailQuery = { fulfillment: { __typename: 'Fulfillment', lastMileCarrierCode: string | null, id: string, sku: string, productName: string, quantity: number, clientFulfillmentId: string | null, status: FulfillmentStatus, shippedOn: string | null, notShippingReason: string | null, version: number, order: { __typename: 'Order', id: string, reference: string, status: OrderStatus, placedAt: string, customer: { __typename: 'Customer', name: string, email: string }, partner: { __typename: 'Partner', id: string, name: string } }, tracking: { __typename: 'Tracking', number: string, url: string | null, method: string | null, carrierName: string | null, status: TrackingStatus, quirk: string | null, carrier: { __typename: 'Carrier', code: string, quirkNote: string | null, pickupWindow: string | null, name: string } | null } | null, lastMile: { __typename: 'Tracking', number: string, url: string | null, carrier: { __typename: 'Carrier', code: string, name: string } | null } | null, history: Array<{ __typename: 'FulfillmentEvent', id: string, at: string, type: string, channel: string, actor: string | null, fromStatus: FulfillmentStatus | null, toStatus: FulfillmentStatus | null, changes: string | null }>, checkpoints: Array<{ __typename: 'TrackingCheckpoint', at: string, status: TrackingStatus, location: string | null, message: string | null, source: CheckpointSource }>, packages: Array<{ __typename: 'Tracking', number: string, url: string | null, method: string | null, carrierName: string | null, status: TrackingStatus, quirk: string | null, carrier: { __typename: 'Carrier', code: string, name: string } | null }> } | null };

export type DetectCarrierQueryVariables = Exact<{
  trackingNumber: string;
}>;


export type DetectCarrierQuery = { detectCarrier: { __typename: 'CarrierDetection', checkDigitValid: boolean | null, trackingUrl: string | null, candidates: Array<{ __typename: 'Carrier', code: string, name: string, trackingUrlTemplate: string | null }> } };

export type UpdateFulfillmentTrackingMutationVariables = Exact<{
  input: UpdateFulfillmentTrackingInput;
}>;


export type UpdateFulfillmentTrackingMutation = { updateFulfillmentTracking: { __typename: 'UpdateFulfillmentTrackingPayload', fulfillment: { __typename: 'Fulfillment', lastMileCarrierCode: string | null, id: string, sku: string, productName: string, quantity: number, clientFulfillmentId: string | null, status: FulfillmentStatus, shippedOn: string | null, notShippingReason: string | null, version: number, order: { __typename: 'Order', id: string, status: OrderStatus }, tracking: { __typename: 'Tracking', number: string, url: string | null, method: string | null, carrierName: string | null, status: TrackingStatus, quirk: string | null, carrier: { __typename: 'Carrier', code: string, quirkNote: string | null, pickupWindow: string | null, name: string } | null } | null, lastMile: { __typename: 'Tracking', number: string, url: string | null, carrier: { __typename: 'Carrier', code: string, name: string } | null } | null, history: Array<{ __typename: 'FulfillmentEvent', id: string, at: string, type: string, channel: string, actor: string | null, fromStatus: FulfillmentStatus | null, toStatus: FulfillmentStatus | null, changes: string | null }>, checkpoints: Array<{ __typename: 'TrackingCheckpoint', at: string, status: TrackingStatus, location: string | null, message: string | null, source: CheckpointSource }>, packages: Array<{ __typename: 'Tracking', number: string, url: string | null, method: string | null, carrierName: string | null, status: TrackingStatus, quirk: string | null, carrier: { __typename: 'Carrier', code: string, name: string } | null }> } | null, userErrors: Array<{ __typename: 'UserError', field: Array<string> | null, code: string, message: string, params: string | null }> } };

export type RecordTrackingEventMutationVariables = Exact<{
  input: RecordTrackingEventInput;
}>;


export type RecordTrackingEventMutation = { recordTrackingEvent: { __typename: 'RecordTrackingEventPayload', fulfillments: Array<{ __typename: 'Fulfillment', lastMileCarrierCode: string | null, id: string, sku: string, productName: string, quantity: number, clientFulfillmentId: string | null, status: FulfillmentStatus, shippedOn: string | null, notShippingReason: string | null, version: number, order: { __typename: 'Order', id: string, status: OrderStatus }, tracking: { __typename: 'Tracking', number: string, url: string | null, method: string | null, carrierName: string | null, status: TrackingStatus, quirk: string | null, carrier: { __typename: 'Carrier', code: string, quirkNote: string | null, pickupWindow: string | null, name: string } | null } | null, lastMile: { __typename: 'Tracking', number: string, url: string | null, carrier: { __typename: 'Carrier', code: string, name: string } | null } | null, history: Array<{ __typename: 'FulfillmentEvent', id: string, at: string, type: string, channel: string, actor: string | null, fromStatus: FulfillmentStatus | null, toStatus: FulfillmentStatus | null, changes: string | null }>, checkpoints: Array<{ __typename: 'TrackingCheckpoint', at: string, status: TrackingStatus, location: string | null, message: string | null, source: CheckpointSource }>, packages: Array<{ __typename: 'Tracking', number: string, url: string | null, method: string | null, carrierName: string | null, status: TrackingStatus, quirk: string | null, carrier: { __typename: 'Carrier', code: string, name: string } | null }> }>, userErrors: Array<{ __typename: 'UserError', field: Array<string> | null, code: string, message: string, params: string | null }> } };

export type ReopenFulfillmentMutationVariables = Exact<{
  input: ReopenFulfillmentInput;
}>;


export type ReopenFulfillmentMutation = { reopenFulfillment: { __typename: 'ReopenFulfillmentPayload', fulfillment: { __typename: 'Fulfillment', lastMileCarrierCode: string | null, id: string, sku: string, productName: string, quantity: number, clientFulfillmentId: string | null, status: FulfillmentStatus, shippedOn: string | null, notShippingReason: string | null, version: number, order: { __typename: 'Order', id: string, status: OrderStatus }, tracking: { __typename: 'Tracking', number: string, url: string | null, method: string | null, carrierName: string | null, status: TrackingStatus, quirk: string | null, carrier: { __typename: 'Carrier', code: string, quirkNote: string | null, pickupWindow: string | null, name: string } | null } | null, lastMile: { __typename: 'Tracking', number: string, url: string | null, carrier: { __typename: 'Carrier', code: string, name: string } | null } | null, history: Array<{ __typename: 'FulfillmentEvent', id: string, at: string, type: string, channel: string, actor: string | null, fromStatus: FulfillmentStatus | null, toStatus: FulfillmentStatus | null, changes: string | null }>, checkpoints: Array<{ __typename: 'TrackingCheckpoint', at: string, status: TrackingStatus, location: string | null, message: string | null, source: CheckpointSource }>, packages: Array<{ __typename: 'Tracking', number: string, url: string | null, method: string | null, carrierName: string | null, status: TrackingStatus, quirk: string | null, carrier: { __typename: 'Carrier', code: string, name: string } | null }> } | null, userErrors: Array<{ __typename: 'UserError', field: Array<string> | null, code: string, message: string, params: string | null }> } };

export type BulkSkipFieldsFragment = { __typename: 'BulkSkip', id: string, code: string, message: string, orderReference: string | null, sku: string | null, status: FulfillmentStatus | null };

export type BulkSkipReasonFieldsFragment = { __typename: 'BulkSkipReason', code: string, status: FulfillmentStatus | null, message: string, count: number };

export type BulkFulfillmentFieldsFragment = { __typename: 'BulkFulfillmentPayload', actionId: string | null, changedCount: number, skippedCount: number, skipped: Array<{ __typename: 'BulkSkip', id: string, code: string, message: string, orderReference: string | null, sku: string | null, status: FulfillmentStatus | null }>, skippedByReason: Array<{ __typename: 'BulkSkipReason', code: string, status: FulfillmentStatus | null, message: string, count: number }>, changed: Array<{ __typename: 'Fulfillment', id: string, sku: string, productName: string, quantity: number, clientFulfillmentId: string | null, status: FulfillmentStatus, shippedOn: string | null, notShippingReason: string | null, version: number, order: { __typename: 'Order', id: string, status: OrderStatus }, packages: Array<{ __typename: 'Tracking', number: string, url: string | null, method: string | null, carrierName: string | null, status: TrackingStatus, quirk: string | null, carrier: { __typename: 'Carrier', code: string, name: string } | null }> }>, userErrors: Array<{ __typename: 'UserError', field: Array<string> | null, code: string, message: string, params: string | null }> };

export type MarkFulfillmentsShippedMutationVariables = Exact<{
  input: MarkFulfillmentsShippedInput;
}>;


export type MarkFulfillmentsShippedMutation = { markFulfillmentsShipped: { __typename: 'BulkFulfillmentPayload', actionId: string | null, changedCount: number, skippedCount: number, skipped: Array<{ __typename: 'BulkSkip', id: string, code: string, message: string, orderReference: string | null, sku: string | null, status: FulfillmentStatus | null }>, skippedByReason: Array<{ __typename: 'BulkSkipReason', code: string, status: FulfillmentStatus | null, message: string, count: number }>, changed: Array<{ __typename: 'Fulfillment', id: string, sku: string, productName: string, quantity: number, clientFulfillmentId: string | null, status: FulfillmentStatus, shippedOn: string | null, notShippingReason: string | null, version: number, order: { __typename: 'Order', id: string, status: OrderStatus }, packages: Array<{ __typename: 'Tracking', number: string, url: string | null, method: string | null, carrierName: string | null, status: TrackingStatus, quirk: string | null, carrier: { __typename: 'Carrier', code: string, name: string } | null }> }>, userErrors: Array<{ __typename: 'UserError', field: Array<string> | null, code: string, message: string, params: string | null }> } };

export type MarkFulfillmentsNotShippingMutationVariables = Exact<{
  input: MarkFulfillmentsNotShippingInput;
}>;


export type MarkFulfillmentsNotShippingMutation = { markFulfillmentsNotShipping: { __typename: 'BulkFulfillmentPayload', actionId: string | null, changedCount: number, skippedCount: number, skipped: Array<{ __typename: 'BulkSkip', id: string, code: string, message: string, orderReference: string | null, sku: string | null, status: FulfillmentStatus | null }>, skippedByReason: Array<{ __typename: 'BulkSkipReason', code: string, status: FulfillmentStatus | null, message: string, count: number }>, changed: Array<{ __typename: 'Fulfillment', id: string, sku: string, productName: string, quantity: number, clientFulfillmentId: string | null, status: FulfillmentStatus, shippedOn: string | null, notShippingReason: string | null, version: number, order: { __typename: 'Order', id: string, status: OrderStatus }, packages: Array<{ __typename: 'Tracking', number: string, url: string | null, method: string | null, carrierName: string | null, status: TrackingStatus, quirk: string | null, carrier: { __typename: 'Carrier', code: string, name: string } | null }> }>, userErrors: Array<{ __typename: 'UserError', field: Array<string> | null, code: string, message: string, params: string | null }> } };

export type UndoBulkActionMutationVariables = Exact<{
  input: UndoBulkActionInput;
}>;


export type UndoBulkActionMutation = { undoBulkAction: { __typename: 'UndoBulkActionPayload', restoredCount: number, alreadyNotifiedCount: number, skippedCount: number, skipped: Array<{ __typename: 'BulkSkip', id: string, code: string, message: string, orderReference: string | null, sku: string | null, status: FulfillmentStatus | null }>, skippedByReason: Array<{ __typename: 'BulkSkipReason', code: string, status: FulfillmentStatus | null, message: string, count: number }>, userErrors: Array<{ __typename: 'UserError', field: Array<string> | null, code: string, message: string, params: string | null }> } };

export type TrackingFieldsFragment = { __typename: 'Tracking', number: string, url: string | null, method: string | null, carrierName: string | null, status: TrackingStatus, quirk: string | null, carrier: { __typename: 'Carrier', code: string, name: string } | null };

export type FulfillmentFieldsFragment = { __typename: 'Fulfillment', id: string, sku: string, productName: string, quantity: number, clientFulfillmentId: string | null, status: FulfillmentStatus, shippedOn: string | null, notShippingReason: string | null, version: number, packages: Array<{ __typename: 'Tracking', number: string, url: string | null, method: string | null, carrierName: string | null, status: TrackingStatus, quirk: string | null, carrier: { __typename: 'Carrier', code: string, name: string } | null }> };

export type HistoryEventFieldsFragment = { __typename: 'FulfillmentEvent', id: string, at: string, type: string, channel: string, actor: string | null, fromStatus: FulfillmentStatus | null, toStatus: FulfillmentStatus | null, changes: string | null };

export type CarriersQueryVariables = Exact<{ [key: string]: never; }>;


export type CarriersQuery = { carriers: Array<{ __typename: 'Carrier', code: string, name: string, trackingUrlTemplate: string | null }> };

export type PartnerOptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type PartnerOptionsQuery = { partners: Array<{ __typename: 'Partner', id: string, name: string }> };

export type SavedViewFieldsFragment = { __typename: 'SavedView', id: string, grid: string, name: string, columns: Array<string>, sort: OrderSortField, direction: SortDirection, filters: Array<{ __typename: 'SavedViewFilter', key: string, value: string }> };

export type SavedViewsQueryVariables = Exact<{
  grid: string;
}>;


export type SavedViewsQuery = { savedViews: Array<{ __typename: 'SavedView', id: string, grid: string, name: string, columns: Array<string>, sort: OrderSortField, direction: SortDirection, filters: Array<{ __typename: 'SavedViewFilter', key: string, value: string }> }> };

export type CreateSavedViewMutationVariables = Exact<{
  input: SavedViewInput;
}>;


export type CreateSavedViewMutation = { createSavedView: { __typename: 'SavedViewPayload', view: { __typename: 'SavedView', id: string, grid: string, name: string, columns: Array<string>, sort: OrderSortField, direction: SortDirection, filters: Array<{ __typename: 'SavedViewFilter', key: string, value: string }> } | null, userErrors: Array<{ __typename: 'UserError', field: Array<string> | null, code: string, message: string, params: string | null }> } };

export type UpdateSavedViewMutationVariables = Exact<{
  id: string | number;
  input: SavedViewInput;
}>;


export type UpdateSavedViewMutation = { updateSavedView: { __typename: 'SavedViewPayload', view: { __typename: 'SavedView', id: string, grid: string, name: string, columns: Array<string>, sort: OrderSortField, direction: SortDirection, filters: Array<{ __typename: 'SavedViewFilter', key: string, value: string }> } | null, userErrors: Array<{ __typename: 'UserError', field: Array<string> | null, code: string, message: string, params: string | null }> } };

export type DeleteSavedViewMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteSavedViewMutation = { deleteSavedView: { __typename: 'DeleteSavedViewPayload', deletedId: string | null, userErrors: Array<{ __typename: 'UserError', field: Array<string> | null, code: string, message: string, params: string | null }> } };

export type ImportJobQueryVariables = Exact<{
  id: string | number;
}>;


export type ImportJobQuery = { importJob: { __typename: 'ImportJob', id: string, kind: string, status: string, fileName: string, headers: Array<string>, dateFormat: string, defaultCarrier: string | null, rowCount: number, changeCount: number, unchangedCount: number, errorCount: number, appliedCount: number, lastError: string | null, createdAt: string, appliedAt: string | null, format: { __typename: 'ImportFormat', id: string, name: string } | null, mapping: Array<{ __typename: 'ColumnMapping', column: string, field: string | null }>, verdictCounts: Array<{ __typename: 'ImportVerdictCount', outcome: string, code: string | null, count: number }>, samples: Array<{ __typename: 'ImportRow', line: number, cells: Array<string> }> } | null };

export type ImportProgressQueryVariables = Exact<{
  id: string | number;
}>;


export type ImportProgressQuery = { importJob: { __typename: 'ImportJob', id: string, status: string, appliedCount: number, changeCount: number, lastError: string | null } | null };

export type ImportRowsQueryVariables = Exact<{
  id: string | number;
  outcome?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ImportRowsQuery = { importJob: { __typename: 'ImportJob', id: string, rows: Array<{ __typename: 'ImportRow', line: number, outcome: string, code: string | null, message: string | null, params: string | null, field: string | null, cells: Array<string>, applied: boolean, fulfillmentIds: Array<string> }> } | null };

export type PreviewImportMutationVariables = Exact<{
  input: PreviewImportInput;
}>;


export type PreviewImportMutation = { previewImport: { __typename: 'PreviewImportPayload', importJob: { __typename: 'ImportJob', id: string, kind: string, status: string, fileName: string, headers: Array<string>, dateFormat: string, defaultCarrier: string | null, rowCount: number, changeCount: number, unchangedCount: number, errorCount: number, appliedCount: number, lastError: string | null, createdAt: string, appliedAt: string | null, format: { __typename: 'ImportFormat', id: string, name: string } | null, mapping: Array<{ __typename: 'ColumnMapping', column: string, field: string | null }>, verdictCounts: Array<{ __typename: 'ImportVerdictCount', outcome: string, code: string | null, count: number }> } | null, userErrors: Array<{ __typename: 'UserError', field: Array<string> | null, code: string, message: string, params: string | null }> } };

export type ApplyImportMutationVariables = Exact<{
  input: ApplyImportInput;
}>;


export type ApplyImportMutation = { applyImport: { __typename: 'ApplyImportPayload', importJob: { __typename: 'ImportJob', id: string, kind: string, status: string, fileName: string, headers: Array<string>, dateFormat: string, defaultCarrier: string | null, rowCount: number, changeCount: number, unchangedCount: number, errorCount: number, appliedCount: number, lastError: string | null, createdAt: string, appliedAt: string | null, format: { __typename: 'ImportFormat', id: string, name: string } | null, mapping: Array<{ __typename: 'ColumnMapping', column: string, field: string | null }>, verdictCounts: Array<{ __typename: 'ImportVerdictCount', outcome: string, code: string | null, count: number }> } | null, userErrors: Array<{ __typename: 'UserError', field: Array<string> | null, code: string, message: string, params: string | null }> } };

export type MailMessagesQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type MailMessagesQuery = { mailMessages: Array<{ __typename: 'MailMessage', id: string, createdAt: string, recipients: string, subject: string, status: string, topic: string, locale: string, text: string, html: string }> };

export type OutboxMessagesQueryVariables = Exact<{
  status?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type OutboxMessagesQuery = { outboxMessages: Array<{ __typename: 'OutboxMessage', id: string, kind: string, topic: string, status: string, attempts: number, lastError: string | null, responseCode: number | null, createdAt: string, sentAt: string | null, nextAttemptAt: string }> };

export type RetryOutboxMessageMutationVariables = Exact<{
  input: RetryOutboxMessageInput;
}>;


export type RetryOutboxMessageMutation = { retryOutboxMessage: { __typename: 'RetryOutboxMessagePayload', message: { __typename: 'OutboxMessage', id: string, kind: string, topic: string, status: string, attempts: number, lastError: string | null, responseCode: number | null, createdAt: string, sentAt: string | null, nextAttemptAt: string } | null, userErrors: Array<{ __typename: 'UserError', field: Array<string> | null, code: string, message: string, params: string | null }> } };

export type InboundEmailsQueryVariables = Exact<{
  status?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type InboundEmailsQuery = { inboundEmails: Array<{ __typename: 'InboundEmail', id: string, receivedAt: string, sender: string | null, subject: string | null, status: string, trackingNumbers: Array<string>, orderReferences: Array<string>, reason: string | null, bodyText: string, reasons: Array<{ __typename: 'InboundEmailReason', code: string, message: string, params: string }> }> };

export type InboundEmailLinesQueryVariables = Exact<{
  id: string | number;
  reference?: string | null | undefined;
}>;


export type InboundEmailLinesQuery = { inboundEmail: { __typename: 'InboundEmail', id: string, lines: Array<{ __typename: 'Fulfillment', id: string, sku: string, productName: string, status: FulfillmentStatus }> } | null };

export type ApplyInboundEmailMutationVariables = Exact<{
  input: ApplyInboundEmailInput;
}>;


export type ApplyInboundEmailMutation = { applyInboundEmail: { __typename: 'ApplyInboundEmailPayload', inboundEmail: { __typename: 'InboundEmail', id: string, status: string } | null, userErrors: Array<{ __typename: 'UserError', field: Array<string> | null, code: string, message: string, params: string | null }> } };

export type DismissInboundEmailMutationVariables = Exact<{
  input: DismissInboundEmailInput;
}>;


export type DismissInboundEmailMutation = { dismissInboundEmail: { __typename: 'DismissInboundEmailPayload', inboundEmail: { __typename: 'InboundEmail', id: string, status: string } | null, userErrors: Array<{ __typename: 'UserError', field: Array<string> | null, code: string, message: string, params: string | null }> } };

export type OrderFieldsFragment = { __typename: 'Order', id: string, reference: string, status: OrderStatus, placedAt: string, channel: string | null, customer: { __typename: 'Customer', name: string, email: string, locale: string }, partner: { __typename: 'Partner', id: string, name: string } };

export type FindOrdersQueryVariables = Exact<{
  filter?: OrderFilter | null | undefined;
  sort?: OrderSort | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type FindOrdersQuery = { orders: { __typename: 'OrderConnection', totalCount: number, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null }, edges: Array<{ __typename: 'OrderEdge', cursor: string, node: { __typename: 'Order', id: string, reference: string, status: OrderStatus, placedAt: string, channel: string | null, fulfillments: Array<{ __typename: 'Fulfillment', id: string, sku: string, productName: string, quantity: number, clientFulfillmentId: string | null, status: FulfillmentStatus, shippedOn: string | null, notShippingReason: string | null, version: number, packages: Array<{ __typename: 'Tracking', number: string, url: string | null, method: string | null, carrierName: string | null, status: TrackingStatus, quirk: string | null, carrier: { __typename: 'Carrier', code: string, name: string } | null }> }>, customer: { __typename: 'Customer', name: string, email: string, locale: string }, partner: { __typename: 'Partner', id: string, name: string } } }> } };

export type OrderDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type OrderDetailQuery = { order: { __typename: 'Order', id: string, reference: string, status: OrderStatus, placedAt: string, channel: string | null, subscriptions: Array<{ __typename: 'ContinuitySubscription', id: string, status: string, cancelledAt: string | null }>, fulfillments: Array<{ __typename: 'Fulfillment', id: string, sku: string, productName: string, quantity: number, clientFulfillmentId: string | null, status: FulfillmentStatus, shippedOn: string | null, notShippingReason: string | null, version: number, history: Array<{ __typename: 'FulfillmentEvent', id: string, at: string, type: string, channel: string, actor: string | null, fromStatus: FulfillmentStatus | null, toStatus: FulfillmentStatus | null, changes: string | null }>, packages: Array<{ __typename: 'Tracking', number: string, url: string | null, method: string | null, carrierName: string | null, status: TrackingStatus, quirk: string | null, carrier: { __typename: 'Carrier', code: string, name: string } | null }> }>, customer: { __typename: 'Customer', name: string, email: string, locale: string }, partner: { __typename: 'Partner', id: string, name: string } } | null };
