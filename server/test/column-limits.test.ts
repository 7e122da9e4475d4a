import { LIMITS } from '@ft/shared';
import { getMetadataArgsStorage } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { overLength } from '../src/db/column-limits.js';
import { FulfillmentEntity } from '../src/fulfillments/fulfillment.entity.js';
import { OrderEntity } from '../src/orders/order.entity.js';

const lengthOf = (entity: object, property: string) =>
  getMetadataArgsStorage().columns.find((c) => c.target === entity && c.propertyName === property)?.options
    .length;

describe('column limits', () => {
  it("the forms' and the API's input limits are the entities' column lengths, so what passes a form fits", () => {
    const pairs: [number, object, string][] = [
      [LIMITS.referenceMax, OrderEntity, 'reference'],
      [LIMITS.nameMax, OrderEntity, 'customerName'],
      [LIMITS.emailMax, OrderEntity, 'customerEmail'],
      [LIMITS.nameMax, OrderEntity, 'channel'],
      [LIMITS.skuMax, FulfillmentEntity, 'sku'],
      [LIMITS.productNameMax, FulfillmentEntity, 'productName'],
      [LIMITS.referenceMax, FulfillmentEntity, 'clientFulfillmentId'],
      [LIMITS.trackingNumberMax, FulfillmentEntity, 'trackingNumber'],
      [LIMITS.carrierMax, FulfillmentEntity, 'carrierName'],
      [LIMITS.urlMax, FulfillmentEntity, 'trackingUrl'],
      [LIMITS.shippingMethodMax, FulfillmentEntity, 'shippingMethod'],
      [LIMITS.reasonMax, FulfillmentEntity, 'notShippingReason'],
    ];
    for (const [limit, entity, property] of pairs)
      expect([property, lengthOf(entity, property)]).toEqual([property, limit]);
  });

  it('counts characters as the database does, an emoji as one', () => {
    expect(overLength(FulfillmentEntity, { carrierName: '😀'.repeat(64) })).toBeNull();
    expect(overLength(FulfillmentEntity, { carrierName: '😀'.repeat(65) })).toEqual({
      property: 'carrierName',
      length: 65,
      max: 64,
    });
  });
});
