import { gql } from '@apollo/client';
import { typed, type UserError } from '../../app/gql';
import { FULFILLMENT_FIELDS, type FulfillmentFields } from './fragments';
import type { FulfillmentFilter } from './url-state';

export interface BulkSkip {
  id: string;
  code: string;
  message: string;
}

export interface BulkPayload {
  actionId: string | null;
  changedCount: number;
  skipped: BulkSkip[];
  changed: (FulfillmentFields & { order: { id: string; status: string } })[];
  userErrors: UserError[];
}

/** What every bulk mutation returns; `changed` selects the grid's fields so rows update in place. */
const BULK_FULFILLMENT_FIELDS = gql`
  fragment BulkFulfillmentFields on BulkFulfillmentPayload {
    actionId
    changedCount
    skipped { id code message }
    changed { ...FulfillmentFields order { id status } }
    userErrors { field code message }
  }
  ${FULFILLMENT_FIELDS}
`;

export type BulkTarget = { ids: string[] } | { filter: FulfillmentFilter };

export const MARK_SHIPPED = typed<
  { markFulfillmentsShipped: BulkPayload },
  { input: BulkTarget & { shippedOn: string | null } }
>`
  mutation MarkFulfillmentsShipped($input: MarkFulfillmentsShippedInput!) {
    markFulfillmentsShipped(input: $input) { ...BulkFulfillmentFields }
  }
  ${BULK_FULFILLMENT_FIELDS}
`;

export const MARK_NOT_SHIPPING = typed<
  { markFulfillmentsNotShipping: BulkPayload },
  { input: BulkTarget & { reason: string | null } }
>`
  mutation MarkFulfillmentsNotShipping($input: MarkFulfillmentsNotShippingInput!) {
    markFulfillmentsNotShipping(input: $input) { ...BulkFulfillmentFields }
  }
  ${BULK_FULFILLMENT_FIELDS}
`;

export const UNDO_BULK_ACTION = typed<
  { undoBulkAction: { restoredCount: number; skipped: BulkSkip[]; userErrors: UserError[] } },
  { input: { actionId: string } }
>`
  mutation UndoBulkAction($input: UndoBulkActionInput!) {
    undoBulkAction(input: $input) {
      restoredCount
      skipped { id code message }
      userErrors { field code message }
    }
  }
`;
