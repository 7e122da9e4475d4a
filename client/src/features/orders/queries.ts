import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  FindOrdersQuery,
  FindOrdersQueryVariables,
  OrderDetailQuery,
  OrderDetailQueryVariables,
} from '../../gql/generated';
import { FULFILLMENT_FIELDS, HISTORY_EVENT_FIELDS } from '../grid/fragments';

export type { HistoryEvent } from '../grid/fragments';
export type OrderRow = FindOrdersQuery['orders']['edges'][number]['node'];

/** An order's own fields, shared by its grid row and its page. */
const ORDER_FIELDS = gql`
  fragment OrderFields on Order {
    id
    reference
    status
    placedAt
    channel
    customer {
      name
      email
      locale
    }
    partner {
      id
      name
    }
  }
`;

export const FIND_ORDERS: TypedDocumentNode<FindOrdersQuery, FindOrdersQueryVariables> = gql`
  query FindOrders($filter: OrderFilter, $sort: OrderSort, $first: Int, $after: String) {
    orders(filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...OrderFields
          fulfillments {
            ...FulfillmentFields
          }
        }
      }
    }
  }
  ${FULFILLMENT_FIELDS}
  ${ORDER_FIELDS}
`;

export const ORDER_DETAIL: TypedDocumentNode<OrderDetailQuery, OrderDetailQueryVariables> = gql`
  query OrderDetail($id: ID!) {
    order(id: $id) {
      ...OrderFields
      subscriptions {
        id
        status
        cancelledAt
      }
      fulfillments {
        ...FulfillmentFields
        history {
          ...HistoryEventFields
        }
      }
    }
  }
  ${FULFILLMENT_FIELDS}
  ${ORDER_FIELDS}
  ${HISTORY_EVENT_FIELDS}
`;
