import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  ApplyImportMutation,
  ApplyImportMutationVariables,
  ColumnMappingInput,
  ImportJobQuery,
  ImportJobQueryVariables,
  ImportProgressQuery,
  ImportProgressQueryVariables,
  ImportRowsQuery,
  ImportRowsQueryVariables,
  PreviewImportMutation,
  PreviewImportMutationVariables,
} from '../../gql/generated';
import type { FulfillmentRow } from '../fulfillments/queries';

/** A column's mapping as the wizard edits it and sends it back; the job's own `mapping` has the same shape. */
export type ColumnMapping = ColumnMappingInput;
export type ImportRowData = NonNullable<ImportRowsQuery['importJob']>['rows'][number];
export type ImportJobData = NonNullable<PreviewImportMutation['previewImport']['importJob']>;

// A job is always selected with the same fields:
//   id kind status fileName headers format { id name } mapping { column field } dateFormat defaultCarrier
//   verdictCounts rowCount
//   changeCount unchangedCount errorCount appliedCount lastError createdAt appliedAt
// written out in each operation so code generation sees the whole selection.

export const IMPORT_JOB: TypedDocumentNode<ImportJobQuery, ImportJobQueryVariables> = gql`
  query ImportJob($id: ID!) {
    importJob(id: $id) {
      id
      kind
      status
      fileName
      headers
      format {
        id
        name
      }
      mapping {
        column
        field
      }
      dateFormat
      defaultCarrier
      verdictCounts {
        outcome
        code
        count
      }
      rowCount
      changeCount
      unchangedCount
      errorCount
      appliedCount
      lastError
      createdAt
      appliedAt
      samples: rows(first: 3) {
        line
        cells
      }
    }
  }
`;

export const IMPORT_PROGRESS: TypedDocumentNode<ImportProgressQuery, ImportProgressQueryVariables> = gql`
  query ImportProgress($id: ID!) {
    importJob(id: $id) {
      id
      status
      appliedCount
      changeCount
      lastError
    }
  }
`;

export const IMPORT_ROWS: TypedDocumentNode<ImportRowsQuery, ImportRowsQueryVariables> = gql`
  query ImportRows($id: ID!, $outcome: String, $first: Int, $after: String) {
    importJob(id: $id) {
      id
      rows(outcome: $outcome, first: $first, after: $after) {
        line
        outcome
        code
        message
        params
        field
        cells
        applied
        fulfillmentIds
        params
      }
    }
  }
`;

export const PREVIEW_IMPORT: TypedDocumentNode<PreviewImportMutation, PreviewImportMutationVariables> = gql`
  mutation PreviewImport($input: PreviewImportInput!) {
    previewImport(input: $input) {
      importJob {
        id
        kind
        status
        fileName
        headers
        format {
          id
          name
        }
        mapping {
          column
          field
        }
        dateFormat
        defaultCarrier
        verdictCounts {
          outcome
          code
          count
        }
        rowCount
        changeCount
        unchangedCount
        errorCount
        appliedCount
        lastError
        createdAt
        appliedAt
      }
      userErrors {
        field
        code
        message
        params
      }
    }
  }
`;

export const APPLY_IMPORT: TypedDocumentNode<ApplyImportMutation, ApplyImportMutationVariables> = gql`
  mutation ApplyImport($input: ApplyImportInput!) {
    applyImport(input: $input) {
      importJob {
        id
        kind
        status
        fileName
        headers
        format {
          id
          name
        }
        mapping {
          column
          field
        }
        dateFormat
        defaultCarrier
        verdictCounts {
          outcome
          code
          count
        }
        rowCount
        changeCount
        unchangedCount
        errorCount
        appliedCount
        lastError
        createdAt
        appliedAt
      }
      userErrors {
        field
        code
        message
        params
      }
    }
  }
`;

/**
 * What `changedFulfillmentsQuery` selects for each id. That query is built at run time
 * (one aliased field per id), so code generation cannot see it; its fields are a subset of a grid row's.
 */
export type ChangedFulfillment = Pick<FulfillmentRow, 'id' | 'sku'> & {
  order: Pick<FulfillmentRow['order'], 'id' | 'reference'>;
};

/** One aliased field per id: the summary names at most a few dozen fulfillments. */
export function changedFulfillmentsQuery(count: number): string {
  const vars = Array.from({ length: count }, (_, i) => `$id${i}: ID!`).join(', ');
  const fields = Array.from(
    { length: count },
    (_, i) => `f${i}: fulfillment(id: $id${i}) { id sku order { id reference } }`,
  ).join('\n');
  return `query ChangedFulfillments(${vars}) {\n${fields}\n}`;
}
