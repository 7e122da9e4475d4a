import { describe, expect, it } from 'vitest';
import { renderDigest } from '../src/notifications/templates.js';

describe('the partner digest email', () => {
  it('lists every order it has and counts the ones beyond its list', () => {
    const lines = [
      { reference: 'NW-1', trackingNumbers: ['1Z5R89390357567001'] },
      { reference: 'NW-2', trackingNumbers: [] },
    ];
    const whole = renderDigest('North Wind', 'bulk action', lines);
    expect(whole.subject).toBe('North Wind: 2 orders shipped (bulk action)');
    expect(whole.text).toContain('NW-1\t1Z5R89390357567001');
    expect(whole.text).toContain('NW-2\t(no tracking number)');
    expect(whole.text).not.toContain('more orders');

    const cut = renderDigest('North Wind', 'bulk action', lines, 1_050_000);
    expect(cut.subject).toBe('North Wind: 1,050,000 orders shipped (bulk action)');
    expect(cut.text.split('\n').at(-1)).toBe(
      '… and 1,049,998 more orders; export the fulfillments for the full list.',
    );
    expect(cut.html).toContain(
      '<p>… and 1,049,998 more orders; export the fulfillments for the full list.</p>',
    );
  });
});
