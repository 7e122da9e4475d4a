import { gql, type TypedDocumentNode } from '@apollo/client';
import { RiskReason } from '@ft/shared';
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

export const RISK_REASONS = Object.values(RiskReason);
/** Every risk reason at once: "at risk for any reason" (the Problems tab). */
export const ANY_RISK = RISK_REASONS.join(',');
