import { describe, expect, it } from 'vitest';
import { ErrorCode } from './enums.js';
import { MESSAGES } from './messages.js';
import { trackingInputSchema } from './validation.js';

/** Each issue as path, code (a refinement's `params.code`, else zod's kind) and message. */
function issues(input: Record<string, unknown>) {
  const result = trackingInputSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => ({
    path: i.path.join('.'),
    code: i.code === 'custom' ? i.params?.code : i.code,
    message: i.message,
  }));
}

const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('trackingInputSchema', () => {
  it('removes the spaces and dashes of a pasted number, in the main and the additional numbers', () => {
    const parsed = trackingInputSchema.parse({
      trackingNumber: ' 1Z 5R8-939 0357–567 0019\t',
      additionalTrackingNumbers: ['1Z-5R89-3903-5756-7001-9'],
    });
    expect(parsed.trackingNumber).toBe('1Z5R893903575670019');
    expect(parsed.additionalTrackingNumbers).toEqual(['1Z5R893903575670019']);
  });

  it('text that is not shaped like a tracking number is INVALID "Not a tracking number", once', () => {
    for (const trackingNumber of [
      'hello world!!',
      'HELLOWORLD',
      'ABC-DEF',
      '1Z5R8939#035',
      'straße12345',
      '12345',
    ])
      expect(issues({ trackingNumber }), trackingNumber).toEqual([
        { path: 'trackingNumber', code: ErrorCode.INVALID, message: MESSAGES.notATrackingNumber },
      ]);
    expect(issues({ trackingNumber: '1Z5R89390357567001', additionalTrackingNumbers: ['n/a'] })).toEqual([
      {
        path: 'additionalTrackingNumbers.0',
        code: ErrorCode.INVALID,
        message: MESSAGES.notATrackingNumber,
      },
    ]);
  });

  it('empty or overlong numbers keep their own single issue', () => {
    expect(issues({ trackingNumber: ' - - ' })).toEqual([
      { path: 'trackingNumber', code: 'too_small', message: 'This field is required' },
    ]);
    for (const trackingNumber of ['1'.repeat(65), 'x!'.repeat(40)])
      expect(issues({ trackingNumber })).toEqual([
        { path: 'trackingNumber', code: 'too_big', message: 'Too long' },
      ]);
    // Separators do not count towards the limit.
    expect(issues({ trackingNumber: '1 2 3 4 '.repeat(10) })).toEqual([]);
  });

  it('a shipped date more than a day ahead is INVALID_DATE; today and tomorrow are fine', () => {
    const number = { trackingNumber: '1Z5R89390357567001' };
    expect(issues({ ...number, shippedOn: dayFromNow(0) })).toEqual([]);
    expect(issues({ ...number, shippedOn: dayFromNow(1) })).toEqual([]);
    for (const shippedOn of [dayFromNow(2), '2030-01-01'])
      expect(issues({ ...number, shippedOn }), shippedOn).toEqual([
        { path: 'shippedOn', code: ErrorCode.INVALID_DATE, message: MESSAGES.shippedInFuture },
      ]);
    expect(issues({ ...number, shippedOn: '2026-02-30' })).toEqual([
      { path: 'shippedOn', code: ErrorCode.INVALID_DATE, message: 'Use a real date as YYYY-MM-DD' },
    ]);
  });
});
