import { describe, expect, it, vi } from 'vitest';
import { TrackingCheckThread, type TrackingQuestion } from '../src/tracking/check-thread.js';
import { inlineChecks } from '../src/tracking/tracking-number.js';
import { makeTrackingNumber, seededRng } from '../src/seed/tracking-numbers.js';

/** A big import's tracking checks run on a worker thread: its answers must be the library's, and a dead thread must cost nothing but speed. */
const rng = seededRng(5);
const ups = makeTrackingNumber('ups', rng);
const badUps = ups.slice(0, -1) + String((Number(ups.at(-1)) + 1) % 10);
const questions: TrackingQuestion[] = [
  ['ups', ups], ['ups', badUps], ['fedex', ups], ['usps', makeTrackingNumber('usps', rng)],
  [null, ups], [null, badUps], [null, 'ABCDEF123'], [null, makeTrackingNumber('fedex', rng)], [null, 'RB123456785DE'],
];
const inline = (q: TrackingQuestion) => (q[0] === null ? inlineChecks.detectCarrier(q[1]) : inlineChecks.checkDigitFor(q[0], q[1]));
const answered = (checks: Awaited<ReturnType<TrackingCheckThread['ask']>>, q: TrackingQuestion) => (q[0] === null ? checks.detectCarrier(q[1]) : checks.checkDigitFor(q[0], q[1]));

describe('the tracking check thread', () => {
  it('answers exactly as the library does inline: valid, wrong check digit, other carrier, detected, unknown', async () => {
    const thread = new TrackingCheckThread();
    try {
      const checks = await thread.ask(questions);
      const expected = questions.map(inline);
      expect(expected).toContainEqual({ candidates: [], checkDigitValid: null });
      expect(expected.slice(0, 2)).toEqual([true, false]);
      // Every answer comes from the thread: nothing falls back to this thread's library calls.
      const digit = vi.spyOn(inlineChecks, 'checkDigitFor');
      const detect = vi.spyOn(inlineChecks, 'detectCarrier');
      try {
        expect(questions.map((q) => answered(checks, q))).toEqual(expected);
        expect(digit.mock.calls.length + detect.mock.calls.length).toBe(0);
      } finally {
        digit.mockRestore();
        detect.mockRestore();
      }
    } finally {
      await thread.close();
    }
  });

  it('after the thread is gone, questions are answered inline, not left waiting', async () => {
    const thread = new TrackingCheckThread();
    await thread.close();
    const checks = await thread.ask(questions);
    expect(questions.map((q) => answered(checks, q))).toEqual(questions.map(inline));
  });

  it('a question open when the thread goes away is answered inline, not left waiting', async () => {
    const thread = new TrackingCheckThread();
    const pending = thread.ask(questions);
    await thread.close();
    const checks = await pending;
    expect(questions.map((q) => answered(checks, q))).toEqual(questions.map(inline));
  });
});
