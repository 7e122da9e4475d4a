import 'reflect-metadata';
import {
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
registerEnumType(SortDirection, { name: 'SortDirection' });
registerEnumType(OrderSortField, { name: 'OrderSortField' });

export { FulfillmentStatus, OrderSortField, OrderStatus, Role, SortDirection, TrackingStatus };
