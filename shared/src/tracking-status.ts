import { FulfillmentStatus, TrackingStatus } from './enums.js';

/** After this many days without news of a shipped line, its tracking reads EXPIRED (as the aggregators count). */
export const TRACKING_EXPIRY_DAYS = 30;

/** Statuses that end a shipment's tracking: no silence after them makes it expire. */
const SETTLED: readonly TrackingStatus[] = [TrackingStatus.DELIVERED, TrackingStatus.EXPIRED];

/**
 * The tracking status a line shows at `now`: the stored one, or EXPIRED when a line is still shipped and
 * nothing (no scan, no change) reached it for TRACKING_EXPIRY_DAYS. Worked out on read, so it is right the
 * moment anyone looks and needs no job that rewrites old rows.
 */
export function trackingStatusAt(
  line: { status: FulfillmentStatus; trackingStatus: TrackingStatus; lastNewsAt: Date | null | undefined },
  now: Date = new Date(),
): TrackingStatus {
  if (!line.lastNewsAt || line.status !== FulfillmentStatus.SHIPPED || SETTLED.includes(line.trackingStatus))
    return line.trackingStatus;
  const silentMs = now.getTime() - line.lastNewsAt.getTime();
  return silentMs > TRACKING_EXPIRY_DAYS * 86_400_000 ? TrackingStatus.EXPIRED : line.trackingStatus;
}
