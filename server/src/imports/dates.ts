import type { DateFormat } from '@ft/shared';
import { addDays, format, isValid, parse } from 'date-fns';

const EXCEL_EPOCH = new Date(Date.UTC(1899, 11, 30));

/**
 * A shipped date as spreadsheets write it: `MM/DD/YYYY` (the default for these
 * files) or `DD.MM.YYYY` when chosen, ISO `YYYY-MM-DD` always, and Excel
 * serial numbers. Returns YYYY-MM-DD, or null when the date does not exist.
 */
export function parseSheetDate(raw: string, dateFormat: DateFormat): string | null {
  // A file repeats a handful of ship dates over thousands of rows; parsing one costs ~12 µs.
  if (raw.length > 32) return parseOnce(raw, dateFormat); // no date is that long; junk must not fill the cache
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
  if (/^\d{4,5}(\.\d+)?$/.test(value)) {
    const serial = Math.floor(Number(value));
    // 1 = 1900-01-01; 60 is Excel's phantom 1900-02-29, so count from 1899-12-30.
    if (serial < 20000 || serial > 80000) return null;
    const d = addDays(EXCEL_EPOCH, serial);
    return d.toISOString().slice(0, 10);
  }
  if (dateFormat === 'DD.MM.YYYY' && /^\d{1,2}[./-]\d{1,2}[./-]\d{4}$/.test(value))
    return strict(value.replace(/[/-]/g, '.'), 'd.M.yyyy');
  if (/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(value)) return strict(value, 'M/d/yyyy');
  if (/^\d{1,2}\.\d{1,2}\.\d{4}$/.test(value)) return strict(value, 'd.M.yyyy'); // a dotted date is German whatever the setting
  return null;
}

function strict(value: string, pattern: string): string | null {
  const d = parse(value, pattern, new Date(2000, 0, 1));
  return isValid(d) ? format(d, 'yyyy-MM-dd') : null;
}
