import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  CarriersQuery,
  CarriersQueryVariables,
  PartnerOptionsQuery,
  PartnerOptionsQueryVariables,
} from '../../gql/generated';

export const CARRIERS: TypedDocumentNode<CarriersQuery, CarriersQueryVariables> = gql`
  query Carriers {
    carriers {
      code
      name
      trackingUrlTemplate
    }
  }
`;

export const PARTNER_OPTIONS: TypedDocumentNode<PartnerOptionsQuery, PartnerOptionsQueryVariables> = gql`
  query PartnerOptions {
    partners {
      id
      name
    }
  }
`;

export const ORDER_STATUSES = ['OPEN', 'CLOSED', 'CANCELLED'] as const;
export const FULFILLMENT_STATUSES = [
  'HOLD',
  'SHIPPED',
  'DELIVERED',
  'NOT_SHIPPING',
  'RETURNED',
  'CANCELLED',
] as const;
