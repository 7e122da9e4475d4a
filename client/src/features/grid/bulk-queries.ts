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
export type BulkSkipReason = BulkPayload['skippedByReason'][number];

/** What the result panel needs of each skip: the line by order and SKU, the reason by code and status. */
const BULK_SKIP_FIELDS = gql`
  fragment BulkSkipFields on BulkSkip {
    id
    code
    message
    orderReference
    sku
    status
  }
`;
const BULK_SKIP_REASON_FIELDS = gql`
  fragment BulkSkipReasonFields on BulkSkipReason {
    code
    status
    message
    count
  }
`;

/** What every bulk mutation returns; `changed` selects the grid's fields so rows update in place. */
const BULK_FULFILLMENT_FIELDS = gql`
  fragment BulkFulfillmentFields on BulkFulfillmentPayload {
    actionId
    changedCount
    skipped {
      ...BulkSkipFields
    }
    skippedCount
    skippedByReason {
      ...BulkSkipReasonFields
    }
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
      params
    }
  }
  ${FULFILLMENT_FIELDS}
  ${BULK_SKIP_FIELDS}
  ${BULK_SKIP_REASON_FIELDS}
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
        alreadyNotifiedCount
        skipped {
          ...BulkSkipFields
        }
        skippedCount
        skippedByReason {
          ...BulkSkipReasonFields
        }
        userErrors {
          field
          code
          message
          params
        }
      }
    }
    ${BULK_SKIP_FIELDS}
    ${BULK_SKIP_REASON_FIELDS}
  `;
