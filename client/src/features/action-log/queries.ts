import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  ActionLogEntryQuery,
  ActionLogEntryQueryVariables,
  ActionLogQuery,
  ActionLogQueryVariables,
  UndoLoggedActionMutation,
  UndoLoggedActionMutationVariables,
  UndoLoggedImportMutation,
  UndoLoggedImportMutationVariables,
} from '../../gql/generated';

export type ActionLogEntry = ActionLogQuery['actionLog']['edges'][number]['node'];
/** An entry read fresh before an undo, with how many members were emailed already. */
export type ActionLogEntryToUndo = NonNullable<ActionLogEntryQuery['actionLogEntry']>;

const ACTION_LOG_ENTRY_FIELDS = gql`
  fragment ActionLogEntryFields on ActionLogEntry {
    id
    kind
    actor
    at
    count
    fileName
    actionId
    importId
    undoneAt
    undoable
    cannotUndo {
      code
      message
      params
    }
  }
`;

export const ACTION_LOG_ENTRY: TypedDocumentNode<ActionLogEntryQuery, ActionLogEntryQueryVariables> = gql`
  query ActionLogEntry($id: ID!) {
    actionLogEntry(id: $id) {
      ...ActionLogEntryFields
      alreadyNotifiedCount
    }
  }
  ${ACTION_LOG_ENTRY_FIELDS}
`;

export const ACTION_LOG: TypedDocumentNode<ActionLogQuery, ActionLogQueryVariables> = gql`
  query ActionLog($first: Int, $after: String) {
    actionLog(first: $first, after: $after) {
      edges {
        cursor
        node {
          ...ActionLogEntryFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
  ${ACTION_LOG_ENTRY_FIELDS}
`;

export const UNDO_LOGGED_ACTION: TypedDocumentNode<
  UndoLoggedActionMutation,
  UndoLoggedActionMutationVariables
> = gql`
  mutation UndoLoggedAction($input: UndoBulkActionInput!) {
    undoBulkAction(input: $input) {
      restoredCount
      alreadyNotifiedCount
      skippedCount
      userErrors {
        field
        code
        message
        params
      }
    }
  }
`;

export const UNDO_LOGGED_IMPORT: TypedDocumentNode<
  UndoLoggedImportMutation,
  UndoLoggedImportMutationVariables
> = gql`
  mutation UndoLoggedImport($input: UndoImportInput!) {
    undoImport(input: $input) {
      restoredCount
      alreadyNotifiedCount
      skippedCount
      userErrors {
        field
        code
        message
        params
      }
    }
  }
`;
