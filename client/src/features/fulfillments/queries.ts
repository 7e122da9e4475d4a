import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  DetectCarrierQuery,
  DetectCarrierQueryVariables,
  FulfillmentDetailQuery,
  FulfillmentDetailQueryVariables,
  ProductFulfillmentsQuery,
  ProductFulfillmentsQueryVariables,
  RecordTrackingEventMutation,
  RecordTrackingEventMutationVariables,
  ReopenFulfillmentMutation,
  ReopenFulfillmentMutationVariables,
  UpdateFulfillmentTrackingMutation,
  UpdateFulfillmentTrackingMutationVariables,
} from '../../gql/generated';
import { FULFILLMENT_FIELDS, HISTORY_EVENT_FIELDS } from '../grid/fragments';

export type FulfillmentRow = ProductFulfillmentsQuery['fulfillments']['edges'][number]['node'];
export type FulfillmentDetail = NonNullable<FulfillmentDetailQuery['fulfillment']>;

/** The order a fulfillment belongs to, as its row and its page show it. */
const FULFILLMENT_ORDER_FIELDS = gql`
  fragment FulfillmentOrderFields on Order {
    id
    reference
    status
    placedAt
    customer {
      name
      email
    }
    partner {
      id
      name
    }
  }
`;

/** A fulfillment as its page shows it; saving tracking or an event returns the same, so the page updates in place. */
const FULFILLMENT_DETAIL_FIELDS = gql`
  fragment FulfillmentDetailFields on Fulfillment {
    ...FulfillmentFields
    tracking {
      ...TrackingFields
      carrier {
        code
        quirkNote
        pickupWindow
      }
    }
    lastMileCarrierCode
    lastMile {
      number
      url
      carrier {
        code
        name
      }
    }
    history {
      ...HistoryEventFields
    }
    checkpoints(limit: 50) {
      at
      status
      location
      message
      source
    }
  }
  ${FULFILLMENT_FIELDS}
  ${HISTORY_EVENT_FIELDS}
`;

export const FULFILLMENTS: TypedDocumentNode<ProductFulfillmentsQuery, ProductFulfillmentsQueryVariables> =
  gql`
    query ProductFulfillments(
      $filter: FulfillmentFilter
      $sort: FulfillmentSort
      $first: Int
      $after: String
    ) {
      fulfillments(filter: $filter, sort: $sort, first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            ...FulfillmentFields
            order {
              ...FulfillmentOrderFields
            }
          }
        }
      }
    }
    ${FULFILLMENT_FIELDS}
    ${FULFILLMENT_ORDER_FIELDS}
  `;

export const FULFILLMENT_DETAIL: TypedDocumentNode<FulfillmentDetailQuery, FulfillmentDetailQueryVariables> =
  gql`
    query FulfillmentDetail($id: ID!) {
      fulfillment(id: $id) {
        ...FulfillmentDetailFields
        order {
          ...FulfillmentOrderFields
        }
      }
    }
    ${FULFILLMENT_DETAIL_FIELDS}
    ${FULFILLMENT_ORDER_FIELDS}
  `;

export const DETECT_CARRIER: TypedDocumentNode<DetectCarrierQuery, DetectCarrierQueryVariables> = gql`
  query DetectCarrier($trackingNumber: String!) {
    detectCarrier(trackingNumber: $trackingNumber) {
      candidates {
        code
        name
        trackingUrlTemplate
      }
      checkDigitValid
      trackingUrl
    }
  }
`;

export const UPDATE_TRACKING: TypedDocumentNode<
  UpdateFulfillmentTrackingMutation,
  UpdateFulfillmentTrackingMutationVariables
> = gql`
  mutation UpdateFulfillmentTracking($input: UpdateFulfillmentTrackingInput!) {
    updateFulfillmentTracking(input: $input) {
      fulfillment {
        ...FulfillmentDetailFields
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
  }
  ${FULFILLMENT_DETAIL_FIELDS}
`;

export const RECORD_TRACKING_EVENT: TypedDocumentNode<
  RecordTrackingEventMutation,
  RecordTrackingEventMutationVariables
> = gql`
  mutation RecordTrackingEvent($input: RecordTrackingEventInput!) {
    recordTrackingEvent(input: $input) {
      fulfillments {
        ...FulfillmentDetailFields
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
  }
  ${FULFILLMENT_DETAIL_FIELDS}
`;

export const REOPEN_FULFILLMENT: TypedDocumentNode<
  ReopenFulfillmentMutation,
  ReopenFulfillmentMutationVariables
> = gql`
  mutation ReopenFulfillment($input: ReopenFulfillmentInput!) {
    reopenFulfillment(input: $input) {
      fulfillment {
        ...FulfillmentDetailFields
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
  }
  ${FULFILLMENT_DETAIL_FIELDS}
`;
