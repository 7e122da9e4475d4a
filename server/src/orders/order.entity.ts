import type { OrderStatus } from '@ft/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'orders' })
@Index('uq_orders_partner_reference', ['partnerId', 'reference'], { unique: true })
@Index('ix_orders_placed', ['placedAt', 'id'])
@Index('ix_orders_partner_placed', ['partnerId', 'placedAt', 'id'])
@Index('ix_orders_reference', ['reference', 'id'])
export class OrderEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  partnerId: number;

  @Column({ type: 'varchar', length: 64 })
  reference: string;

  @Column({ type: 'varchar', length: 200 })
  customerName: string;

  @Index('ix_orders_customer_email')
  @Column({ type: 'varchar', length: 254 })
  customerEmail: string;

  @Column({ type: 'varchar', length: 8, default: 'en' })
  customerLocale: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  channel: string | null;

  @Column({ type: 'datetime' })
  placedAt: Date;

  /** Derived from the fulfillments (deriveOrderStatus). */
  @Index('ix_orders_status')
  @Column({ type: 'varchar', length: 16, default: 'OPEN' })
  status: OrderStatus;

  /** Bumped when the order is settled (on Galera at every settling, so concurrent settlings of one order conflict). */
  @Column({ type: 'integer', default: 0 })
  revision: number;

  /** Secret of the member's public Track item link. */
  @Index('uq_orders_tracking_token', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  trackingToken: string;

  @Column({ type: 'datetime' })
  createdAt: Date;
}
