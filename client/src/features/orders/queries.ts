import { gql } from '@apollo/client';
import { typed } from '../../app/gql';
import { FULFILLMENT_FIELDS, HISTORY_EVENT_FIELDS, type FulfillmentFields } from '../grid/fragments';

export interface OrderRow {
  id: string;
  reference: string;
  status: string;
  placedAt: string;
  channel: string | null;
  customer: { name: string; email: string; locale: string };
  partner: { id: string; name: string };
  fulfillments: FulfillmentFields[];
}

interface Connection<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: T }[];
}

type OrderFilterVars = Record<string, unknown>;

/** An order's own fields, shared by its grid row and its page. */
const ORDER_FIELDS = gql`
  fragment OrderFields on Order {
    id
    reference
    status
    placedAt
    channel
    customer { name email locale }
    partner { id name }
  }
`;

export const FIND_ORDERS = typed<
  { orders: Connection<OrderRow> },
  { filter: OrderFilterVars; sort: { field: string; direction: string }; first: number; after: string | null }
>`
  query FindOrders($filter: OrderFilter, $sort: OrderSort, $first: Int, $after: String) {
    orders(filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          ...OrderFields
          fulfillments { ...FulfillmentFields }
        }
      }
    }
  }
  ${FULFILLMENT_FIELDS}
  ${ORDER_FIELDS}
`;

/** Only ids, to turn "every order matching" into the fulfillment filter the bulk mutations take. */
export const MATCHING_ORDER_IDS = typed<
  { orders: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string } }[] } },
  { filter: OrderFilterVars; first: number; after: string | null }
>`
  query MatchingOrderIds($filter: OrderFilter, $first: Int, $after: String) {
    orders(filter: $filter, first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { id } }
    }
  }
`;

export interface HistoryEvent {
  id: string;
  at: string;
  type: string;
  channel: string;
  actor: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  changes: string | null;
}

export interface OrderDetail extends Omit<OrderRow, 'fulfillments'> {
  subscriptions: { id: string; status: string; cancelledAt: string | null }[];
  fulfillments: (FulfillmentFields & { history: HistoryEvent[] })[];
}

export const ORDER_DETAIL = typed<{ order: OrderDetail | null }, { id: string }>`
  query OrderDetail($id: ID!) {
    order(id: $id) {
      ...OrderFields
      subscriptions { id status cancelledAt }
      fulfillments {
        ...FulfillmentFields
        history { ...HistoryEventFields }
      }
    }
  }
  ${FULFILLMENT_FIELDS}
  ${ORDER_FIELDS}
  ${HISTORY_EVENT_FIELDS}
`;
