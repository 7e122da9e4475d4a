import 'reflect-metadata';
import {
  CarrierFeedProvider,
  CheckpointSource,
  FulfillmentStatus,
  OrderSortField,
  OrderStatus,
  RISK_THRESHOLDS,
  RiskReason,
  Role,
  SortDirection,
  TrackingStatus,
} from '@ft/shared';
import { registerEnumType } from 'type-graphql';

registerEnumType(Role, { name: 'Role' });
registerEnumType(OrderStatus, { name: 'OrderStatus' });
registerEnumType(FulfillmentStatus, { name: 'FulfillmentStatus' });
registerEnumType(TrackingStatus, { name: 'TrackingStatus' });
registerEnumType(CheckpointSource, {
  name: 'CheckpointSource',
  description: 'Who reported a tracking checkpoint',
});
registerEnumType(CarrierFeedProvider, {
  name: 'CarrierFeedProvider',
  description: 'A tracking aggregator whose own webhooks we accept',
});
registerEnumType(RiskReason, {
  name: 'RiskReason',
  description: 'Why a shipped line may not arrive as planned',
  valuesConfig: {
    NO_FIRST_SCAN: {
      description: `Shipped over ${RISK_THRESHOLDS.firstScanBusinessDays} business days ago and not scanned by the carrier yet`,
    },
    NO_PROGRESS: { description: `No tracking news for ${RISK_THRESHOLDS.noProgressDays} days` },
    EXCEPTION: { description: 'The carrier reports an exception' },
    FAILED_ATTEMPT: { description: 'The carrier reports a failed delivery attempt' },
    LATE: { description: `Shipped more than ${RISK_THRESHOLDS.lateDays} days ago and not delivered` },
  },
});
registerEnumType(SortDirection, { name: 'SortDirection' });
registerEnumType(OrderSortField, { name: 'OrderSortField' });

export {
  CarrierFeedProvider,
  CheckpointSource,
  FulfillmentStatus,
  OrderSortField,
  OrderStatus,
  RiskReason,
  Role,
  SortDirection,
  TrackingStatus,
};
