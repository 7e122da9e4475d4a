import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  ActionLogQuery,
  ActionLogQueryVariables,
  UndoLoggedActionMutation,
  UndoLoggedActionMutationVariables,
} from '../../gql/generated';

export type ActionLogEntry = ActionLogQuery['actionLog']['edges'][number]['node'];

export const ACTION_LOG: TypedDocumentNode<ActionLogQuery, ActionLogQueryVariables> = gql`
  query ActionLog($first: Int, $after: String) {
    actionLog(first: $first, after: $after) {
      edges {
        cursor
        node {
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
          alreadyNotifiedCount
          cannotUndo {
            code
            message
            params
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
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
      }
    }
  }
`;
