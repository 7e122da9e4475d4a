import { typed, type UserError } from '../../app/gql';
import { gql } from '@apollo/client';
import { FULFILLMENT_FIELDS, HISTORY_EVENT_FIELDS, type FulfillmentFields, type TrackingRow } from '../grid/fragments';
import type { HistoryEvent } from '../orders/queries';

export interface FulfillmentRow extends FulfillmentFields {
  order: {
    id: string;
    reference: string;
    status: string;
    placedAt: string;
    customer: { name: string; email: string };
    partner: { id: string; name: string };
  };
}

/** The order a fulfillment belongs to, as its row and its page show it. */
const FULFILLMENT_ORDER_FIELDS = gql`
  fragment FulfillmentOrderFields on Order {
    id
    reference
    status
    placedAt
    customer { name email }
    partner { id name }
  }
`;

/** A fulfillment as its page shows it; saving tracking or an event returns the same, so the page updates in place. */
const FULFILLMENT_DETAIL_FIELDS = gql`
  fragment FulfillmentDetailFields on Fulfillment {
    ...FulfillmentFields
    tracking { ...TrackingFields }
    history { ...HistoryEventFields }
  }
  ${FULFILLMENT_FIELDS}
  ${HISTORY_EVENT_FIELDS}
`;

export const FULFILLMENTS = typed<
  {
    fulfillments: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { cursor: string; node: FulfillmentRow }[];
    };
  },
  { filter: Record<string, unknown>; sort: { field: string; direction: string }; first: number; after: string | null }
>`
  query ProductFulfillments($filter: FulfillmentFilter, $sort: FulfillmentSort, $first: Int, $after: String) {
    fulfillments(filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          ...FulfillmentFields
          order { ...FulfillmentOrderFields }
        }
      }
    }
  }
  ${FULFILLMENT_FIELDS}
  ${FULFILLMENT_ORDER_FIELDS}
`;

export interface FulfillmentDetail extends FulfillmentRow {
  tracking: TrackingRow | null;
  history: HistoryEvent[];
}

export const FULFILLMENT_DETAIL = typed<{ fulfillment: FulfillmentDetail | null }, { id: string }>`
  query FulfillmentDetail($id: ID!) {
    fulfillment(id: $id) {
      ...FulfillmentDetailFields
      order { ...FulfillmentOrderFields }
    }
  }
  ${FULFILLMENT_DETAIL_FIELDS}
  ${FULFILLMENT_ORDER_FIELDS}
`;

export const DETECT_CARRIER = typed<
  {
    detectCarrier: {
      candidates: { code: string; name: string; trackingUrlTemplate: string | null }[];
      checkDigitValid: boolean | null;
      trackingUrl: string | null;
    };
  },
  { trackingNumber: string }
>`
  query DetectCarrier($trackingNumber: String!) {
    detectCarrier(trackingNumber: $trackingNumber) {
      candidates { code name trackingUrlTemplate }
      checkDigitValid
      trackingUrl
    }
  }
`;

export interface TrackingFormInput {
  fulfillmentId: string;
  trackingNumber: string;
  carrier: string | null;
  trackingUrl: string | null;
  shippingMethod: string | null;
  shippedOn: string | null;
  version: number;
}

export const UPDATE_TRACKING = typed<
  { updateFulfillmentTracking: { fulfillment: FulfillmentDetail | null; userErrors: UserError[] } },
  { input: TrackingFormInput }
>`
  mutation UpdateFulfillmentTracking($input: UpdateFulfillmentTrackingInput!) {
    updateFulfillmentTracking(input: $input) {
      fulfillment {
        ...FulfillmentDetailFields
        order { id status }
      }
      userErrors { field code message }
    }
  }
  ${FULFILLMENT_DETAIL_FIELDS}
`;

export const RECORD_TRACKING_EVENT = typed<
  { recordTrackingEvent: { fulfillments: FulfillmentDetail[]; userErrors: UserError[] } },
  { input: { fulfillmentId: string; status: string } }
>`
  mutation RecordTrackingEvent($input: RecordTrackingEventInput!) {
    recordTrackingEvent(input: $input) {
      fulfillments {
        ...FulfillmentDetailFields
        order { id status }
      }
      userErrors { field code message }
    }
  }
  ${FULFILLMENT_DETAIL_FIELDS}
`;
