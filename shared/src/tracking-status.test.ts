import { describe, expect, it } from 'vitest';
import { FulfillmentStatus, type TrackingStatus } from './enums.js';
import { TRACKING_EXPIRY_DAYS, trackingStatusAt } from './tracking-status.js';

const now = new Date('2026-03-31T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
const shipped = (trackingStatus: TrackingStatus, lastNewsAt: Date | null) => ({
  status: FulfillmentStatus.SHIPPED,
  trackingStatus,
  lastNewsAt,
});

describe('trackingStatusAt', () => {
  it('a shipped line silent for longer than the expiry reads EXPIRED', () => {
    expect(trackingStatusAt(shipped('IN_TRANSIT', daysAgo(TRACKING_EXPIRY_DAYS + 1)), now)).toBe('EXPIRED');
    expect(trackingStatusAt(shipped('IN_TRANSIT', daysAgo(TRACKING_EXPIRY_DAYS - 1)), now)).toBe(
      'IN_TRANSIT',
    );
  });

  it('a delivered shipment, a line not shipped, or one with no known time never expires', () => {
    expect(trackingStatusAt(shipped('DELIVERED', daysAgo(90)), now)).toBe('DELIVERED');
    expect(trackingStatusAt(shipped('IN_TRANSIT', null), now)).toBe('IN_TRANSIT');
    expect(
      trackingStatusAt(
        { status: FulfillmentStatus.RETURNED, trackingStatus: 'EXCEPTION', lastNewsAt: daysAgo(90) },
        now,
      ),
    ).toBe('EXCEPTION');
  });
});
