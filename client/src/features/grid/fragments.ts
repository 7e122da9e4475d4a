import { gql } from '@apollo/client';

export interface TrackingRow {
  number: string;
  url: string | null;
  method: string | null;
  carrierName: string | null;
  status: string;
  quirk: string | null;
  carrier: { code: string; name: string } | null;
}

export interface FulfillmentFields {
  __typename?: 'Fulfillment';
  id: string;
  sku: string;
  productName: string;
  quantity: number;
  clientFulfillmentId: string | null;
  status: string;
  shippedOn: string | null;
  notShippingReason: string | null;
  version: number;
  packages: TrackingRow[];
}

export const TRACKING_FIELDS = gql`
  fragment TrackingFields on Tracking {
    number
    url
    method
    carrierName
    status
    quirk
    carrier { code name }
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
    packages { ...TrackingFields }
  }
  ${TRACKING_FIELDS}
`;

/** One entry of a fulfillment's history, as the timeline shows it. */
export const HISTORY_EVENT_FIELDS = gql`
  fragment HistoryEventFields on FulfillmentEvent {
    id at type channel actor fromStatus toStatus changes
  }
`;
