import type { Channel, EventType, FulfillmentStatus } from '@ft/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** History: one row per change of a fulfillment, never updated. */
@Entity({ name: 'fulfillment_event' })
export class FulfillmentEventEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index('ix_event_fulfillment')
  @Column({ type: 'integer' })
  fulfillmentId: number;

  @Index('ix_event_order')
  @Column({ type: 'integer' })
  orderId: number;

  @Index('ix_event_at')
  @Column({ type: 'datetime' })
  at: Date;

  @Column({ type: 'varchar', length: 32 })
  type: EventType;

  @Column({ type: 'varchar', length: 16 })
  channel: Channel;

  /** Who: "user:<email>", "api-key:<name>" or "system". */
  @Column({ type: 'varchar', length: 300, nullable: true })
  actor: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  fromStatus: FulfillmentStatus | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  toStatus: FulfillmentStatus | null;

  /** Field changes: { field: [from, to] }. */
  @Column({ type: 'simple-json', nullable: true })
  changes: Record<string, [unknown, unknown]> | null;

  @Index('ix_event_bulk_action')
  @Column({ type: 'integer', nullable: true })
  bulkActionId: number | null;

  @Index('ix_event_import')
  @Column({ type: 'integer', nullable: true })
  importId: number | null;
}
