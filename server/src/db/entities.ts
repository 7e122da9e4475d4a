import { RateBucketEntity } from '../auth/rate-bucket.entity.js';
import { SessionEntity } from '../auth/session.entity.js';
import { BulkActionEntity, BulkActionItemEntity } from '../fulfillments/bulk-action.entity.js';
import { FulfillmentEventEntity } from '../fulfillments/fulfillment-event.entity.js';
import { FulfillmentEntity } from '../fulfillments/fulfillment.entity.js';
import {
  ImportJobEntity,
  ImportMappingEntity,
  ImportResultEntity,
  ImportRowEntity,
} from '../imports/import-job.entity.js';
import {
  InboundEmailEntity,
  MailMessageEntity,
  WebhookEndpointEntity,
} from '../notifications/notification.entities.js';
import { OutboxMessageEntity } from '../notifications/outbox.entity.js';
import { OrderEntity } from '../orders/order.entity.js';
import { OrderSearchEntity, SearchGramEntity } from '../orders/order-search.entity.js';
import { SubscriptionEntity } from '../orders/subscription.entity.js';
import { ApiKeyEntity } from '../partners/api-key.entity.js';
import { PartnerEntity } from '../partners/partner.entity.js';
import { GridPreferenceEntity } from '../preferences/grid-preference.entity.js';
import { SavedViewEntity } from '../preferences/saved-view.entity.js';
import { CarrierEntity } from '../tracking/carrier.entity.js';
import { CarrierFeedEntity, TrackingCheckpointEntity } from '../tracking/checkpoint.entity.js';
import { CarrierHandoverRuleEntity } from '../tracking/handover-rule.entity.js';
import { UserEntity } from '../users/user.entity.js';

export const ENTITIES = [
  PartnerEntity,
  ApiKeyEntity,
  UserEntity,
  SessionEntity,
  OrderEntity,
  FulfillmentEntity,
  SubscriptionEntity,
  CarrierEntity,
  FulfillmentEventEntity,
  BulkActionEntity,
  BulkActionItemEntity,
  GridPreferenceEntity,
  SavedViewEntity,
  OutboxMessageEntity,
  ImportJobEntity,
  ImportRowEntity,
  ImportResultEntity,
  ImportMappingEntity,
  MailMessageEntity,
  WebhookEndpointEntity,
  InboundEmailEntity,
  RateBucketEntity,
  TrackingCheckpointEntity,
  CarrierFeedEntity,
  OrderSearchEntity,
  SearchGramEntity,
  CarrierHandoverRuleEntity,
];
