import {
  type MessageArgs,
  type MessageVariant,
  ErrorCode,
  FulfillmentStatus,
  isShippedOnInFuture,
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
import {
  matchCarrierText,
  resolveTracking,
  trackingStatusForNewNumber,
} from '../tracking/carrier.service.js';
import { normaliseTrackingNumber } from '../tracking/tracking-number.js';
import { carrierTextOf } from '../tracking/carrier-vocabulary.js';
import type { CarrierEntity } from '../tracking/carrier.entity.js';
import {
  catalogued,
  parseMessageParams,
  type MessageParams,
  type UserError,
  UserErrorsException,
} from '../graphql/user-error.js';
import type { CarrierHandoverRuleEntity } from '../tracking/handover-rule.entity.js';
import { type LastMile, nextLastMile } from '../tracking/handover.service.js';
import { parseSheetDate } from './dates.js';

/**
 * What one CSV row means, decided without touching the database beyond the
 * fulfillments looked up for the whole file: the same functions classify a
 * row in preview and rebuild its change in apply.
 */
type Outcome = 'CHANGE' | 'UNCHANGED' | 'ERROR';

/**
 * Codes of rows that change nothing and are no error, each with the rule that leaves them alone. Error rows
 * carry an ErrorCode.
 */
export const UNTOUCHED = {
  /** A tracking row without a tracking number: a line of a downloaded list nobody filled in. */
  NO_TRACKING: 'NO_TRACKING',
  /** A returns row whose status is no return or cancellation (a line of the export still SHIPPED). */
  NOT_A_RETURN: 'NOT_A_RETURN',
  /** A voided (or cancelled) label: never shipped. */
  VOIDED: 'VOIDED',
  /** A later row of the file names the same line: the last row for a line wins. */
  SUPERSEDED: 'SUPERSEDED',
} as const;

export interface RowVerdict {
  outcome: Outcome;
  code: string | null;
  message: string | null;
  /** The values the message names and its `variant`, so a client can word it in its own language (messages.ts). */
  params: MessageParams | null;
  field: ImportField | null;
  targets: number[];
  /** For CHANGE rows: the status each target moves to and what it writes. */
  to?: Status;
  patch?: RowPatch;
}

/**
 * What a CHANGE row writes: one patch for every line it names, or, where the lines' own values make them differ
 * (a line's shipping method or shipped date where the row gives none, its last mile, whether the number is new
 * to it), the distinct patches and which line writes which: an order's 500 lines name a handful of patches.
 */
export type RowPatch = FulfillmentPatch | { patches: FulfillmentPatch[]; lines: Record<number, number> };

/** What a row writes to one of its lines. */
export const linePatch = (patch: RowPatch, lineId: number): FulfillmentPatch =>
  'patches' in patch ? (patch.patches[patch.lines[lineId]!] ?? {}) : patch;

/** The lines' patches as one RowPatch: the patch itself when they are all the same. */
function rowPatch(byLine: ReadonlyMap<number, FulfillmentPatch>): RowPatch {
  if (byLine.size === 1) return byLine.values().next().value!;
  const patches: FulfillmentPatch[] = [];
  const index = new Map<string, number>();
  const lines: Record<number, number> = {};
  for (const [id, patch] of byLine) {
    const key = JSON.stringify(patch);
    let at = index.get(key);
    if (at === undefined) index.set(key, (at = patches.push(patch) - 1));
    lines[id] = at;
  }
  return patches.length === 1 ? patches[0]! : { patches, lines };
}

export type Values = Partial<Record<ImportField, string>>;

export interface Lookup {
  byReference: Map<string, FulfillmentEntity[]>;
  byClientId: Map<string, FulfillmentEntity[]>;
  byId: Map<number, FulfillmentEntity>;
  /** The handover rules of each partner the rows' lines belong to: which carrier delivers the last mile. */
  handover: Map<number, readonly CarrierHandoverRuleEntity[]>;
}

const error = <V extends MessageVariant>(
  code: ErrorCode,
  field: ImportField | null,
  variant: V,
  ...args: MessageArgs<V>
): RowVerdict => ({ outcome: 'ERROR', code, ...catalogued(variant, ...args), field, targets: [] });

const untouched = (
  code: (typeof UNTOUCHED)[keyof typeof UNTOUCHED],
  message: string,
  params: MessageParams | null = null,
): RowVerdict => ({
  outcome: 'UNCHANGED',
  code,
  message,
  params,
  field: null,
  targets: [],
});

/** A row that changes nothing or something, with the message that says which. */
const verdict = <
  V extends Extract<
    MessageVariant,
    'alreadyShippedSame' | 'ships' | 'correctsTracking' | 'alreadyInStatus' | 'marksReturned' | 'cancels'
  >,
>(
  outcome: 'CHANGE' | 'UNCHANGED',
  targets: number[],
  variant: V,
  ...args: MessageArgs<V>
): RowVerdict => ({ outcome, code: null, ...catalogued(variant, ...args), field: null, targets });

/** Cell values that say a label was voided or a shipment cancelled; anything else (N, No, false, empty) does not. */
const VOID_WORDS = new Set([
  'y',
  'yes',
  'true',
  '1',
  'x',
  'void',
  'voided',
  'cancelled',
  'canceled',
  'ja',
  'j',
  'storniert',
]);

const isVoided = (cell: string | undefined): boolean =>
  cell !== undefined && VOID_WORDS.has(cell.trim().toLowerCase());

/** The import field a fulfillment column is written from. */
const FIELD_OF: Partial<Record<keyof FulfillmentEntity, ImportField>> = {
  trackingNumber: 'trackingNumber',
  carrierName: 'carrier',
  trackingUrl: 'trackingUrl',
  shippingMethod: 'shippingMethod',
  rmaNumber: 'rmaNumber',
  lastMileNumber: 'lastMileTrackingNumber',
};

function tooLongError(over: { property: string; length: number; max: number }): RowVerdict {
  const field = FIELD_OF[over.property as keyof FulfillmentEntity] ?? null;
  return error(ErrorCode.TOO_LONG, field, 'cellTooLong', {
    field: field ?? over.property,
    length: over.length,
    max: over.max,
  });
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
      return ref
        ? error(ErrorCode.NOT_FOUND, 'fulfillmentId', 'noFulfillmentOnOrder', {
            fulfillmentId: values.fulfillmentId,
            reference: ref,
          })
        : error(ErrorCode.NOT_FOUND, 'fulfillmentId', 'noFulfillment', {
            fulfillmentId: values.fulfillmentId,
          });
    return { rows: [row], named: true };
  }
  if (values.clientFulfillmentId) {
    const rows = (lookup.byClientId.get(values.clientFulfillmentId) ?? []).filter(
      (f) => !ref || f.orderReference === ref,
    );
    if (rows.length === 0)
      return ref
        ? error(ErrorCode.NOT_FOUND, 'clientFulfillmentId', 'noClientIdOnOrder', {
            clientId: values.clientFulfillmentId,
            reference: ref,
          })
        : error(ErrorCode.NOT_FOUND, 'clientFulfillmentId', 'noClientId', {
            clientId: values.clientFulfillmentId,
          });
    if (rows.length > 1)
      return error(ErrorCode.INVALID, 'clientFulfillmentId', 'clientIdOnSeveralOrders', {
        clientId: values.clientFulfillmentId,
      });
    return { rows, named: true };
  }
  if (!ref) return error(ErrorCode.REQUIRED, 'orderReference', 'noTarget');
  let rows = lookup.byReference.get(ref) ?? [];
  if (rows.length === 0)
    return error(ErrorCode.NOT_FOUND, 'orderReference', 'unknownOrder', { reference: ref });
  if (new Set(rows.map((r) => r.partnerId)).size > 1)
    return error(ErrorCode.INVALID, 'orderReference', 'orderOfSeveralPartners', { reference: ref });
  if (values.sku) {
    rows = rows.filter((r) => r.sku === values.sku);
    if (rows.length === 0)
      return error(ErrorCode.NOT_FOUND, 'sku', 'noSkuOnOrder', { reference: ref, sku: values.sku });
  }
  return { rows, named: rows.length === 1 && Boolean(values.sku) };
}

function formulaField(values: Values, fields: ImportField[]): ImportField | null {
  return fields.find((f) => values[f] !== undefined && looksLikeFormula(values[f]!)) ?? null;
}

const sameText = (a: string | null | undefined, b: string | null | undefined) =>
  (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();

/**
 * Whether a row only repeats what its lines hold: the same tracking number on each, and every other cell it
 * fills the same as stored. Such a row of a downloaded list is left alone whatever state its lines are in.
 */
function repeatsStored(
  values: Values,
  rows: FulfillmentEntity[],
  shippedOn: string | null,
  carriers: readonly CarrierEntity[],
): boolean {
  const number = normaliseTrackingNumber(values.trackingNumber ?? '');
  const lastMileCarrier = values.lastMileCarrier
    ? (matchCarrierText(values.lastMileCarrier, carriers)?.code ?? values.lastMileCarrier)
    : null;
  return rows.every(
    (r) =>
      r.trackingNumber === number &&
      (!values.carrier ||
        sameText(values.carrier, r.carrierName) ||
        sameText(values.carrier, r.carrierCode)) &&
      (!values.trackingUrl || values.trackingUrl === r.trackingUrl) &&
      (!values.shippingMethod || values.shippingMethod === r.shippingMethod) &&
      (shippedOn === null || shippedOn === r.shippedOn) &&
      (!values.lastMileTrackingNumber ||
        normaliseTrackingNumber(values.lastMileTrackingNumber) === r.lastMileNumber) &&
      (!lastMileCarrier || lastMileCarrier === r.lastMileCarrierCode),
  );
}

const LAST_MILE_FIELDS = ['lastMileCarrierCode', 'lastMileNumber', 'lastMileUrl'] as const;

/** A userError of the tracking rules, worded and with its params, as a row's error on the column it names. */
function rowError(e: UserError, fallback: ImportField): RowVerdict {
  return {
    outcome: 'ERROR',
    code: e.code,
    message: e.message,
    params: parseMessageParams(e.params),
    field: (e.field?.at(-1) ?? fallback) as ImportField,
    targets: [],
  };
}

export function classifyTrackingRow(
  values: Values,
  lookup: Lookup,
  carriers: readonly CarrierEntity[],
  dateFormat: DateFormat,
  today: string,
  defaultCarrier: string | null = null,
): RowVerdict {
  if (isVoided(values.voided))
    return untouched(UNTOUCHED.VOIDED, `The label is voided (${values.voided}): skipped`, {
      value: values.voided!,
    });
  if (!values.trackingNumber) return untouched(UNTOUCHED.NO_TRACKING, 'No tracking number: left as it is');
  const trackingNumber = values.trackingNumber;
  let shippedOn: string | null = null;
  if (values.shippedOn) {
    shippedOn = parseSheetDate(values.shippedOn, dateFormat);
    if (!shippedOn)
      return error(ErrorCode.INVALID_DATE, 'shippedOn', 'notADate', {
        value: values.shippedOn,
        expected: dateFormat,
      });
  }
  const found = targetsOf(values, lookup);
  if ('outcome' in found) return found;
  if (repeatsStored(values, found.rows, shippedOn, carriers))
    return verdict(
      'UNCHANGED',
      found.rows.map((r) => r.id),
      'alreadyShippedSame',
    );
  if (values.carrier === undefined && values.carrierName === undefined && defaultCarrier)
    values = { ...values, carrier: defaultCarrier };
  const formula = formulaField(values, [
    'carrier',
    'carrierName',
    'trackingUrl',
    'shippingMethod',
    'trackingNumber',
    'lastMileTrackingNumber',
    'lastMileCarrier',
  ]);
  if (formula)
    return error(ErrorCode.INVALID, formula, 'formula', {
      field: formula,
      value: values[formula]!.slice(0, 40),
    });
  if (shippedOn && isShippedOnInFuture(shippedOn))
    return error(ErrorCode.INVALID_DATE, 'shippedOn', 'shippedInFutureOn', { date: shippedOn });
  if (values.trackingUrl && !/^https?:\/\/\S+$/i.test(values.trackingUrl))
    return error(ErrorCode.INVALID, 'trackingUrl', 'trackingUrlScheme');
  // A number of another carrier than the row names still applies, as the row says, with a warning; a carrier
  // name that is a typo of a known one is an error naming the suggestion, never stored as written.
  const resolved = resolveTracking(
    carriers,
    {
      trackingNumber,
      carrier: carrierTextOf(values.carrier, values.carrierName),
      trackingUrl: values.trackingUrl,
      acceptCarrierMismatch: true,
    },
    [],
  );
  const refusal = resolved.tracking
    ? resolved.warnings.find((w) => w.code === ErrorCode.CARRIER_UNKNOWN)
    : resolved.errors[0]!;
  if (refusal || !resolved.tracking) return rowError(refusal!, 'trackingNumber');
  const t = resolved.tracking;
  const warning = resolved.warnings.find((w) => w.code === ErrorCode.CARRIER_MISMATCH) ?? null;
  // Lines awaiting shipment ship; only when there are none is the row a correction of the shipped ones.
  const { moves } = planChange(found.rows, { kind: 'TRACKING' });
  const shipping = moves.filter((m) => m.move.eventType === 'SHIPPED');
  const targets = (shipping.length ? shipping : moves).map((m) => m.row);
  if (targets.length === 0) {
    const statuses = [...new Set(found.rows.map((r) => r.status))].join(', ');
    return error(ErrorCode.TRANSITION_NOT_ALLOWED, 'orderReference', 'trackingNotSettable', { statuses });
  }
  // Each line's last mile, by the tracking form's rule: a wrong number or carrier is the row's error. Only
  // what changes is written, so a line that has no last mile and gets none writes nothing more.
  const lastMiles = new Map<number, Partial<LastMile>>();
  for (const row of targets) {
    try {
      const next = nextLastMile(
        carriers,
        lookup.handover.get(row.partnerId) ?? [],
        row,
        {
          carrierCode: t.carrierCode,
          number: t.number,
          shippingMethod: values.shippingMethod ?? row.shippingMethod,
        },
        { number: values.lastMileTrackingNumber, carrierText: values.lastMileCarrier },
      );
      if (!next) continue;
      const changed: Partial<LastMile> = {};
      for (const key of LAST_MILE_FIELDS) if (next[key] !== row[key]) changed[key] = next[key];
      if (Object.keys(changed).length) lastMiles.set(row.id, changed);
    } catch (e) {
      if (e instanceof UserErrorsException) return rowError(e.userErrors[0]!, 'lastMileTrackingNumber');
      throw e;
    }
  }
  const patchFor = (row: FulfillmentEntity): FulfillmentPatch => {
    const trackingStatus = trackingStatusForNewNumber(carriers, t.carrierCode, row, t.number);
    return {
      ...(trackingStatus && { trackingStatus }),
      trackingNumber: t.number,
      carrierCode: t.carrierCode,
      carrierName: t.carrierName,
      trackingUrl: t.url,
      shippingMethod: values.shippingMethod ?? row.shippingMethod,
      shippedOn: shippedOn ?? row.shippedOn ?? today,
      ...lastMiles.get(row.id),
    };
  };
  const patches = new Map(targets.map((r) => [r.id, patchFor(r)]));
  for (const linePatch of patches.values()) {
    const tooLong = overLength(FulfillmentEntity, linePatch);
    if (tooLong) return tooLongError(tooLong);
  }
  const same = targets.every(
    (r) =>
      r.status === FulfillmentStatus.SHIPPED &&
      r.trackingNumber === t.number &&
      r.carrierCode === t.carrierCode &&
      r.carrierName === t.carrierName &&
      r.trackingUrl === t.url &&
      r.shippingMethod === patches.get(r.id)!.shippingMethod &&
      r.shippedOn === (shippedOn ?? r.shippedOn) &&
      !lastMiles.has(r.id),
  );
  const patch = rowPatch(patches);
  const ids = targets.map((r) => r.id);
  if (same) return verdict('UNCHANGED', ids, 'alreadyShippedSame');
  const change = verdict('CHANGE', ids, shipping.length ? 'ships' : 'correctsTracking');
  return {
    ...change,
    ...(warning && {
      code: warning.code,
      message: `${change.message}; warning: ${warning.message}`,
      params: parseMessageParams(warning.params),
    }),
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
    return error(ErrorCode.INVALID, formula, 'formula', {
      field: formula,
      value: values[formula]!.slice(0, 40),
    });
  if (!values.status) return error(ErrorCode.REQUIRED, 'status', 'statusMissing');
  const to = RETURN_STATUSES[values.status.toLowerCase().replace(/[^a-z]/g, '')];
  if (!to && (Object.values(FulfillmentStatus) as string[]).includes(values.status.trim().toUpperCase()))
    return untouched(UNTOUCHED.NOT_A_RETURN, `${values.status} is no return or cancellation: left as it is`, {
      status: values.status,
    });
  if (!to) return error(ErrorCode.INVALID, 'status', 'returnStatus', { value: values.status });
  const tooLong = overLength(FulfillmentEntity, { rmaNumber: values.rmaNumber });
  if (tooLong) return tooLongError(tooLong);
  const found = targetsOf(values, lookup);
  if ('outcome' in found) return found;
  const targets = planChange(found.rows, {
    kind: to === FulfillmentStatus.RETURNED ? 'RETURN' : 'CANCEL',
  }).moves.map((m) => m.row);
  if (targets.length === 0) {
    if (found.rows.every((r) => r.status === to && (!values.rmaNumber || r.rmaNumber === values.rmaNumber))) {
      return verdict(
        'UNCHANGED',
        found.rows.map((r) => r.id),
        'alreadyInStatus',
        { status: to },
      );
    }
    const statuses = [...new Set(found.rows.map((r) => r.status))].join(', ');
    return error(ErrorCode.TRANSITION_NOT_ALLOWED, 'status', 'cannotBecome', { statuses, status: to });
  }
  return {
    ...verdict(
      'CHANGE',
      targets.map((r) => r.id),
      to === FulfillmentStatus.RETURNED ? 'marksReturned' : 'cancels',
    ),
    to,
    patch: values.rmaNumber ? { rmaNumber: values.rmaNumber } : {},
  };
}
