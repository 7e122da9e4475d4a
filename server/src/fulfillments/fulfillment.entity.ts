import type { FulfillmentStatus, TrackingStatus } from '@ft/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One product line of an order. `partnerId`, `orderReference` and `placedAt`
 * are copied from the order (they never change) so the fulfillment grid can
 * filter, scope and sort without a join.
 */
@Entity({ name: 'fulfillment' })
@Index('ix_fulfillment_placed', ['placedAt', 'id'])
@Index('ix_fulfillment_partner_placed', ['partnerId', 'placedAt', 'id'])
@Index('ix_fulfillment_reference', ['orderReference', 'id'])
@Index('ix_fulfillment_partner_id', ['partnerId', 'id'])
@Index('ix_fulfillment_sku', ['sku', 'partnerId'])
@Index('ix_fulfillment_risk', ['status', 'trackingStatus', 'updatedAt', 'shippedOn'])
export class FulfillmentEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index('ix_fulfillment_order')
  @Column({ type: 'integer' })
  orderId: number;

  @Column({ type: 'integer' })
  partnerId: number;

  @Column({ type: 'varchar', length: 64 })
  orderReference: string;

  @Column({ type: 'datetime' })
  placedAt: Date;

  @Column({ type: 'varchar', length: 64 })
  sku: string;

  @Column({ type: 'varchar', length: 200 })
  productName: string;

  @Column({ type: 'integer', default: 1 })
  quantity: number;

  @Index('ix_fulfillment_client_id')
  @Column({ type: 'varchar', length: 64, nullable: true })
  clientFulfillmentId: string | null;

  @Index('ix_fulfillment_status')
  @Column({ type: 'varchar', length: 16, default: 'HOLD' })
  status: FulfillmentStatus;

  @Index('ix_fulfillment_shipped_on')
  @Column({ type: 'date', nullable: true })
  shippedOn: string | null;

  @Index('ix_fulfillment_tracking_number')
  @Column({ type: 'varchar', length: 64, nullable: true })
  trackingNumber: string | null;

  @Index('ix_fulfillment_carrier')
  @Column({ type: 'varchar', length: 32, nullable: true })
  carrierCode: string | null;

  /** The carrier as the sender wrote it, when it matched no known carrier. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  carrierName: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  trackingUrl: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  shippingMethod: string | null;

  @Column({ type: 'varchar', length: 24, default: 'UNKNOWN' })
  trackingStatus: TrackingStatus;

  /** More parcels of the same shipment: [{ number, url }]. */
  @Column({ type: 'simple-json', nullable: true })
  extraPackages: { number: string; url: string | null }[] | null;

  /** The carrier the parcel is handed over to for the last mile (a partner's handover rule). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  lastMileCarrierCode: string | null;

  /** The last-mile carrier's own number, once known, and its link. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  lastMileNumber: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  lastMileUrl: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  notShippingReason: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  rmaNumber: string | null;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ type: 'datetime' })
  updatedAt: Date;
}
