import { describe, expect, it } from 'vitest';
import { canTransition, deriveOrderStatus, statusesThatCanBecome } from './transitions.js';
import { isValidDateOnly } from './validation.js';

describe('the fulfillment state table', () => {
  it('allows exactly the listed moves', () => {
    expect(canTransition('HOLD', 'SHIPPED')).toBe(true);
    expect(canTransition('HOLD', 'DELIVERED')).toBe(false);
    expect(canTransition('SHIPPED', 'SHIPPED')).toBe(true);
    expect(canTransition('DELIVERED', 'RETURNED')).toBe(true);
    expect(canTransition('DELIVERED', 'CANCELLED')).toBe(false);
    expect(canTransition('NOT_SHIPPING', 'HOLD')).toBe(true);
    expect(canTransition('NOT_SHIPPING', 'SHIPPED')).toBe(false);
    for (const to of ['HOLD', 'SHIPPED', 'DELIVERED', 'NOT_SHIPPING', 'RETURNED', 'CANCELLED'] as const) {
      expect(canTransition('RETURNED', to)).toBe(false);
      expect(canTransition('CANCELLED', to)).toBe(false);
    }
    expect(statusesThatCanBecome('CANCELLED').sort()).toEqual(['HOLD', 'NOT_SHIPPING', 'SHIPPED']);
  });

  it('derives the order status from its fulfillments', () => {
    expect(deriveOrderStatus(['HOLD', 'SHIPPED'])).toBe('OPEN');
    expect(deriveOrderStatus(['SHIPPED', 'NOT_SHIPPING'])).toBe('CLOSED');
    expect(deriveOrderStatus(['CANCELLED', 'CANCELLED'])).toBe('CANCELLED');
    expect(deriveOrderStatus(['CANCELLED', 'DELIVERED'])).toBe('CLOSED');
  });

  it('knows which calendar dates exist', () => {
    expect(isValidDateOnly('2026-11-02')).toBe(true);
    expect(isValidDateOnly('2028-02-29')).toBe(true);
    expect(isValidDateOnly('2026-02-30')).toBe(false);
    expect(isValidDateOnly('11/02/2026')).toBe(false);
    expect(isValidDateOnly('2026-13-01')).toBe(false);
  });
});
