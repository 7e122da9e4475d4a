import {
  ErrorCode,
  FulfillmentStatus,
  looksLikeFormula,
  planChange,
  type DateFormat,
  type FulfillmentStatus as Status,
  type ImportField,
} from '@ft/shared';
import { overLength } from '../db/column-limits.js';
import { FulfillmentEntity } from '../fulfillments/fulfillment.entity.js';
import type { FulfillmentPatch } from '../fulfillments/fulfillment-change.js';
import { fromGlobalId } from '../graphql/ids.js';
import { resolveTracking, trackingStatusForNewNumber } from '../tracking/carrier.service.js';
import { carrierTextOf } from '../tracking/carrier-vocabulary.js';
import type { CarrierEntity } from '../tracking/carrier.entity.js';
import { parseSheetDate } from './dates.js';

/**
 * What one CSV row means, decided without touching the database beyond the
 * fulfillments looked up for the whole file: the same functions classify a
 * row in preview and rebuild its change in apply.
 */
type Outcome = 'CHANGE' | 'UNCHANGED' | 'ERROR';

export interface RowVerdict {
  outcome: Outcome;
  code: string | null;
  message: string | null;
  field: ImportField | null;
  targets: number[];
  /** For CHANGE rows: the status each target moves to and what it writes. */
  to?: Status;
  patch?: FulfillmentPatch;
}

export type Values = Partial<Record<ImportField, string>>;

export interface Lookup {
  byReference: Map<string, FulfillmentEntity[]>;
  byClientId: Map<string, FulfillmentEntity[]>;
  byId: Map<number, FulfillmentEntity>;
}

const error = (code: ErrorCode, message: string, field: ImportField | null): RowVerdict => ({
  outcome: 'ERROR',
  code,
  message,
  field,
  targets: [],
});

/** The import field a fulfillment column is written from. */
const FIELD_OF: Partial<Record<keyof FulfillmentEntity, ImportField>> = {
  trackingNumber: 'trackingNumber',
  carrierName: 'carrier',
  trackingUrl: 'trackingUrl',
  shippingMethod: 'shippingMethod',
  rmaNumber: 'rmaNumber',
};

function tooLongError(over: { property: string; length: number; max: number }): RowVerdict {
  const field = FIELD_OF[over.property as keyof FulfillmentEntity] ?? null;
  return error(
    ErrorCode.TOO_LONG,
    `The ${field ?? over.property} has ${over.length} characters; at most ${over.max} fit`,
    field,
  );
}

export function valuesOf(cells: readonly string[], columns: readonly (ImportField | null)[]): Values {
  const values: Values = {};
  columns.forEach((field, i) => {
    // Our export writes '=… for a formula-looking value; read it back as the value it stands for.
    const cell = (cells[i] ?? '').trim().replace(/^'(?=[=+\-@\t\r])/, '');
    if (field && cell !== '') values[field] = cell;
  });
  return values;
}

/**
 * The fulfillment a fulfillmentId cell names: the global id our export writes, or a bare number. The cell is
 * file content, read as the file's author wrote it, not an id a GraphQL caller passed.
 */
export function fulfillmentIdInCell(cell: string): number | null {
  const id = fromGlobalId('Fulfillment', cell) ?? (/^\d+$/.test(cell) ? Number(cell) : null);
  return id !== null && Number.isSafeInteger(id) ? id : null;
}

/** Fulfillments a row names: by fulfillment id, client fulfillment id, or order reference (narrowed by SKU). */
function targetsOf(
  values: Values,
  lookup: Lookup,
): { rows: FulfillmentEntity[]; named: boolean } | RowVerdict {
  const ref = values.orderReference;
  if (values.fulfillmentId) {
    const id = fulfillmentIdInCell(values.fulfillmentId);
    const row = id === null ? undefined : lookup.byId.get(id);
    if (!row || (ref && row.orderReference !== ref))
      return error(
        ErrorCode.NOT_FOUND,
        `No fulfillment ${values.fulfillmentId}${ref ? ` on order ${ref}` : ''}`,
        'fulfillmentId',
      );
    return { rows: [row], named: true };
  }
  if (values.clientFulfillmentId) {
    const rows = (lookup.byClientId.get(values.clientFulfillmentId) ?? []).filter(
      (f) => !ref || f.orderReference === ref,
    );
    if (rows.length === 0)
      return error(
        ErrorCode.NOT_FOUND,
        `No fulfillment with client id ${values.clientFulfillmentId}${ref ? ` on order ${ref}` : ''}`,
        'clientFulfillmentId',
      );
    if (rows.length > 1)
      return error(
        ErrorCode.INVALID,
        `Client id ${values.clientFulfillmentId} is on several orders; add the order reference`,
        'clientFulfillmentId',
      );
    return { rows, named: true };
  }
  if (!ref)
    return error(
      ErrorCode.REQUIRED,
      'Give an order reference, a client fulfillment id or a fulfillment id',
      'orderReference',
    );
  let rows = lookup.byReference.get(ref) ?? [];
  if (rows.length === 0) return error(ErrorCode.NOT_FOUND, `Unknown order ${ref}`, 'orderReference');
  if (new Set(rows.map((r) => r.partnerId)).size > 1)
    return error(
      ErrorCode.INVALID,
      `Order ${ref} exists for several partners; upload for one partner`,
      'orderReference',
    );
  if (values.sku) {
    rows = rows.filter((r) => r.sku === values.sku);
    if (rows.length === 0)
      return error(ErrorCode.NOT_FOUND, `Order ${ref} has no line with SKU ${values.sku}`, 'sku');
  }
  return { rows, named: rows.length === 1 && Boolean(values.sku) };
}

function formulaField(values: Values, fields: ImportField[]): ImportField | null {
  return fields.find((f) => values[f] !== undefined && looksLikeFormula(values[f]!)) ?? null;
}

export function classifyTrackingRow(
  values: Values,
  lookup: Lookup,
  carriers: readonly CarrierEntity[],
  dateFormat: DateFormat,
  today: string,
): RowVerdict {
  const formula = formulaField(values, [
    'carrier',
    'carrierName',
    'trackingUrl',
    'shippingMethod',
    'trackingNumber',
  ]);
  if (formula)
    return error(
      ErrorCode.INVALID,
      `The ${formula} cell looks like a spreadsheet formula (${values[formula]!.slice(0, 40)})`,
      formula,
    );
  if (!values.trackingNumber)
    return error(ErrorCode.REQUIRED, 'The tracking number is missing', 'trackingNumber');
  let shippedOn: string | null = null;
  if (values.shippedOn) {
    shippedOn = parseSheetDate(values.shippedOn, dateFormat);
    if (!shippedOn)
      return error(
        ErrorCode.INVALID_DATE,
        `${values.shippedOn} is not a date (expected ${dateFormat}, YYYY-MM-DD or an Excel date)`,
        'shippedOn',
      );
  }
  if (values.trackingUrl && !/^https?:\/\/\S+$/i.test(values.trackingUrl))
    return error(ErrorCode.INVALID, 'The tracking URL must start with http:// or https://', 'trackingUrl');
  // A number of another carrier than the row names still applies, as the row says, with a warning; a carrier
  // name that is a typo of a known one is an error naming the suggestion, never stored as written.
  const resolved = resolveTracking(
    carriers,
    {
      trackingNumber: values.trackingNumber,
      carrier: carrierTextOf(values.carrier, values.carrierName),
      trackingUrl: values.trackingUrl,
      acceptCarrierMismatch: true,
    },
    [],
  );
  const refusal = resolved.tracking
    ? resolved.warnings.find((w) => w.code === ErrorCode.CARRIER_UNKNOWN)
    : resolved.errors[0]!;
  if (refusal || !resolved.tracking) {
    const e = refusal!;
    return error(e.code as ErrorCode, e.message, (e.field?.at(-1) ?? 'trackingNumber') as ImportField);
  }
  const t = resolved.tracking;
  const warning = resolved.warnings.find((w) => w.code === ErrorCode.CARRIER_MISMATCH) ?? null;

  const found = targetsOf(values, lookup);
  if ('outcome' in found) return found;
  // Lines awaiting shipment ship; only when there are none is the row a correction of the shipped ones.
  const { moves } = planChange(found.rows, { kind: 'TRACKING' });
  const shipping = moves.filter((m) => m.move.eventType === 'SHIPPED');
  const targets = (shipping.length ? shipping : moves).map((m) => m.row);
  if (targets.length === 0) {
    const statuses = [...new Set(found.rows.map((r) => r.status))].join(', ');
    return error(
      ErrorCode.TRANSITION_NOT_ALLOWED,
      `Tracking can't be set: ${found.rows.length > 1 ? 'its fulfillments are' : 'the fulfillment is'} ${statuses}`,
      'orderReference',
    );
  }
  const patchFor = (row: FulfillmentEntity): FulfillmentPatch => ({
    ...(trackingStatusForNewNumber(carriers, t.carrierCode, row, t.number) && {
      trackingStatus: 'LABEL_CREATED' as const,
    }),
    trackingNumber: t.number,
    carrierCode: t.carrierCode,
    carrierName: t.carrierName,
    trackingUrl: t.url,
    shippingMethod: values.shippingMethod ?? row.shippingMethod,
    shippedOn: shippedOn ?? row.shippedOn ?? today,
    // A new number is a new shipment: the last-mile number of the old one no longer follows it.
    ...(row.lastMileNumber && row.trackingNumber !== t.number && { lastMileNumber: null, lastMileUrl: null }),
  });
  const patch = patchFor(targets[0]!);
  const tooLong = overLength(FulfillmentEntity, patch);
  if (tooLong) return tooLongError(tooLong);
  const same = targets.every(
    (r) =>
      r.status === FulfillmentStatus.SHIPPED &&
      r.trackingNumber === t.number &&
      r.carrierCode === t.carrierCode &&
      r.carrierName === t.carrierName &&
      r.trackingUrl === t.url &&
      r.shippingMethod === patch.shippingMethod &&
      r.shippedOn === (shippedOn ?? r.shippedOn),
  );
  if (same)
    return {
      outcome: 'UNCHANGED',
      code: null,
      message: 'Already shipped with this tracking',
      field: null,
      targets: targets.map((r) => r.id),
    };
  const change = shipping.length ? 'Ships with this tracking' : 'Corrects the tracking';
  return {
    outcome: 'CHANGE',
    code: warning?.code ?? null,
    message: warning ? `${change}; warning: ${warning.message}` : change,
    field: null,
    targets: targets.map((r) => r.id),
    to: FulfillmentStatus.SHIPPED,
    patch,
  };
}

const RETURN_STATUSES: Record<string, Status> = {
  returned: FulfillmentStatus.RETURNED,
  return: FulfillmentStatus.RETURNED,
  retour: FulfillmentStatus.RETURNED,
  retourniert: FulfillmentStatus.RETURNED,
  zurueck: FulfillmentStatus.RETURNED,
  cancelled: FulfillmentStatus.CANCELLED,
  canceled: FulfillmentStatus.CANCELLED,
  cancel: FulfillmentStatus.CANCELLED,
  storniert: FulfillmentStatus.CANCELLED,
  storno: FulfillmentStatus.CANCELLED,
};

export function classifyReturnRow(values: Values, lookup: Lookup): RowVerdict {
  const formula = formulaField(values, ['rmaNumber', 'status']);
  if (formula)
    return error(ErrorCode.INVALID, `The ${formula} cell looks like a spreadsheet formula`, formula);
  if (!values.status)
    return error(ErrorCode.REQUIRED, 'The status is missing (RETURNED or CANCELLED)', 'status');
  const to = RETURN_STATUSES[values.status.toLowerCase().replace(/[^a-z]/g, '')];
  if (!to)
    return error(ErrorCode.INVALID, `Status must be RETURNED or CANCELLED, not ${values.status}`, 'status');
  const tooLong = overLength(FulfillmentEntity, { rmaNumber: values.rmaNumber });
  if (tooLong) return tooLongError(tooLong);
  const found = targetsOf(values, lookup);
  if ('outcome' in found) return found;
  const targets = planChange(found.rows, {
    kind: to === FulfillmentStatus.RETURNED ? 'RETURN' : 'CANCEL',
  }).moves.map((m) => m.row);
  if (targets.length === 0) {
    if (found.rows.every((r) => r.status === to && (!values.rmaNumber || r.rmaNumber === values.rmaNumber))) {
      return {
        outcome: 'UNCHANGED',
        code: null,
        message: `Already ${to}`,
        field: null,
        targets: found.rows.map((r) => r.id),
      };
    }
    const statuses = [...new Set(found.rows.map((r) => r.status))].join(', ');
    return error(ErrorCode.TRANSITION_NOT_ALLOWED, `A ${statuses} fulfillment cannot become ${to}`, 'status');
  }
  return {
    outcome: 'CHANGE',
    code: null,
    message: to === FulfillmentStatus.RETURNED ? 'Marks as returned' : 'Cancels',
    field: null,
    targets: targets.map((r) => r.id),
    to,
    patch: values.rmaNumber ? { rmaNumber: values.rmaNumber } : {},
  };
}
