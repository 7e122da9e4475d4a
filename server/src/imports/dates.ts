import type { DateFormat } from '@ft/shared';
import { addDays, format, isValid, parse } from 'date-fns';

const EXCEL_EPOCH = new Date(Date.UTC(1899, 11, 30));

/** `DD.MM.YYYY` reads a date with a slash or a dash day first; `MM/DD/YYYY` month first. */
const dayFirst = (dateFormat: DateFormat) => dateFormat === 'DD.MM.YYYY';

/** Day and month as a file writes them: `03/04/2026`, `03-04-2026`, `03.04.2026`. */
const DAY_MONTH = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;
/** ISO with a time and maybe an offset: `2026-11-06 09:14:27 -0500`, `2026-11-06T09:14:27+01:00`, `…Z`. */
const ISO_DATE_TIME =
  /^(\d{4}-\d{1,2}-\d{1,2})[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)?$/i;
/** RFC 2822, as BigCommerce writes its dates: `Sun, 08 Nov 2026 14:21:24 +0000` (the weekday and time optional). */
const RFC_2822 =
  /^(?:[a-z]{3},\s*)?(\d{1,2})\s+([a-z]{3})\s+(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:[+-]\d{4}|[a-z]{1,5}))?)?$/i;

/**
 * A shipped date as spreadsheets and carrier files write it: ISO `YYYY-MM-DD` (with or without a time and
 * offset), RFC 2822 (`Sun, 08 Nov 2026 14:21:24 +0000`), `YYYYMMDD`, day and month separated by `/`, `-` or `.` (a dotted date is always day first; the
 * others are read as `dateFormat` says), Excel serial numbers, and UNIX timestamps in seconds or
 * milliseconds. Returns YYYY-MM-DD, or null when the date does not exist.
 */
export function parseSheetDate(raw: string, dateFormat: DateFormat): string | null {
  // A file repeats a handful of ship dates over thousands of rows; parsing one costs ~12 µs.
  if (raw.length > 40) return parseOnce(raw, dateFormat); // no date is that long; junk must not fill the cache
  const key = `${dateFormat}|${raw}`;
  const known = parsed.get(key);
  if (known !== undefined) return known;
  if (parsed.size >= 10_000) parsed.clear();
  const result = parseOnce(raw, dateFormat);
  parsed.set(key, result);
  return result;
}

const parsed = new Map<string, string | null>();

function parseOnce(raw: string, dateFormat: DateFormat): string | null {
  const value = raw.trim();
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(value)) return strict(value, 'yyyy-M-d');
  // The day the shipper wrote, in the shipper's own offset: that is the day it shipped.
  const dateTime = ISO_DATE_TIME.exec(value);
  if (dateTime) return strict(dateTime[1]!, 'yyyy-M-d');
  const rfc = RFC_2822.exec(value);
  if (rfc) return strict(`${rfc[1]} ${rfc[2]!.toLowerCase()} ${rfc[3]}`, 'd MMM yyyy');
  if (/^(19|20)\d{6}$/.test(value)) return strict(value, 'yyyyMMdd');
  // Seconds since 1970 from 2001-09-09 on; milliseconds likewise. The day is the UTC day.
  if (/^\d{10}$/.test(value)) return new Date(Number(value) * 1000).toISOString().slice(0, 10);
  if (/^\d{13}$/.test(value)) return new Date(Number(value)).toISOString().slice(0, 10);
  if (/^\d{4,5}(\.\d+)?$/.test(value)) {
    const serial = Math.floor(Number(value));
    // 1 = 1900-01-01; 60 is Excel's phantom 1900-02-29, so count from 1899-12-30.
    if (serial < 20000 || serial > 80000) return null;
    const d = addDays(EXCEL_EPOCH, serial);
    return d.toISOString().slice(0, 10);
  }
  const m = DAY_MONTH.exec(value);
  if (m) {
    const [, a, separator, b, year] = m;
    const first = separator === '.' || dayFirst(dateFormat);
    return strict(`${first ? a : b}.${first ? b : a}.${year}`, 'd.M.yyyy');
  }
  return null;
}

function strict(value: string, pattern: string): string | null {
  const d = parse(value, pattern, new Date(2000, 0, 1));
  return isValid(d) ? format(d, 'yyyy-MM-dd') : null;
}

export type DateOrder = 'DAY_FIRST' | 'MONTH_FIRST';

/**
 * What a file's dates say about which comes first, collected row by row: a date only one order can read
 * (13/04/2026) settles it, a date both orders read differently (03/04/2026) needs it settled.
 */
export class DateOrderEvidence {
  private readable = { DAY_FIRST: false, MONTH_FIRST: false };
  /** Dates that read differently either way, as the file writes them (the first few). */
  readonly ambiguous: string[] = [];

  add(raw: string): void {
    const m = DAY_MONTH.exec(raw.trim());
    if (!m || m[2] === '.' || m[1] === m[3]) return;
    const asDay = parseSheetDate(raw, 'DD.MM.YYYY');
    const asMonth = parseSheetDate(raw, 'MM/DD/YYYY');
    if (asDay && asMonth) {
      if (this.ambiguous.length < 3 && !this.ambiguous.includes(raw.trim())) this.ambiguous.push(raw.trim());
    } else if (asDay) this.readable.DAY_FIRST = true;
    else if (asMonth) this.readable.MONTH_FIRST = true;
  }

  /** The order the file settles; null when it does not (no date settles it, or dates settle both). */
  get settled(): DateOrder | null {
    const { DAY_FIRST, MONTH_FIRST } = this.readable;
    return DAY_FIRST === MONTH_FIRST ? null : DAY_FIRST ? 'DAY_FIRST' : 'MONTH_FIRST';
  }

  /** Whether the user must say which comes first: some date reads two ways and the others do not settle it. */
  get needsChoice(): boolean {
    return this.ambiguous.length > 0 && this.settled === null;
  }
}

export const DATE_FORMAT_OF: Record<DateOrder, DateFormat> = {
  DAY_FIRST: 'DD.MM.YYYY',
  MONTH_FIRST: 'MM/DD/YYYY',
};
