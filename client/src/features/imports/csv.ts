import { csvLine } from '@ft/shared';

/** RFC 4180 text with a BOM, so Excel opens UTF-8 correctly. */
export function toCsv(rows: string[][]): string {
  return `\uFEFF${rows.map((row) => csvLine(row)).join('')}`;
}

export function saveText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
