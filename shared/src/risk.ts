import { FulfillmentStatus, TrackingStatus } from './enums.js';

/**
 * Why a shipped line may not reach its customer as planned (the `risk` grid filter). Only lines still on
 * their way (status SHIPPED, tracking not DELIVERED) are at risk. The reasons that name a tracking status
 * mean the status the line shows (tracking-status.ts): a line silent for TRACKING_EXPIRY_DAYS reads EXPIRED
 * instead, and NO_PROGRESS and LATE still catch it.
 * - NO_FIRST_SCAN: shipped before RISK_THRESHOLDS.firstScanBusinessDays business days ago (Mon–Fri, UTC)
 *   and the carrier has not scanned it yet (UNKNOWN, LABEL_CREATED, INFO_RECEIVED or NOT_FOUND).
 * - NO_PROGRESS: no news (no scan, no change) for RISK_THRESHOLDS.noProgressDays days.
 * - EXCEPTION, FAILED_ATTEMPT: the carrier reports that status.
 * - LATE: shipped more than RISK_THRESHOLDS.lateDays days ago.
 */
export const RiskReason = {
  NO_FIRST_SCAN: 'NO_FIRST_SCAN',
  NO_PROGRESS: 'NO_PROGRESS',
  EXCEPTION: 'EXCEPTION',
  FAILED_ATTEMPT: 'FAILED_ATTEMPT',
  LATE: 'LATE',
} as const;
export type RiskReason = (typeof RiskReason)[keyof typeof RiskReason];

/** The limits after which a shipped line counts as at risk, in one place. */
export const RISK_THRESHOLDS = {
  /** Business days (Mon–Fri) a shipped line may go without its first carrier scan. */
  firstScanBusinessDays: 2,
  /** Days a shipped line may go without news. */
  noProgressDays: 5,
  /** Days after shipping a line is expected to be delivered. */
  lateDays: 7,
} as const;

/** Tracking statuses that mean the carrier has not scanned the parcel yet. */
export const BEFORE_FIRST_SCAN: readonly TrackingStatus[] = [
  TrackingStatus.UNKNOWN,
  TrackingStatus.LABEL_CREATED,
  TrackingStatus.INFO_RECEIVED,
  TrackingStatus.NOT_FOUND,
];

/** The status a line must have to be at risk at all. */
export const AT_RISK_STATUS = FulfillmentStatus.SHIPPED;

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** The calendar date (YYYY-MM-DD, UTC) `days` business days (Mon–Fri) before `now`'s date. */
export function businessDaysBefore(now: Date, days: number): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  for (let left = days; left > 0;) {
    d.setUTCDate(d.getUTCDate() - 1);
    const weekday = d.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return isoDate(d);
}

/** The cut-off points of each reason at `now`: a line shipped (or silent) before one is at risk. */
export function riskCutoffs(now: Date = new Date()) {
  const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
  return {
    /** Shipped before this date (YYYY-MM-DD) and still unscanned: NO_FIRST_SCAN. */
    firstScanShippedBefore: businessDaysBefore(now, RISK_THRESHOLDS.firstScanBusinessDays),
    /** Last news before this instant: NO_PROGRESS. */
    noNewsSince: daysAgo(RISK_THRESHOLDS.noProgressDays),
    /** Shipped before this date: LATE. */
    lateShippedBefore: isoDate(daysAgo(RISK_THRESHOLDS.lateDays)),
  };
}
