import { detectCarrier } from './tracking-number.js';

/** A tracking number found in free text, and where: [start, end) of the characters it was written as. */
export interface FoundTrackingNumber {
  number: string;
  start: number;
  end: number;
}

/** A number written in groups ("1Z 999 AA1 02 0142 5427") has at most this many of them. */
const MAX_GROUPS = 8;
/** Digits-only groups join only into numbers this long: shorter runs are phone numbers, dates and amounts. */
const MIN_GROUPED_DIGITS = 20;

interface Word {
  text: string;
  start: number;
  end: number;
}

/**
 * The tracking numbers written in `text`, in the order they appear.
 *
 * A number counts only as a whole word (letters and digits between
 * boundaries, so never the inside of a longer number or word), or as a run of
 * groups separated by single spaces or dashes, and only when a carrier's
 * format matches and its check digit passes (a format without a check digit
 * counts as it is). Where two candidates overlap, the longer wins.
 */
export function findTrackingNumbers(text: string): FoundTrackingNumber[] {
  const words: Word[] = [];
  // Any letter or digit (not only ASCII) continues a word: "é1Z…" is not a number.
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu))
    words.push({ text: m[0], start: m.index, end: m.index + m[0].length });

  // Mails repeat themselves (a number in the subject, the text and a link): each string is judged once.
  const verdicts = new Map<string, boolean>();
  const isValid = (s: string) => {
    let v = verdicts.get(s);
    if (v === undefined) verdicts.set(s, (v = detectCarrier(s).checkDigitValid === true));
    return v;
  };
  const candidates: (FoundTrackingNumber & { first: number; last: number })[] = [];
  for (let i = 0; i < words.length; i++) {
    let joined = '';
    let separator: string | null = null;
    for (let j = i; j < words.length && j < i + MAX_GROUPS; j++) {
      const word = words[j]!;
      if (!/^[A-Za-z0-9]+$/.test(word.text)) break;
      if (j > i) {
        const gap = text.slice(words[j - 1]!.end, word.start);
        if (gap !== ' ' && gap !== '-' && gap !== '\u00a0') break;
        // "1Z 999-AA1" is two things, not one grouped number.
        if (separator !== null && gap !== separator) break;
        separator = gap;
        // A group is short; a long word after a space is a word of its own.
        if (word.text.length > 6 || words[j - 1]!.text.length > 6) break;
      }
      joined += word.text;
      if (joined.length > 40) break;
      // Every format has digits; a group run starts with digits or a short letter prefix ("RR", "JJD").
      if (j === i + 1 && !/\d/.test(words[i]!.text) && words[i]!.text.length > 3) break;
      if (joined.length < 8 || !/\d/.test(joined)) continue;
      if (j > i && /^\d+$/.test(joined) && joined.length < MIN_GROUPED_DIGITS) continue;
      if (!isValid(joined)) continue;
      candidates.push({
        number: joined.toUpperCase(),
        start: words[i]!.start,
        end: word.end,
        first: i,
        last: j,
      });
    }
  }

  // The longer of two overlapping candidates wins; of two as long, the earlier.
  candidates.sort((a, b) => b.number.length - a.number.length || a.start - b.start);
  const taken: typeof candidates = [];
  for (const c of candidates) if (!taken.some((t) => c.first <= t.last && t.first <= c.last)) taken.push(c);
  return taken.sort((a, b) => a.start - b.start).map(({ number, start, end }) => ({ number, start, end }));
}
