import { recogniseFormat, type ImportKind } from '@ft/shared';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { toGlobalId } from '../graphql/ids.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { UserError } from '../graphql/user-error.js';
import type { ImportJobEntity } from './import-job.entity.js';
import type { ImportRowView } from './import-read.js';

@ObjectType('ColumnMapping')
export class ColumnMapping {
  @Field(() => String) column: string;
  @Field(() => String, { nullable: true, description: 'null: the column is ignored' }) field: string | null;
}

@InputType('ColumnMappingInput')
export class ColumnMappingInput {
  @Field(() => String) column: string;
  @Field(() => String, { nullable: true }) field?: string | null;
}

@ObjectType('ImportFormat', {
  description: "Another platform's export or upload template, recognised by its headers",
})
export class ImportFormat {
  @Field(() => String, { description: 'e.g. amazon-shipping-confirmation' }) id: string;
  @Field(() => String, { description: 'e.g. Amazon shipping confirmation' }) name: string;
  @Field(() => String, {
    nullable: true,
    description: 'Our carrier code when the platform is the carrier and its files name none (e.g. ups)',
  })
  carrier: string | null;
}

@ObjectType('ImportRow')
export class ImportRow {
  @Field(() => Int, {
    description:
      'The file line the record starts on, counted from 1 (the header line may follow title lines)',
  })
  line: number;
  @Field(() => String, { description: 'CHANGE | UNCHANGED | ERROR (PENDING before a preview)' })
  outcome: string;
  @Field(() => String, { nullable: true }) code: string | null;
  @Field(() => String, { nullable: true }) message: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'The values in `message` as a JSON object, and its `variant` (e.g. {"variant": "unknownOrder", "reference": "AO-1"}), so a client can word it in its own language',
  })
  params: string | null;
  @Field(() => String, { nullable: true, description: 'The import field at fault' }) field: string | null;
  @Field(() => [String]) cells: string[];
  @Field(() => Boolean) applied: boolean;
  @Field(() => [ID], { description: 'Fulfillments the row changes' }) fulfillmentIds: string[];
}

@ObjectType('ImportVerdictCount', { description: 'How many rows got one verdict (outcome and code)' })
export class ImportVerdictCount {
  @Field(() => String) outcome: string;
  @Field(() => String, {
    nullable: true,
    description:
      'null: a plain change or no change. UNCHANGED rows: NO_TRACKING, NOT_A_RETURN, VOIDED, SUPERSEDED (a later row names the same line; the last row for a line wins), DUPLICATE_ROW',
  })
  code: string | null;
  @Field(() => Int) count: number;
}

@ObjectType('ImportJob')
export class ImportJob {
  row: ImportJobEntity;
  @Field(() => ID) id: string;
  @Field(() => String, { description: 'tracking | returns' }) kind: string;
  @Field(() => String, { description: 'UPLOADED | PREVIEWING | PREVIEWED | APPLYING | APPLIED | FAILED' })
  status: string;
  @Field(() => String) fileName: string;
  @Field(() => [String]) headers: string[];
  @Field(() => ImportFormat, {
    nullable: true,
    description: 'The platform the file comes from, if recognised',
  })
  format: ImportFormat | null;
  @Field(() => [ColumnMapping]) mapping: ColumnMapping[];
  @Field(() => String, {
    description:
      'MM/DD/YYYY (month first) or DD.MM.YYYY (day first) as chosen; AUTO until chosen: the dates decide, and dates that read two ways must be chosen',
  })
  dateFormat: string;
  @Field(() => String, {
    nullable: true,
    description: 'The carrier of every row without its own carrier cell',
  })
  defaultCarrier: string | null;
  @Field(() => Int) rowCount: number;
  @Field(() => Int) changeCount: number;
  @Field(() => Int) unchangedCount: number;
  @Field(() => Int) errorCount: number;
  @Field(() => Int, { description: 'CHANGE rows written so far (progress while APPLYING)' })
  appliedCount: number;
  @Field(() => String, { nullable: true }) lastError: string | null;
  @Field(() => DateTimeScalar) createdAt: Date;
  @Field(() => DateTimeScalar, { nullable: true }) appliedAt: Date | null;
}

@InputType('PreviewImportInput')
export class PreviewImportInput {
  @Field(() => ID) importId: string;
  @Field(() => [ColumnMappingInput], {
    nullable: true,
    description: 'Omitted: the suggested (or last used) mapping',
  })
  mapping?: ColumnMappingInput[] | null;
  @Field(() => String, {
    nullable: true,
    description:
      'How dates with a slash or dash read: MM/DD/YYYY (month first) or DD.MM.YYYY (day first). Omitted: the file decides (a 13/04/2026 row means day first); dates that read two ways with nothing to settle them are a REQUIRED userError on dateFormat. ISO dates and date-times, YYYYMMDD, Excel serials, UNIX timestamps and dotted (day-first) dates always work',
  })
  dateFormat?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      "The carrier (code, name or alias) of every row whose own carrier cell is empty, for a carrier's own file without a carrier column; empty clears it; omitted keeps the job's",
  })
  defaultCarrier?: string | null;
}

@InputType('ApplyImportInput')
export class ApplyImportInput {
  @Field(() => ID) importId: string;
}

@ObjectType('PreviewImportPayload')
export class PreviewImportPayload {
  @Field(() => ImportJob, { nullable: true }) importJob: ImportJob | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType('ApplyImportPayload')
export class ApplyImportPayload {
  @Field(() => ImportJob, { nullable: true }) importJob: ImportJob | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

function formatOf(row: ImportJobEntity): ImportFormat | null {
  const format = recogniseFormat(row.kind as ImportKind, row.headers);
  return (
    format &&
    Object.assign(new ImportFormat(), { id: format.id, name: format.name, carrier: format.carrier ?? null })
  );
}

export const toImportJob = (row: ImportJobEntity): ImportJob =>
  Object.assign(new ImportJob(), {
    row,
    id: toGlobalId('Import', row.id),
    kind: row.kind,
    status: row.status,
    fileName: row.fileName,
    headers: row.headers,
    format: formatOf(row),
    mapping: (row.mapping ?? []).map((m) => Object.assign(new ColumnMapping(), m)),
    dateFormat: row.dateFormat,
    defaultCarrier: row.defaultCarrier,
    rowCount: row.rowCount,
    changeCount: row.changeCount,
    unchangedCount: row.unchangedCount,
    errorCount: row.errorCount,
    appliedCount: row.appliedCount,
    lastError: row.lastError,
    createdAt: row.createdAt,
    appliedAt: row.appliedAt,
  });

export const toImportRow = (row: ImportRowView): ImportRow =>
  Object.assign(new ImportRow(), {
    line: row.line,
    outcome: row.outcome ?? 'PENDING',
    code: row.code,
    message: row.message,
    params: row.params,
    field: row.field,
    cells: row.cells,
    applied: row.applied,
    fulfillmentIds: row.targets.map((id) => toGlobalId('Fulfillment', id)),
  });
