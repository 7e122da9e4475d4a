import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ActionLogResolver } from '../action-log/action-log.resolver.js';
import { authChecker } from '../auth/auth-checker.js';
import { FulfillmentResolver, TrackingResolver } from '../fulfillments/fulfillment.resolver.js';
import { ImportResolver } from '../imports/import.resolver.js';
import { InboundEmailResolver } from '../notifications/inbound-email.resolver.js';
import { NotificationResolver } from '../notifications/notification.resolver.js';
import { OrderResolver } from '../orders/order.resolver.js';
import { PartnerResolver } from '../partners/partner.resolver.js';
import { GridPreferenceResolver } from '../preferences/grid-preference.resolver.js';
import { SavedViewResolver } from '../preferences/saved-view.resolver.js';
import { CarrierResolver } from '../tracking/carrier.resolver.js';
import { CarrierFeedResolver, CheckpointResolver } from '../tracking/checkpoint.resolver.js';
import { HandoverResolver } from '../tracking/handover.resolver.js';
import { UserResolver } from '../users/user.resolver.js';
import './enums.js';

let built: Promise<GraphQLSchema> | null = null;

/** Built once per process: type-graphql's metadata is global. */
export function buildAppSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [
      UserResolver,
      PartnerResolver,
      OrderResolver,
      FulfillmentResolver,
      TrackingResolver,
      CarrierResolver,
      CheckpointResolver,
      CarrierFeedResolver,
      HandoverResolver,
      GridPreferenceResolver,
      SavedViewResolver,
      ImportResolver,
      NotificationResolver,
      InboundEmailResolver,
      ActionLogResolver,
    ],
    authChecker,
    validate: false,
  });
  return built;
}

export async function printAppSchema(): Promise<string> {
  const header = '# Generated from the type-graphql classes by `pnpm schema`; do not edit by hand.\n\n';
  return header + printSchema(lexicographicSortSchema(await buildAppSchema())) + '\n';
}
