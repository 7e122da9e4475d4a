import { csvLine, looksLikeFormula } from '@ft/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv, type CsvRecord } from '../src/imports/csv-reader.js';

/** What the export writes, read by what the import reads: every cell must come back as written. */
async function readBack(lines: string[]): Promise<CsvRecord[]> {
  const records: CsvRecord[] = [];
  await readCsv(Buffer.from(`\uFEFF${lines.join('')}`, 'utf8'), async (_headers, batch) => {
    records.push(...batch);
  });
  return records;
}

describe("csvLine: the export's and the error table's CSV writer", () => {
  it('quotes what needs it, doubles quotes, ends lines with CRLF, and neutralises formulas', () => {
    expect(
      csvLine(['FX-1', null, undefined, 3, 'a,b', 'say "hi"', 'two\nlines', '=SUM(A1)', '-1', 'plain']),
    ).toBe('FX-1,,,3,"a,b","say ""hi""","two\nlines",\'=SUM(A1),\'-1,plain\r\n');
    expect(csvLine(['a\rb', '\r=x'])).toBe('"a\rb","\'\r=x"\r\n'); // a lone CR is a line break to Excel, and a leading one a formula risk
    expect(csvLine(['@x,"y"'])).toBe('"\'@x,""y"""\r\n');
  });

  it('with the semicolon German Excel expects, quotes semicolons, and commas too so the file reads as `;`', () => {
    expect(csvLine(['a;b', 'a,b', 'say "hi"', '=1', 'plain'], ';')).toBe(
      `"a;b";"a,b";"say ""hi""";'=1;plain\r\n`,
    );
  });

  it.each([',', ';'] as const)(
    "reads back cell for cell through the importer's reader, whatever the cells hold (delimiter %s)",
    async (delimiter) => {
      const piece = fc.oneof(
        fc.constantFrom(
          ',',
          '"',
          '""',
          '\r',
          '\n',
          '\r\n',
          '=',
          '+',
          '-',
          '@',
          '\t',
          ';',
          '|',
          ' ',
          "'",
          'Ü',
          '€',
          '😀',
        ),
        fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 4 }),
      );
      const cell = fc.array(piece, { maxLength: 6 }).map((parts) => parts.join(''));
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 20 }),
          async (rows) => {
            // The first cell is never blank: the reader skips lines with nothing in them, as a spreadsheet's trailing rows.
            const written = rows.map(([a, b], i) => [`FX-${i}`, a!, b!]);
            const records = await readBack([
              csvLine(['orderId', 'trackingNumber', 'note'], delimiter),
              ...written.map((cells) => csvLine(cells, delimiter)),
            ]);
            expect(records.map((r) => r.cells)).toEqual(
              written.map((cells) => cells.map((c) => (looksLikeFormula(c) ? `'${c}` : c))),
            );
          },
        ),
        { numRuns: 300 },
      );
    },
  );
});
