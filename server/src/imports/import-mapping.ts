import {
  ErrorCode,
  headerKey,
  IMPORT_FIELDS,
  IMPORT_RULES,
  recogniseFormat,
  suggestField,
  type ImportField,
  type ImportFormat,
  type ImportKind,
} from '@ft/shared';
import type { RequestContext } from '../auth/context.js';
import { userError, UserErrorsException } from '../graphql/user-error.js';
import { ImportMappingEntity, type ImportJobEntity } from './import-job.entity.js';

/** Which field a column of the file fills; null leaves the column out. */
export interface ColumnMapping {
  column: string;
  field: string | null;
}

/** Header (`headerKey`) → field: the owner's last mapping for this kind, or null before its first preview. */
type RememberedMapping = Record<string, string | null> | null;

export async function rememberedMapping(
  ctx: RequestContext,
  owner: string,
  kind: ImportKind,
): Promise<RememberedMapping> {
  return (await ctx.ds.getRepository(ImportMappingEntity).findOneBy({ owner, kind }))?.fields ?? null;
}

/**
 * A mapping for a file's headers: what the owner mapped a header to last time, else what the recognised
 * format says of the column, else the field the header looks like. A field goes to the first column that
 * claims it, so the suggestion is always valid to send back.
 */
export function suggestMapping(
  kind: ImportKind,
  headers: string[],
  remembered: RememberedMapping,
  format: ImportFormat | null = recogniseFormat(kind, headers),
): ColumnMapping[] {
  const used = new Set<string>();
  return headers.map((column) => {
    const key = headerKey(column);
    let field =
      remembered && key in remembered
        ? remembered[key]!
        : format && key in format.columns
          ? format.columns[key]!
          : suggestField(kind, column);
    if (field && used.has(field)) field = null;
    if (field) used.add(field);
    return { column, field };
  });
}

function mappingErrors(kind: ImportKind, headers: string[], mapping: ColumnMapping[]) {
  const errors = [];
  const allowed = IMPORT_FIELDS[kind] as readonly string[];
  const seen = new Set<string>();
  for (const m of mapping) {
    if (!headers.includes(m.column))
      errors.push(userError(ErrorCode.NOT_FOUND, ['input', 'mapping'], 'noSuchColumn', { column: m.column }));
    if (m.field && !allowed.includes(m.field))
      errors.push(
        userError(ErrorCode.INVALID, ['input', 'mapping'], 'notAnImportField', {
          field: m.field,
          kind,
          fields: allowed.join(', '),
        }),
      );
    if (m.field && seen.has(m.field))
      errors.push(
        userError(ErrorCode.DUPLICATE_ROW, ['input', 'mapping'], 'fieldMappedTwice', { field: m.field }),
      );
    if (m.field) seen.add(m.field);
  }
  const rules = IMPORT_RULES[kind];
  for (const field of rules.required) {
    if (!seen.has(field))
      errors.push(userError(ErrorCode.REQUIRED, ['input', 'mapping'], 'mapColumnTo', { field }));
  }
  if (!rules.identifiers.some((f) => seen.has(f))) {
    errors.push(
      userError(ErrorCode.REQUIRED, ['input', 'mapping'], 'mapColumnToOneOf', {
        fields: rules.identifiers.join(', '),
      }),
    );
  }
  return errors;
}

/**
 * The mapping the user chose, checked against the job's kind and headers, with one entry per header in file
 * order (a header the user left out maps to nothing). Throws the userErrors of a mapping that cannot work.
 */
export function chosenMapping(job: ImportJobEntity, mapping: ColumnMapping[]): ColumnMapping[] {
  const errors = mappingErrors(job.kind as ImportKind, job.headers, mapping);
  if (errors.length) throw new UserErrorsException(errors);
  return job.headers.map((column) => ({
    column,
    field: mapping.find((m) => m.column === column)?.field ?? null,
  }));
}

/** The field each of the file's columns fills, in column order. */
export function columnsOf(headers: string[], mapping: ColumnMapping[]): (ImportField | null)[] {
  const byColumn = new Map(mapping.map((m) => [m.column, m.field as ImportField | null]));
  return headers.map((h) => byColumn.get(h) ?? null);
}

/** Keeps a job's mapping as its owner's choice for the next file of this kind, by header key. */
export async function rememberMapping(
  tx: RequestContext,
  job: Pick<ImportJobEntity, 'owner' | 'kind'>,
  mapping: ColumnMapping[],
): Promise<void> {
  const fields = Object.fromEntries(mapping.map((m) => [headerKey(m.column), m.field]));
  await tx.em
    .getRepository(ImportMappingEntity)
    .upsert(
      { owner: job.owner, kind: job.kind, fields, updatedAt: new Date() },
      { conflictPaths: ['owner', 'kind'] },
    );
}

/** Whether a record reads as a kind's header line: a known format's, or one naming two import fields. */
export function looksLikeHeader(kind: ImportKind, cells: readonly string[]): boolean {
  if (recogniseFormat(kind, cells)) return true;
  return new Set(cells.map((c) => suggestField(kind, c)).filter(Boolean)).size >= 2;
}
