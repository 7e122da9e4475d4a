import { isUtf8 } from 'node:buffer';
import { CsvError as ParseError, parse } from 'csv-parse';
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
  constructor(
    message: string,
    readonly line: number | null = null,
    readonly column: string | null = null,
  ) {
    super(message);
  }
}

export interface CsvRecord {
  line: number;
  cells: string[];
}

export interface CsvSummary {
  encoding: string;
  delimiter: string;
  headers: string[];
  rowCount: number;
}

const BOMS: { bytes: number[]; encoding: string; label: string }[] = [
  { bytes: [0xff, 0xfe], encoding: 'utf16le', label: 'UTF-16LE' },
  { bytes: [0xfe, 0xff], encoding: 'utf16be', label: 'UTF-16BE' },
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf8', label: 'UTF-8' },
];

/** The file's encoding and where its text starts (after a byte order mark). */
export function detectEncoding(buffer: Buffer): { encoding: string; label: string; start: number } {
  for (const bom of BOMS) {
    if (bom.bytes.every((b, i) => buffer[i] === b))
      return { encoding: bom.encoding, label: bom.label, start: bom.bytes.length };
  }
  return isUtf8(buffer)
    ? { encoding: 'utf8', label: 'UTF-8', start: 0 }
    : { encoding: 'win1252', label: 'Windows-1252', start: 0 };
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

const DECODE_SLICE = 1024 * 1024;

/** Resolves when the parser wants more input, or is gone. */
function drained(parser: NodeJS.EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      parser.off('drain', done);
      parser.off('close', done);
      resolve();
    };
    parser.on('drain', done);
    parser.on('close', done);
  });
}
const BATCH = 5000;

/**
 * Reads the file record by record and hands them on in batches, so memory
 * stays flat however many rows the file has. Throws a CsvError naming the
 * line (and column) at fault; the caller writes inside one transaction, so a
 * refusal on the last line still leaves nothing behind.
 */
export async function readCsv(
  buffer: Buffer,
  onBatch: (headers: string[], records: CsvRecord[]) => Promise<void>,
): Promise<CsvSummary> {
  if (buffer.length === 0) throw new CsvError('The file is empty');
  if (buffer.length > CSV_LIMITS.maxBytes)
    throw new CsvError(`The file is larger than ${CSV_LIMITS.maxBytes / 1024 / 1024} MB`);
  if (looksBinary(buffer))
    throw new CsvError('This is not a text file: save it from your spreadsheet as CSV');
  const { encoding, label, start } = detectEncoding(buffer);
  const head = iconv.decode(buffer.subarray(start, start + 64 * 1024), encoding);
  if (buffer.length - start <= 64 * 1024 && head.trim() === '') throw new CsvError('The file is empty');
  const delimiter = detectDelimiter(head);

  const parser = parse({
    delimiter,
    bom: true,
    info: true,
    raw: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: CSV_LIMITS.maxRecordChars,
  });
  // Decode slice by slice (a stateful decoder keeps a character split across slices whole), respecting backpressure.
  const feed = (async () => {
    const decoder = iconv.getDecoder(encoding);
    for (let at = start; at < buffer.length && !parser.destroyed; at += DECODE_SLICE) {
      const text = decoder.write(buffer.subarray(at, Math.min(at + DECODE_SLICE, buffer.length)));
      if (text && !parser.write(text)) await drained(parser);
    }
    if (parser.destroyed) return;
    const rest = decoder.end();
    if (rest) parser.write(rest);
    parser.end();
  })();

  let headers: string[] | null = null;
  let rowCount = 0;
  let batch: CsvRecord[] = [];
  try {
    for await (const row of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
      raw: string;
    }>) {
      if (headers === null) {
        headers = row.record.map((h) => h.trim());
        if (headers.length > CSV_LIMITS.maxColumns)
          throw new CsvError(`Line 1 has ${headers.length} columns; at most ${CSV_LIMITS.maxColumns}`, 1);
        continue;
      }
      if (row.record.every((c) => c.trim() === '')) continue;
      // Blank column names are only an error if something follows them; a file of blank lines is just empty.
      if (headers.every((h) => h === '')) throw new CsvError('Line 1 must hold the column names', 1);
      const line = row.info.lines - (row.raw.replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0);
      if (row.record.length > CSV_LIMITS.maxColumns)
        throw new CsvError(
          `Line ${line} has ${row.record.length} columns; at most ${CSV_LIMITS.maxColumns}`,
          line,
        );
      row.record.forEach((cell, i) => {
        if (cell.length > CSV_LIMITS.maxCellChars) {
          throw new CsvError(
            `Line ${line}, column "${headers![i] ?? i + 1}" has ${cell.length} characters; at most ${CSV_LIMITS.maxCellChars}`,
            line,
            headers![i] ?? null,
          );
        }
      });
      if (++rowCount > CSV_LIMITS.maxRows)
        throw new CsvError(
          `The file has more than ${CSV_LIMITS.maxRows} rows; at most ${CSV_LIMITS.maxRows} per upload`,
          line,
        );
      batch.push({ line, cells: row.record });
      if (batch.length >= BATCH) {
        await onBatch(headers, batch);
        batch = [];
      }
    }
  } catch (error) {
    parser.destroy();
    if (!(error instanceof ParseError)) throw error;
    const e = error as { message: string; lines?: number; code?: string };
    if (e.code === 'CSV_MAX_RECORD_SIZE')
      throw new CsvError(
        `Line ${e.lines ?? '?'} is longer than ${CSV_LIMITS.maxRecordChars} characters`,
        e.lines ?? null,
      );
    const message = e.message.replace(
      /^Invalid Record Length: |^Invalid Opening Quote: |^Quote Not Closed: /,
      '',
    );
    throw new CsvError(`The file is not valid CSV near line ${e.lines ?? '?'}: ${message}`, e.lines ?? null);
  } finally {
    await feed.catch(() => undefined);
  }
  if (headers === null || (rowCount === 0 && headers.every((h) => h === '')))
    throw new CsvError('The file is empty');
  if (batch.length) await onBatch(headers, batch);
  if (rowCount === 0) throw new CsvError('The file has a header line but no data rows', 2);
  return { encoding: label, delimiter, headers, rowCount };
}
