import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  BulkFulfillmentFieldsFragment,
  MarkFulfillmentsNotShippingMutation,
  MarkFulfillmentsNotShippingMutationVariables,
  MarkFulfillmentsShippedMutation,
  MarkFulfillmentsShippedMutationVariables,
  UndoBulkActionMutation,
  UndoBulkActionMutationVariables,
} from '../../gql/generated';
import { FULFILLMENT_FIELDS } from './fragments';
import type { FulfillmentFilter } from './url-state';

type BulkPayload = BulkFulfillmentFieldsFragment;
export type BulkSkip = BulkPayload['skipped'][number];

/** What every bulk mutation returns; `changed` selects the grid's fields so rows update in place. */
const BULK_FULFILLMENT_FIELDS = gql`
  fragment BulkFulfillmentFields on BulkFulfillmentPayload {
    actionId
    changedCount
    skipped {
      id
      code
      message
    }
    skippedCount
    changed {
      ...FulfillmentFields
      order {
        id
        status
      }
    }
    userErrors {
      field
      code
      message
    }
  }
  ${FULFILLMENT_FIELDS}
`;

export type BulkTarget = { ids: string[] } | { filter: FulfillmentFilter };

export const MARK_SHIPPED: TypedDocumentNode<
  MarkFulfillmentsShippedMutation,
  MarkFulfillmentsShippedMutationVariables
> = gql`
  mutation MarkFulfillmentsShipped($input: MarkFulfillmentsShippedInput!) {
    markFulfillmentsShipped(input: $input) {
      ...BulkFulfillmentFields
    }
  }
  ${BULK_FULFILLMENT_FIELDS}
`;

export const MARK_NOT_SHIPPING: TypedDocumentNode<
  MarkFulfillmentsNotShippingMutation,
  MarkFulfillmentsNotShippingMutationVariables
> = gql`
  mutation MarkFulfillmentsNotShipping($input: MarkFulfillmentsNotShippingInput!) {
    markFulfillmentsNotShipping(input: $input) {
      ...BulkFulfillmentFields
    }
  }
  ${BULK_FULFILLMENT_FIELDS}
`;

export const UNDO_BULK_ACTION: TypedDocumentNode<UndoBulkActionMutation, UndoBulkActionMutationVariables> =
  gql`
    mutation UndoBulkAction($input: UndoBulkActionInput!) {
      undoBulkAction(input: $input) {
        restoredCount
        skipped {
          id
          code
          message
        }
        skippedCount
        userErrors {
          field
          code
          message
        }
      }
    }
  `;
