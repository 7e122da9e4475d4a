import { typed } from '../../app/gql';

export interface CarrierOption {
  code: string;
  name: string;
  trackingUrlTemplate: string | null;
}

export const CARRIERS = typed<{ carriers: CarrierOption[] }>`
  query Carriers {
    carriers { code name trackingUrlTemplate }
  }
`;

export const PARTNER_OPTIONS = typed<{ partners: { id: string; name: string }[] }>`
  query PartnerOptions {
    partners { id name }
  }
`;

export const ORDER_STATUSES = ['OPEN', 'CLOSED', 'CANCELLED'] as const;
export const FULFILLMENT_STATUSES = ['HOLD', 'SHIPPED', 'DELIVERED', 'NOT_SHIPPING', 'RETURNED', 'CANCELLED'] as const;
