import { gql } from '@apollo/client';
import type { HistoryEventFieldsFragment, TrackingFieldsFragment } from '../../gql/generated';

export type TrackingRow = TrackingFieldsFragment;
export type HistoryEvent = HistoryEventFieldsFragment;

const TRACKING_FIELDS = gql`
  fragment TrackingFields on Tracking {
    number
    url
    method
    carrierName
    status
    quirk
    carrier {
      code
      name
    }
  }
`;

/**
 * What a grid row of a fulfillment shows; bulk results select the same, so the cache updates rows in place.
 * No `tracking` here: it repeats packages[0] and would add to the 250-row page's query cost.
 */
export const FULFILLMENT_FIELDS = gql`
  fragment FulfillmentFields on Fulfillment {
    id
    sku
    productName
    quantity
    clientFulfillmentId
    status
    shippedOn
    notShippingReason
    version
    packages {
      ...TrackingFields
    }
  }
  ${TRACKING_FIELDS}
`;

/** One entry of a fulfillment's history, as the timeline shows it. */
export const HISTORY_EVENT_FIELDS = gql`
  fragment HistoryEventFields on FulfillmentEvent {
    id
    at
    type
    channel
    actor
    fromStatus
    toStatus
    changes
  }
`;
