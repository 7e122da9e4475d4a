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

/**
 * The file's encoding and where its text starts (after a byte order mark):
 * the BOM is in the first bytes, but one byte anywhere that is not UTF-8
 * makes the whole file Windows-1252, so `utf8` is the verdict on all of it.
 */
function detectEncoding(head: Buffer, utf8: boolean): { encoding: string; label: string; start: number } {
  for (const bom of BOMS) {
    if (bom.bytes.every((b, i) => head[i] === b))
      return { encoding: bom.encoding, label: bom.label, start: bom.bytes.length };
  }
  return utf8
    ? { encoding: 'utf8', label: 'UTF-8', start: 0 }
    : { encoding: 'win1252', label: 'Windows-1252', start: 0 };
}

/**
 * Whether a stream of bytes is valid UTF-8, fed piece by piece as it arrives:
 * a character cut between two pieces is held back until its end comes.
 */
export class Utf8Check {
  private valid = true;
  private carry: Buffer = Buffer.alloc(0);

  write(piece: Buffer): void {
    if (!this.valid) return;
    const bytes = this.carry.length ? Buffer.concat([this.carry, piece]) : piece;
    const whole = completeLength(bytes);
    if (!isUtf8(bytes.subarray(0, whole))) this.valid = false;
    this.carry = Buffer.from(bytes.subarray(whole));
  }

  /** The verdict on everything written. */
  end(): boolean {
    return this.valid && this.carry.length === 0;
  }
}

/** How many bytes at the start hold whole characters only: a lead byte among the last three whose continuation bytes have not all come starts the rest. */
function completeLength(bytes: Buffer): number {
  for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 4); i--) {
    const byte = bytes[i]!;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return i + length > bytes.length ? i : bytes.length;
  }
  return bytes.length;
}

/**
 * The delimiter of the table in the file's head, ignoring quoted text: the one that splits two lines in a
 * row into the same, largest number of columns (a header and its first record agree; a title line or an
 * `#INFO` line above them does not), else the one that splits the first line most.
 */
function detectDelimiter(text: string): string {
  const lines = text
    .replace(/"[^"]*"/g, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 30);
  let best = ',';
  let bestScore = 0;
  for (const candidate of DELIMITERS) {
    const counts = lines.map((l) => l.split(candidate).length - 1);
    let score = 0;
    for (let i = 1; i < counts.length; i++)
      if (counts[i] === counts[i - 1] && counts[i]! > score) score = counts[i]!;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  if (bestScore > 0) return best;
  for (const candidate of DELIMITERS) {
    const count = (lines[0] ?? '').split(candidate).length - 1;
    if (count > bestScore) {
      best = candidate;
      bestScore = count;
    }
  }
  return best;
}

const DELIMITERS = [',', ';', '\t', '|'];

/** How many lines above the header (a report title, eBay's `#INFO` lines) are looked through for it. */
export const MAX_PREAMBLE_LINES = 10;

function looksBinary(head: Buffer): boolean {
  const sample = head.subarray(0, 8192);
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

/**
 * A batch is handed on at this many rows or this many characters of cells,
 * whichever comes first: rows may hold cells of up to 10,000 characters, and
 * the caller holds a batch two or three times over while writing it.
 */
const BATCH_ROWS = 5000;
const BATCH_CHARS = 1024 * 1024;

/** The head the encoding, the delimiter and the binary check are sniffed from: 64 KB of text after a BOM. */
export const HEAD_BYTES = 64 * 1024 + 3;

/** A file to read: its size, its first bytes, whether all of it is UTF-8, and its bytes from an offset on. */
export interface CsvInput {
  size: number;
  /** The first HEAD_BYTES bytes, or all of a smaller file. */
  head: Buffer;
  utf8: boolean;
  read(start: number): AsyncIterable<Buffer>;
}

/** A file already in memory (tests, small callers), read in slices as a file on disk is. */
function bufferInput(buffer: Buffer): CsvInput {
  return {
    size: buffer.length,
    head: buffer.subarray(0, HEAD_BYTES),
    utf8: isUtf8(buffer),
    read: async function* (start) {
      for (let at = start; at < buffer.length; at += DECODE_SLICE)
        yield buffer.subarray(at, Math.min(at + DECODE_SLICE, buffer.length));
    },
  };
}

/**
 * Reads the file record by record and hands them on in batches, so memory
 * stays flat however many rows the file has. Throws a CsvError naming the
 * line (and column) at fault; the caller writes inside one transaction, so a
 * refusal on the last line still leaves nothing behind.
 */
export async function readCsv(
  file: Buffer | CsvInput,
  onBatch: (headers: string[], records: CsvRecord[]) => Promise<void>,
  options: {
    /** Which record is the header line; records above it are skipped. Without it, the first record is. */
    isHeader?: (cells: string[]) => boolean;
  } = {},
): Promise<CsvSummary> {
  const input = Buffer.isBuffer(file) ? bufferInput(file) : file;
  if (input.size === 0) throw new CsvError('The file is empty');
  if (input.size > CSV_LIMITS.maxBytes)
    throw new CsvError(`The file is larger than ${CSV_LIMITS.maxBytes / 1024 / 1024} MB`);
  if (looksBinary(input.head))
    throw new CsvError('This is not a text file: save it from your spreadsheet as CSV');
  const { encoding, label, start } = detectEncoding(input.head, input.utf8);
  const head = iconv.decode(input.head.subarray(start, start + 64 * 1024), encoding);
  if (input.size - start <= 64 * 1024 && head.trim() === '') throw new CsvError('The file is empty');
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
  // Decode piece by piece (a stateful decoder keeps a character split across pieces whole), respecting backpressure.
  const feed = (async () => {
    const decoder = iconv.getDecoder(encoding);
    for await (const piece of input.read(start)) {
      if (parser.destroyed) break;
      const text = decoder.write(piece);
      if (text && !parser.write(text)) await drained(parser);
    }
    if (parser.destroyed) return;
    const rest = decoder.end();
    if (rest) parser.write(rest);
    parser.end();
  })().catch((error: unknown) => parser.destroy(error as Error)); // a file that cannot be read ends the records with its error

  let headers: string[] | null = null;
  let headerLine = 1;
  let rowCount = 0;
  let batch: CsvRecord[] = [];
  let batchChars = 0;
  // Records read while looking for the header line; if none is one, the first is the header after all.
  let preamble: CsvRecord[] = [];
  // csv-parse counts each CR and LF inside quotes as a line (a CRLF as two); a line here is one an editor shows.
  let overCounted = 0;
  const lineOf = (lines: number | undefined) => (lines === undefined ? null : lines - overCounted);
  const takeHeader = (cells: string[], line: number) => {
    headers = cells.map((h) => h.trim());
    headerLine = line;
    if (headers.length > CSV_LIMITS.maxColumns)
      throw new CsvError(
        `Line ${line} has ${headers.length} columns; at most ${CSV_LIMITS.maxColumns}`,
        line,
      );
  };
  const addRow = async (cells: string[], line: number) => {
    const names = headers!;
    if (cells.every((c) => c.trim() === '')) return;
    // Blank column names are only an error if something follows them; a file of blank lines is just empty.
    if (names.every((h) => h === ''))
      throw new CsvError(`Line ${headerLine} must hold the column names`, headerLine);
    if (cells.length > CSV_LIMITS.maxColumns)
      throw new CsvError(`Line ${line} has ${cells.length} columns; at most ${CSV_LIMITS.maxColumns}`, line);
    cells.forEach((cell, i) => {
      batchChars += cell.length;
      if (cell.length > CSV_LIMITS.maxCellChars) {
        throw new CsvError(
          `Line ${line}, column "${names[i] ?? i + 1}" has ${cell.length} characters; at most ${CSV_LIMITS.maxCellChars}`,
          line,
          names[i] ?? null,
        );
      }
    });
    if (++rowCount > CSV_LIMITS.maxRows)
      throw new CsvError(
        `The file has more than ${CSV_LIMITS.maxRows} rows; at most ${CSV_LIMITS.maxRows} per upload`,
        line,
      );
    batch.push({ line, cells });
    if (batch.length >= BATCH_ROWS || batchChars >= BATCH_CHARS) {
      await onBatch(names, batch);
      batch = [];
      batchChars = 0;
    }
  };
  const firstRecordIsHeader = async () => {
    const [first, ...rest] = preamble;
    preamble = [];
    if (!first) return;
    takeHeader(first.cells, first.line);
    for (const r of rest) await addRow(r.cells, r.line);
  };
  try {
    for await (const row of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
      raw: string;
    }>) {
      // The raw text starts with the blank lines skipped before the record and ends with its line break.
      const inside = row.raw.replace(/^[\r\n]+|(\r\n|\r|\n)$/g, '');
      const counted = inside.match(/[\r\n]/g)?.length ?? 0;
      const line = row.info.lines - overCounted - counted;
      overCounted += counted - (inside.match(/\r\n|\r|\n/g)?.length ?? 0);
      if (headers === null) {
        if (!options.isHeader || options.isHeader(row.record)) {
          preamble = [];
          takeHeader(row.record, line);
        } else {
          preamble.push({ line, cells: row.record });
          if (preamble.length > MAX_PREAMBLE_LINES) await firstRecordIsHeader();
        }
        continue;
      }
      await addRow(row.record, line);
    }
    if (headers === null) await firstRecordIsHeader();
  } catch (error) {
    parser.destroy();
    if (!(error instanceof ParseError)) throw error;
    const e = error as { message: string; lines?: number; code?: string };
    const line = lineOf(e.lines);
    if (e.code === 'CSV_MAX_RECORD_SIZE')
      throw new CsvError(`Line ${line ?? '?'} is longer than ${CSV_LIMITS.maxRecordChars} characters`, line);
    const message = e.message.replace(
      /^Invalid Record Length: |^Invalid Opening Quote: |^Quote Not Closed: /,
      '',
    );
    throw new CsvError(`The file is not valid CSV near line ${line ?? '?'}: ${message}`, line);
  } finally {
    await feed.catch(() => undefined);
  }
  const names = headers as string[] | null;
  if (names === null || (rowCount === 0 && names.every((h) => h === '')))
    throw new CsvError('The file is empty');
  if (batch.length) await onBatch(names, batch);
  if (rowCount === 0) throw new CsvError('The file has a header line but no data rows', headerLine + 1);
  return { encoding: label, delimiter, headers: names, rowCount };
}
