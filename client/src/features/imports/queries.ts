import { typed, type UserError } from '../../app/gql';

export interface ColumnMapping {
  column: string;
  field: string | null;
}

export interface ImportRowData {
  line: number;
  outcome: string;
  code: string | null;
  message: string | null;
  field: string | null;
  cells: string[];
  applied: boolean;
  fulfillmentIds: string[];
}

export interface ImportJobData {
  id: string;
  kind: string;
  status: string;
  fileName: string;
  headers: string[];
  mapping: ColumnMapping[];
  dateFormat: string;
  rowCount: number;
  changeCount: number;
  unchangedCount: number;
  errorCount: number;
  appliedCount: number;
  lastError: string | null;
  createdAt: string;
  appliedAt: string | null;
}

const JOB_FIELDS = `
  id kind status fileName headers mapping { column field } dateFormat rowCount
  changeCount unchangedCount errorCount appliedCount lastError createdAt appliedAt
`;

export const IMPORT_JOB = typed<
  { importJob: (ImportJobData & { samples: { line: number; cells: string[] }[] }) | null },
  { id: string }
>`
  query ImportJob($id: ID!) {
    importJob(id: $id) {
      ${JOB_FIELDS}
      samples: rows(first: 3) { line cells }
    }
  }
`;

export const IMPORT_PROGRESS = typed<
  { importJob: Pick<ImportJobData, 'id' | 'status' | 'appliedCount' | 'changeCount' | 'lastError'> | null },
  { id: string }
>`
  query ImportProgress($id: ID!) {
    importJob(id: $id) { id status appliedCount changeCount lastError }
  }
`;

export const IMPORT_ROWS = typed<
  { importJob: { id: string; rows: ImportRowData[] } | null },
  { id: string; outcome: string | null; first: number; after: string | null }
>`
  query ImportRows($id: ID!, $outcome: String, $first: Int, $after: String) {
    importJob(id: $id) {
      id
      rows(outcome: $outcome, first: $first, after: $after) { line outcome code message field cells applied fulfillmentIds }
    }
  }
`;

export const PREVIEW_IMPORT = typed<
  { previewImport: { importJob: ImportJobData | null; userErrors: UserError[] } },
  { input: { importId: string; mapping: ColumnMapping[]; dateFormat: string } }
>`
  mutation PreviewImport($input: PreviewImportInput!) {
    previewImport(input: $input) {
      importJob { ${JOB_FIELDS} }
      userErrors { field code message }
    }
  }
`;

export const APPLY_IMPORT = typed<
  { applyImport: { importJob: ImportJobData | null; userErrors: UserError[] } },
  { input: { importId: string } }
>`
  mutation ApplyImport($input: ApplyImportInput!) {
    applyImport(input: $input) {
      importJob { ${JOB_FIELDS} }
      userErrors { field code message }
    }
  }
`;

export interface ChangedFulfillment {
  id: string;
  sku: string;
  order: { id: string; reference: string };
}

/** One aliased field per id: the summary names at most a few dozen fulfillments. */
export function changedFulfillmentsQuery(count: number): string {
  const vars = Array.from({ length: count }, (_, i) => `$id${i}: ID!`).join(', ');
  const fields = Array.from({ length: count }, (_, i) => `f${i}: fulfillment(id: $id${i}) { id sku order { id reference } }`).join('\n');
  return `query ChangedFulfillments(${vars}) {\n${fields}\n}`;
}
