import { typed, type UserError } from '../../app/gql';
import { FULFILLMENT_FIELDS, type FulfillmentFields, type TrackingRow } from '../grid/fragments';
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
          order {
            id
            reference
            status
            placedAt
            customer { name email }
            partner { id name }
          }
        }
      }
    }
  }
  ${FULFILLMENT_FIELDS}
`;

export interface FulfillmentDetail extends FulfillmentRow {
  tracking: TrackingRow | null;
  history: HistoryEvent[];
}

export const FULFILLMENT_DETAIL = typed<{ fulfillment: FulfillmentDetail | null }, { id: string }>`
  query FulfillmentDetail($id: ID!) {
    fulfillment(id: $id) {
      ...FulfillmentFields
      tracking { ...TrackingFields }
      history { id at type channel actor fromStatus toStatus changes }
      order {
        id
        reference
        status
        placedAt
        customer { name email }
        partner { id name }
      }
    }
  }
  ${FULFILLMENT_FIELDS}
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
        ...FulfillmentFields
        tracking { ...TrackingFields }
        history { id at type channel actor fromStatus toStatus changes }
        order { id status }
      }
      userErrors { field code message }
    }
  }
  ${FULFILLMENT_FIELDS}
`;

export const RECORD_TRACKING_EVENT = typed<
  { recordTrackingEvent: { fulfillments: FulfillmentDetail[]; userErrors: UserError[] } },
  { input: { fulfillmentId: string; status: string } }
>`
  mutation RecordTrackingEvent($input: RecordTrackingEventInput!) {
    recordTrackingEvent(input: $input) {
      fulfillments {
        ...FulfillmentFields
        tracking { ...TrackingFields }
        history { id at type channel actor fromStatus toStatus changes }
        order { id status }
      }
      userErrors { field code message }
    }
  }
  ${FULFILLMENT_FIELDS}
`;
