import {
  ErrorCode,
  FulfillmentStatus as S,
  type FulfillmentStatus,
  type OrderStatus,
  TrackingStatus,
} from './enums.js';
import { formatMessage, type MessageVariant } from './messages.js';
import { canTransition, deriveOrderStatus, INITIAL_FULFILLMENT_STATUS } from './transitions.js';

/**
 * What a channel asks for, whatever door it came through (UI, API, CSV, email, carrier, bulk, undo).
 * The planner below turns an intent and a line's current status into a move or a refusal; nothing
 * else decides which status a line gets or which history event records it.
 */
export type Intent =
  /** Tracking given: ships a line awaiting shipment, corrects a shipped one. */
  | { kind: 'TRACKING' }
  /** Mark as shipped without tracking. */
  | { kind: 'SHIP' }
  | { kind: 'NOT_SHIPPING' }
  | { kind: 'CANCEL' }
  | { kind: 'RETURN' }
  /** An admin puts a line that will not ship back to awaiting shipment. */
  | { kind: 'REOPEN' }
  /** A carrier scan: sets the tracking status; DELIVERED also delivers a shipped line. */
  | { kind: 'CARRIER_SCAN'; status: TrackingStatus }
  /**
   * Undo of a bulk action: back to the status the line had, which the state table need not allow as a
   * forward step (SHIPPED → HOLD). The caller has checked that nothing changed the line since.
   */
  | { kind: 'RESTORE'; to: FulfillmentStatus };

/** The history event types a change records (`FulfillmentEvent.type`). */
export type ChangeEventType =
  | 'SHIPPED'
  | 'TRACKING_UPDATED'
  | 'NOT_SHIPPING'
  | 'CANCELLED'
  | 'RETURNED'
  | 'REOPENED'
  | 'DELIVERED'
  | 'UNDONE'
  | `TRACKING_${TrackingStatus}`;
export type EventType = ChangeEventType | 'CREATED';

/**
 * A carrier's scan that left the line's status as it was (`TRACKING_<status>`; a person's tracking edit is
 * TRACKING_UPDATED, a delivery DELIVERED): it tells where the parcel is, and changes nothing a person wrote.
 */
export const isStatusKeepingScan = (e: {
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
}) => e.type.startsWith('TRACKING_') && e.type !== 'TRACKING_UPDATED' && e.fromStatus === e.toStatus;

export interface Move {
  to: FulfillmentStatus;
  eventType: ChangeEventType;
}

/** Why a line cannot move: its code, the catalogue message (variant) that words it, and the status it is in. */
export interface Refusal {
  code: ErrorCode;
  variant: RefusalVariant;
  status: FulfillmentStatus;
  message: string;
}

type RefusalVariant = Extract<
  MessageVariant,
  | 'trackingNotInStatus'
  | 'alreadyDelivered'
  | 'carrierEventNotShipped'
  | 'alreadyInStatus'
  | 'cannotShip'
  | 'cannotMarkNotShipping'
  | 'cannotCancel'
  | 'cannotReturn'
  | 'cannotReopen'
>;

const INTENT_TARGET: Record<'SHIP' | 'NOT_SHIPPING' | 'CANCEL' | 'RETURN' | 'REOPEN', FulfillmentStatus> = {
  SHIP: S.SHIPPED,
  NOT_SHIPPING: S.NOT_SHIPPING,
  CANCEL: S.CANCELLED,
  RETURN: S.RETURNED,
  REOPEN: S.HOLD,
};
const INTENT_EVENT: Record<keyof typeof INTENT_TARGET, ChangeEventType> = {
  SHIP: 'SHIPPED',
  NOT_SHIPPING: 'NOT_SHIPPING',
  CANCEL: 'CANCELLED',
  RETURN: 'RETURNED',
  REOPEN: 'REOPENED',
};
const CANNOT: Record<keyof typeof INTENT_TARGET, RefusalVariant> = {
  SHIP: 'cannotShip',
  NOT_SHIPPING: 'cannotMarkNotShipping',
  CANCEL: 'cannotCancel',
  RETURN: 'cannotReturn',
  REOPEN: 'cannotReopen',
};

const refuse = (variant: RefusalVariant, status: FulfillmentStatus): Refusal => ({
  code: ErrorCode.TRANSITION_NOT_ALLOWED,
  variant,
  status,
  message: formatMessage(variant, { status }),
});

/** The move one line makes for an intent, or why it cannot. Pure: the state table is its only input. */
export function planMove(from: FulfillmentStatus, intent: Intent): Move | Refusal {
  switch (intent.kind) {
    case 'TRACKING':
      if (from === S.HOLD) return { to: S.SHIPPED, eventType: 'SHIPPED' };
      if (from === S.SHIPPED) return { to: S.SHIPPED, eventType: 'TRACKING_UPDATED' };
      return refuse('trackingNotInStatus', from);
    case 'CARRIER_SCAN':
      if (intent.status === TrackingStatus.DELIVERED) {
        if (from === S.SHIPPED) return { to: S.DELIVERED, eventType: 'DELIVERED' };
        if (from === S.DELIVERED) return refuse('alreadyDelivered', from);
      } else if (from === S.SHIPPED || from === S.DELIVERED) {
        return { to: from, eventType: `TRACKING_${intent.status}` };
      }
      return refuse('carrierEventNotShipped', from);
    case 'RESTORE':
      return { to: intent.to, eventType: 'UNDONE' };
    default: {
      const to = INTENT_TARGET[intent.kind];
      if (from === to) return refuse('alreadyInStatus', from);
      if (!canTransition(from, to)) return refuse(CANNOT[intent.kind], from);
      return { to, eventType: INTENT_EVENT[intent.kind] };
    }
  }
}

export const isRefusal = (plan: Move | Refusal): plan is Refusal => 'code' in plan;

export interface PlannedLine<R> {
  row: R;
  move: Move;
}

export interface Plan<R> {
  moves: PlannedLine<R>[];
  refusals: { row: R; refusal: Refusal }[];
}

/** Splits lines into the ones that move (and how) and the ones refused, with their reasons. */
export function planChange<R extends { status: FulfillmentStatus }>(
  rows: readonly R[],
  intent: Intent,
): Plan<R> {
  const plan: Plan<R> = { moves: [], refusals: [] };
  for (const row of rows) {
    const result = planMove(row.status, intent);
    if (isRefusal(result)) plan.refusals.push({ row, refusal: result });
    else plan.moves.push({ row, move: result });
  }
  return plan;
}

/** The first history event of a line: it comes into being in the state table's first status. */
export interface Creation {
  to: FulfillmentStatus;
  eventType: Extract<EventType, 'CREATED'>;
}

export interface CreationPlan<L> {
  /** The new order's status, derived from its lines as after any change. */
  orderStatus: OrderStatus;
  lines: { line: L; creation: Creation }[];
}

/**
 * A new order's lines: each starts where the state table starts every line, and its history opens with
 * CREATED (from no status). Creation has no refusals: what may be created is the input schema's business.
 */
export function planCreation<L>(lines: readonly L[]): CreationPlan<L> {
  const creation: Creation = { to: INITIAL_FULFILLMENT_STATUS, eventType: 'CREATED' };
  return {
    orderStatus: deriveOrderStatus(lines.map(() => creation.to)),
    lines: lines.map((line) => ({ line, creation })),
  };
}

/** History events that tell a partner's digest about a shipment: the first tracking and its corrections. */
export const SHIPMENT_EVENT_TYPES = [
  'SHIPPED',
  'TRACKING_UPDATED',
] as const satisfies readonly ChangeEventType[];

/**
 * Which notifications a move causes: the one notification policy.
 * - the member's "your item has shipped" email: a move into SHIPPED unless the caller said not to (it
 *   is sent once per line ever, whatever channel ships it); a correction or a carrier scan of a shipped
 *   line sends none, and neither does an undo (the shipment it restores was told, or chose not to be),
 *   so a shipment made without notifying stays without;
 * - a line in the partner's digest: a shipment or a tracking correction, not a restore;
 * - a member email still waiting is withdrawn when an undo takes the shipment back.
 * Webhooks tell partners of every change.
 */
export function effectsOf(
  from: FulfillmentStatus,
  move: Move,
  options: { notifyCustomer?: boolean } = {},
): { memberEmail: boolean; digest: boolean; withdrawMemberEmail: boolean } {
  const restore = move.eventType === 'UNDONE';
  return {
    memberEmail: !restore && move.to === S.SHIPPED && from !== S.SHIPPED && options.notifyCustomer !== false,
    digest: !restore && (SHIPMENT_EVENT_TYPES as readonly string[]).includes(move.eventType),
    withdrawMemberEmail: restore && from === S.SHIPPED && move.to !== S.SHIPPED,
  };
}
