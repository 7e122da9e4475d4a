import { describe, expect, it } from 'vitest';
import {
  effectsOf,
  type Intent,
  isRefusal,
  isStatusKeepingScan,
  planChange,
  planCreation,
  planMove,
} from './change-plan.js';
import { FulfillmentStatus, type TrackingStatus } from './enums.js';
import { FULFILLMENT_TRANSITIONS, INITIAL_FULFILLMENT_STATUS } from './transitions.js';

const STATUSES = Object.values(FulfillmentStatus);
const moveOf = (from: FulfillmentStatus, intent: Intent) => {
  const plan = planMove(from, intent);
  return isRefusal(plan) ? plan.code : `${plan.to} ${plan.eventType}`;
};

describe('the change planner', () => {
  it('ships a line awaiting shipment when tracking is entered, and corrects a shipped one', () => {
    expect(moveOf('HOLD', { kind: 'TRACKING' })).toBe('SHIPPED SHIPPED');
    expect(moveOf('SHIPPED', { kind: 'TRACKING' })).toBe('SHIPPED TRACKING_UPDATED');
    for (const from of ['DELIVERED', 'NOT_SHIPPING', 'RETURNED', 'CANCELLED'] as const) {
      expect(moveOf(from, { kind: 'TRACKING' })).toBe('TRANSITION_NOT_ALLOWED');
    }
  });

  it('allows a bulk or returns move exactly where the state table does, and refuses a line already there', () => {
    const intents = {
      SHIP: 'SHIPPED',
      NOT_SHIPPING: 'NOT_SHIPPING',
      CANCEL: 'CANCELLED',
      RETURN: 'RETURNED',
      REOPEN: 'HOLD',
    } as const;
    for (const [kind, to] of Object.entries(intents) as [keyof typeof intents, FulfillmentStatus][]) {
      for (const from of STATUSES) {
        const plan = planMove(from, { kind });
        const allowed = from !== to && FULFILLMENT_TRANSITIONS[from].includes(to);
        expect(isRefusal(plan), `${kind} from ${from}`).toBe(!allowed);
        if (isRefusal(plan)) {
          expect(plan.code).toBe('TRANSITION_NOT_ALLOWED');
          expect(plan.message).toContain(from === to ? `Already ${from}` : from);
        } else expect(plan.to).toBe(to);
      }
    }
  });

  it('records the event each move is known by', () => {
    expect(moveOf('HOLD', { kind: 'SHIP' })).toBe('SHIPPED SHIPPED');
    expect(moveOf('HOLD', { kind: 'NOT_SHIPPING' })).toBe('NOT_SHIPPING NOT_SHIPPING');
    expect(moveOf('SHIPPED', { kind: 'CANCEL' })).toBe('CANCELLED CANCELLED');
    expect(moveOf('DELIVERED', { kind: 'RETURN' })).toBe('RETURNED RETURNED');
    expect(moveOf('NOT_SHIPPING', { kind: 'REOPEN' })).toBe('HOLD REOPENED');
  });

  it('delivers a shipped line on a DELIVERED scan and only sets the tracking status on others', () => {
    const scan = (status: TrackingStatus): Intent => ({ kind: 'CARRIER_SCAN', status });
    expect(moveOf('SHIPPED', scan('DELIVERED'))).toBe('DELIVERED DELIVERED');
    expect(moveOf('DELIVERED', scan('DELIVERED'))).toBe('TRANSITION_NOT_ALLOWED');
    expect(moveOf('SHIPPED', scan('IN_TRANSIT'))).toBe('SHIPPED TRACKING_IN_TRANSIT');
    expect(moveOf('DELIVERED', scan('EXCEPTION'))).toBe('DELIVERED TRACKING_EXCEPTION');
    for (const from of ['HOLD', 'NOT_SHIPPING', 'RETURNED', 'CANCELLED'] as const) {
      expect(moveOf(from, scan('IN_TRANSIT'))).toBe('TRANSITION_NOT_ALLOWED');
    }
  });

  it('restores any status on undo, even one the table does not allow as a forward step', () => {
    expect(moveOf('SHIPPED', { kind: 'RESTORE', to: 'HOLD' })).toBe('HOLD UNDONE');
  });

  it('splits a selection into moves and per-line refusals', () => {
    const rows = [
      { id: 1, status: 'HOLD' as const },
      { id: 2, status: 'SHIPPED' as const },
      { id: 3, status: 'CANCELLED' as const },
    ];
    const plan = planChange(rows, { kind: 'SHIP' });
    expect(plan.moves.map((m) => m.row.id)).toEqual([1]);
    expect(plan.refusals.map((r) => [r.row.id, r.refusal.message])).toEqual([
      [2, 'Already SHIPPED'],
      [3, 'A CANCELLED fulfillment cannot be marked as shipped'],
    ]);
  });
});

describe('creating lines', () => {
  it('starts every line awaiting shipment with a CREATED event, and the order OPEN', () => {
    const plan = planCreation([{ sku: 'A' }, { sku: 'B' }]);
    expect(plan.orderStatus).toBe('OPEN');
    expect(plan.lines).toEqual([
      { line: { sku: 'A' }, creation: { to: 'HOLD', eventType: 'CREATED' } },
      { line: { sku: 'B' }, creation: { to: 'HOLD', eventType: 'CREATED' } },
    ]);
  });

  it('starts lines where the state table starts them, from which they can ship, not ship or be cancelled', () => {
    const [{ creation }] = planCreation([{}]).lines;
    expect(creation.to).toBe(INITIAL_FULFILLMENT_STATUS);
    expect(FULFILLMENT_TRANSITIONS[creation.to]).toEqual(
      expect.arrayContaining(['SHIPPED', 'NOT_SHIPPING', 'CANCELLED']),
    );
  });
});

describe('the notification policy', () => {
  it('emails the member on every shipment unless told not to, and lists shipments and corrections in digests', () => {
    expect(effectsOf('HOLD', { to: 'SHIPPED', eventType: 'SHIPPED' })).toEqual({
      memberEmail: true,
      digest: true,
      withdrawMemberEmail: false,
    });
    expect(
      effectsOf('HOLD', { to: 'SHIPPED', eventType: 'SHIPPED' }, { notifyCustomer: false }).memberEmail,
    ).toBe(false);
    expect(effectsOf('SHIPPED', { to: 'SHIPPED', eventType: 'TRACKING_UPDATED' })).toEqual({
      memberEmail: false,
      digest: true,
      withdrawMemberEmail: false,
    });
    expect(effectsOf('SHIPPED', { to: 'SHIPPED', eventType: 'TRACKING_IN_TRANSIT' }).memberEmail).toBe(false);
    expect(effectsOf('SHIPPED', { to: 'SHIPPED', eventType: 'TRACKING_IN_TRANSIT' }).digest).toBe(false);
    expect(effectsOf('HOLD', { to: 'NOT_SHIPPING', eventType: 'NOT_SHIPPING' })).toEqual({
      memberEmail: false,
      digest: false,
      withdrawMemberEmail: false,
    });
  });

  it('withdraws a waiting member email when an undo takes the shipment back, and lists no restore in a digest', () => {
    expect(effectsOf('SHIPPED', { to: 'HOLD', eventType: 'UNDONE' })).toEqual({
      memberEmail: false,
      digest: false,
      withdrawMemberEmail: true,
    });
    expect(effectsOf('NOT_SHIPPING', { to: 'SHIPPED', eventType: 'UNDONE' }).digest).toBe(false);
    // Undoing a cancellation restores a shipment: its member was told then, or chose not to be.
    expect(effectsOf('CANCELLED', { to: 'SHIPPED', eventType: 'UNDONE' }).memberEmail).toBe(false);
  });
});

describe('what an undo may look past', () => {
  it("only a carrier scan that kept the line's status: not a person's tracking edit, not a delivery", () => {
    const event = (type: string, fromStatus: string, toStatus: string) => ({ type, fromStatus, toStatus });
    expect(isStatusKeepingScan(event('TRACKING_IN_TRANSIT', 'SHIPPED', 'SHIPPED'))).toBe(true);
    expect(isStatusKeepingScan(event('TRACKING_EXCEPTION', 'DELIVERED', 'DELIVERED'))).toBe(true);
    expect(isStatusKeepingScan(event('TRACKING_UPDATED', 'SHIPPED', 'SHIPPED'))).toBe(false);
    expect(isStatusKeepingScan(event('DELIVERED', 'SHIPPED', 'DELIVERED'))).toBe(false);
    expect(isStatusKeepingScan(event('UNDONE', 'SHIPPED', 'SHIPPED'))).toBe(false);
  });
});
