import { FulfillmentStatus as S, type FulfillmentStatus, OrderStatus } from './enums.js';

/**
 * The fulfillment states: the only place that says which status may
 * follow which. The server enforces it; the client reads it to disable actions.
 * SHIPPED → SHIPPED is a tracking correction.
 */
export const FULFILLMENT_TRANSITIONS: Readonly<Record<FulfillmentStatus, readonly FulfillmentStatus[]>> = {
  [S.HOLD]: [S.SHIPPED, S.NOT_SHIPPING, S.CANCELLED],
  [S.SHIPPED]: [S.SHIPPED, S.DELIVERED, S.RETURNED, S.CANCELLED],
  [S.DELIVERED]: [S.RETURNED],
  [S.NOT_SHIPPING]: [S.CANCELLED, S.HOLD],
  [S.RETURNED]: [],
  [S.CANCELLED]: [],
};

/** Where every line starts: awaiting shipment. The table above says where it may go from there. */
export const INITIAL_FULFILLMENT_STATUS: FulfillmentStatus = S.HOLD;

export function canTransition(from: FulfillmentStatus, to: FulfillmentStatus): boolean {
  return FULFILLMENT_TRANSITIONS[from].includes(to);
}

/** The statuses from which `to` can be reached, e.g. for set-based SQL guards. */
export function statusesThatCanBecome(to: FulfillmentStatus): FulfillmentStatus[] {
  return (Object.keys(FULFILLMENT_TRANSITIONS) as FulfillmentStatus[]).filter((from) =>
    canTransition(from, to),
  );
}

/** A fulfillment that may still reach the customer; subscriptions live while one does. */
export const ACTIVE_FULFILLMENT_STATUSES: readonly FulfillmentStatus[] = [S.HOLD, S.SHIPPED, S.DELIVERED];

/**
 * An order is CANCELLED when all its fulfillments are cancelled,
 * CLOSED when none is in HOLD any more, OPEN otherwise.
 */
export function deriveOrderStatus(statuses: readonly FulfillmentStatus[]): OrderStatus {
  if (statuses.length > 0 && statuses.every((s) => s === S.CANCELLED)) return OrderStatus.CANCELLED;
  if (statuses.some((s) => s === S.HOLD)) return OrderStatus.OPEN;
  return statuses.length === 0 ? OrderStatus.OPEN : OrderStatus.CLOSED;
}
