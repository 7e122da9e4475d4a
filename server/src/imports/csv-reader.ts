import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';

/**
 * Turns an uploaded file into header + records, whatever the spreadsheet that
 * wrote it: UTF-8 with or without BOM, UTF-16 (Excel "Unicode text"),
 * Windows-1252; comma, semicolon or tab; quoted fields with delimiters and
 * newlines. Every refusal names the line (and column) at fault.
 */
export const CSV_LIMITS = {
  maxBytes: 50 * 1024 * 1024,
  maxColumns: 200,
  maxCellChars: 10_000,
  maxRecordChars: 60_000,
  maxRows: 500_000,
} as const;

export class CsvError extends Error {
  constructor(message: string, readonly line: number | null = null, readonly column: string | null = null) {
    super(message);
  }
}

export interface CsvRecord {
  line: number;
  cells: string[];
}

export interface ParsedCsv {
  encoding: string;
  delimiter: string;
  headers: string[];
  records: CsvRecord[];
}

export function decode(buffer: Buffer): { text: string; encoding: string } {
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) return { text: iconv.decode(buffer.subarray(2), 'utf16le'), encoding: 'UTF-16LE' };
  if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) return { text: iconv.decode(buffer.subarray(2), 'utf16be'), encoding: 'UTF-16BE' };
  if (buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return { text: buffer.subarray(3).toString('utf8'), encoding: 'UTF-8' };
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  try {
    return { text: utf8.decode(buffer), encoding: 'UTF-8' };
  } catch {
    return { text: iconv.decode(buffer, 'win1252'), encoding: 'Windows-1252' };
  }
}

/** The delimiter that splits the header line into the most columns, ignoring quoted text. */
export function detectDelimiter(text: string): string {
  const firstLine = (text.split(/\r?\n/, 1)[0] ?? '').replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t', '|']) {
    const count = firstLine.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

function looksBinary(buffer: Buffer): boolean {
  const sample = buffer.subarray(0, 8192);
  if (sample[0] === 0xff || sample[0] === 0xfe) return false; // UTF-16 has NULs by design
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 9 || (byte > 13 && byte < 32)) control++;
  }
  return control > sample.length * 0.05;
}

export function readCsv(buffer: Buffer): ParsedCsv {
  if (buffer.length === 0) throw new CsvError('The file is empty');
  if (buffer.length > CSV_LIMITS.maxBytes) throw new CsvError(`The file is larger than ${CSV_LIMITS.maxBytes / 1024 / 1024} MB`);
  if (looksBinary(buffer)) throw new CsvError('This is not a text file: save it from your spreadsheet as CSV');
  const { text, encoding } = decode(buffer);
  if (text.trim() === '') throw new CsvError('The file is empty');
  const delimiter = detectDelimiter(text);

  let rows: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    rows = parse(text, {
      delimiter,
      bom: true,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: CSV_LIMITS.maxRecordChars,
    }) as never;
  } catch (error) {
    const e = error as { message: string; lines?: number; code?: string };
    if (e.code === 'CSV_MAX_RECORD_SIZE') throw new CsvError(`Line ${e.lines ?? '?'} is longer than ${CSV_LIMITS.maxRecordChars} characters`, e.lines ?? null);
    const message = e.message.replace(/^Invalid Record Length: |^Invalid Opening Quote: |^Quote Not Closed: /, '');
    throw new CsvError(`The file is not valid CSV near line ${e.lines ?? '?'}: ${message}`, e.lines ?? null);
  }
  if (rows.length === 0) throw new CsvError('The file is empty');
  const [head, ...data] = rows;
  const headers = head!.record.map((h) => h.trim());
  if (headers.length > CSV_LIMITS.maxColumns) throw new CsvError(`Line 1 has ${headers.length} columns; at most ${CSV_LIMITS.maxColumns}`, 1);
  if (headers.every((h) => h === '')) throw new CsvError('Line 1 must hold the column names', 1);
  if (data.length === 0) throw new CsvError('The file has a header line but no data rows', 2);
  if (data.length > CSV_LIMITS.maxRows) throw new CsvError(`The file has ${data.length} rows; at most ${CSV_LIMITS.maxRows} per upload`);

  const records: CsvRecord[] = [];
  for (const row of data) {
    const line = row.info.lines - (row.raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0);
    if (row.record.length > CSV_LIMITS.maxColumns) throw new CsvError(`Line ${line} has ${row.record.length} columns; at most ${CSV_LIMITS.maxColumns}`, line);
    row.record.forEach((cell, i) => {
      if (cell.length > CSV_LIMITS.maxCellChars) {
        throw new CsvError(`Line ${line}, column "${headers[i] ?? i + 1}" has ${cell.length} characters; at most ${CSV_LIMITS.maxCellChars}`, line, headers[i] ?? null);
      }
    });
    if (row.record.every((c) => c.trim() === '')) continue;
    records.push({ line, cells: row.record });
  }
  if (records.length === 0) throw new CsvError('The file has a header line but no data rows', 2);
  return { encoding, delimiter, headers, records };
}
