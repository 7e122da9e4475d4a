import 'reflect-metadata';
import {
  CarrierFeedProvider,
  CheckpointSource,
  FulfillmentStatus,
  OrderSortField,
  OrderStatus,
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
registerEnumType(SortDirection, { name: 'SortDirection' });
registerEnumType(OrderSortField, { name: 'OrderSortField' });

export {
  CarrierFeedProvider,
  CheckpointSource,
  FulfillmentStatus,
  OrderSortField,
  OrderStatus,
  Role,
  SortDirection,
  TrackingStatus,
};
