import type { TFunction } from 'i18next';
import { IMPORT_FIELDS, IMPORT_RULES, type ImportKind } from '@ft/shared';
import type { ColumnMapping } from './queries';

export const asKind = (k: string | null | undefined): ImportKind =>
  k === 'returns' ? 'returns' : 'tracking';

export const fieldsOf = (kind: ImportKind): readonly string[] => IMPORT_FIELDS[kind];

export const fieldLabel = (t: TFunction, field: string) =>
  t(`importFields.${field}`, { defaultValue: field });

/** “A, B or C” in the UI language. */
export const anyOf = (t: TFunction, fields: readonly string[], language: string) =>
  new Intl.ListFormat(language, { type: 'disjunction' }).format(fields.map((f) => fieldLabel(t, f)));

/** What the mapping still lacks, as sentences for the user (the server checks the same rules). */
export function missingFields(
  t: TFunction,
  language: string,
  kind: ImportKind,
  mapping: ColumnMapping[],
): string[] {
  const mapped = new Set(mapping.map((m) => m.field).filter(Boolean));
  const rules = IMPORT_RULES[kind];
  const out: string[] = [];
  for (const f of rules.required)
    if (!mapped.has(f)) out.push(t('imports.map.missingRequired', { field: fieldLabel(t, f) }));
  if (!rules.identifiers.some((f) => mapped.has(f))) {
    out.push(t('imports.map.missingIdentifier', { fields: anyOf(t, rules.identifiers, language) }));
  }
  return out;
}

/** The file column a row's error points at, e.g. “Tracking Number (Tracking number)”. */
export function columnOf(t: TFunction, mapping: ColumnMapping[], field: string | null): string {
  if (!field) return '';
  const column = mapping.find((m) => m.field === field)?.column;
  return column ? `${column} (${fieldLabel(t, field)})` : fieldLabel(t, field);
}

/** The cell naming the row's order (or fulfillment), to recognise it in the tables. */
export function identifierOf(
  kind: ImportKind,
  headers: string[],
  mapping: ColumnMapping[],
  cells: string[],
): string {
  for (const f of IMPORT_RULES[kind].identifiers) {
    const column = mapping.find((m) => m.field === f)?.column;
    const i = column == null ? -1 : headers.indexOf(column);
    if (i >= 0 && cells[i]) return cells[i]!;
  }
  return '';
}
