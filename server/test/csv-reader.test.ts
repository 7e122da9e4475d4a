import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readCsv, type CsvRecord } from '../src/imports/csv-reader.js';

/** The reader decodes big files in 1 MB slices; a character split between two slices must come out whole. */
async function readAll(buffer: Buffer) {
  const records: CsvRecord[] = [];
  const summary = await readCsv(buffer, async (_headers, batch) => {
    records.push(...batch);
  });
  return { summary, records };
}

/** A file whose "ü" sits at about `byteOffset`, preceded by long rows so parsing stays quick. */
function fileWithUmlautAt(byteOffset: number): string {
  const head = 'orderId;customer\r\n';
  const filler = `FX-1;${'m'.repeat(9000)}\r\n`;
  // All ASCII up to the umlaut, so byte offsets equal character offsets (and twice that in UTF-16).
  const text = head + filler.repeat(Math.floor((byteOffset - 100) / filler.length));
  return `${text}FX-2;${'x'.repeat(byteOffset - text.length - 5)}Jürgen Müller\r\nFX-3;Åsa Öberg\r\n`;
}

describe('reading a large file in slices', () => {
  it.each([
    ['UTF-8', (t: string) => Buffer.from(t, 'utf8')],
    [
      'UTF-8 with BOM',
      (t: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')]),
    ],
    [
      'UTF-16LE from Excel',
      (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(t, 'utf16le')]),
    ],
    ['Windows-1252', (t: string) => iconv.encode(t, 'win1252')],
  ])('%s: characters across the 1 MB slice boundary and every line number survive', async (label, encode) => {
    for (let shift = -4; shift <= 4; shift++) {
      const text = fileWithUmlautAt(1024 * 1024 + shift);
      await expectRead(label, text, await readAll(encode(text)));
    }
  });
});

async function expectRead(
  label: string,
  text: string,
  { summary, records }: Awaited<ReturnType<typeof readAll>>,
) {
  expect(summary.encoding).toBe(label.replace(/ .*/, ''));
  expect(summary.delimiter).toBe(';');
  expect(summary.headers).toEqual(['orderId', 'customer']);
  const rows = text.trim().split('\r\n').slice(1);
  expect(records.length).toBe(rows.length);
  expect(summary.rowCount).toBe(rows.length);
  expect(records.at(-2)!.cells[1]).toMatch(/Jürgen Müller$/);
  expect(records.at(-1)).toEqual({ line: rows.length + 1, cells: ['FX-3', 'Åsa Öberg'] });
}

describe('blank files', () => {
  it('a file of blank lines longer than the sniffed head is empty, not "missing column names"', async () => {
    await expect(readAll(Buffer.from(' \r\n'.repeat(40_000)))).rejects.toThrow('The file is empty');
  });
  it('blank column names followed by data are refused on line 1', async () => {
    await expect(readAll(Buffer.from(' , \r\nFX-1,1Z\r\n'))).rejects.toThrow(
      'Line 1 must hold the column names',
    );
  });
});
