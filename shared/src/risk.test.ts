import { describe, expect, it } from 'vitest';
import { businessDaysBefore, riskCutoffs } from './risk.js';

describe('risk cut-offs', () => {
  it('count business days back over a weekend', () => {
    // Wednesday 2026-12-02: two business days back is Monday; from Monday it is the Thursday before.
    expect(businessDaysBefore(new Date('2026-12-02T10:00:00Z'), 2)).toBe('2026-11-30');
    expect(businessDaysBefore(new Date('2026-11-30T10:00:00Z'), 2)).toBe('2026-11-26');
    expect(businessDaysBefore(new Date('2026-11-29T23:59:00Z'), 1)).toBe('2026-11-27');
  });

  it('put LATE a week and NO_PROGRESS five days back', () => {
    const now = new Date('2026-12-02T10:00:00Z');
    const cut = riskCutoffs(now);
    expect(cut.lateShippedBefore).toBe('2026-11-25');
    expect(cut.noNewsSince.toISOString()).toBe('2026-11-27T10:00:00.000Z');
    expect(cut.firstScanShippedBefore).toBe('2026-11-30');
  });
});
