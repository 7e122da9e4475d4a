import { describe, expect, it } from 'vitest';
import { formatMessage, isMessageVariant, MESSAGES, variantOfWords } from './messages.js';

describe('the message catalogue', () => {
  it('fills in the values, and picks the plural form by the count', () => {
    expect(formatMessage('unknownOrder', { reference: 'AO-99999' })).toBe('Unknown order AO-99999');
    expect(formatMessage('signInLocked', { count: 1 })).toBe(
      'Too many failed sign-ins; try again in 1 minute',
    );
    expect(formatMessage('signInLocked', { count: 14 })).toBe(
      'Too many failed sign-ins; try again in 14 minutes',
    );
    expect(formatMessage('noSuchPartner')).toBe('No such partner');
    expect(isMessageVariant('signInLocked')).toBe(true);
    expect(isMessageVariant('signInLocked_one')).toBe(true);
    expect(isMessageVariant('notAMessage')).toBe(false);
  });

  it('names a schema check by its words, and no two messages without values share words', () => {
    expect(variantOfWords(MESSAGES.notATrackingNumber)).toBe('notATrackingNumber');
    expect(variantOfWords('Some other text')).toBeNull();
    const fixed = Object.values(MESSAGES).filter((w) => !w.includes('{{'));
    expect(new Set(fixed).size).toBe(fixed.length);
  });
});
