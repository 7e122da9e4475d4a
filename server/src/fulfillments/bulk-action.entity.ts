import type { FulfillmentStatus } from '@ft/shared';
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** One bulk action, kept so it can be undone. */
@Entity({ name: 'bulk_action' })
@Index('ix_bulk_action_log', ['createdAt', 'id'])
@Index('ix_bulk_action_partner_log', ['partnerId', 'createdAt', 'id'])
export class BulkActionEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  /** MARK_SHIPPED | MARK_NOT_SHIPPING | CANCEL */
  @Column({ type: 'varchar', length: 32 })
  kind: string;

  /** The partner that did it (null: staff). A partner may only undo its own. */
  @Column({ type: 'integer', nullable: true })
  partnerId: number | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  actor: string | null;

  @Column({ type: 'datetime' })
  createdAt: Date;

  @Column({ type: 'integer' })
  changedCount: number;

  @Column({ type: 'datetime', nullable: true })
  undoneAt: Date | null;
}

/** What one bulk action changed on one fulfillment, to restore it. */
@Entity({ name: 'bulk_action_item' })
export class BulkActionItemEntity {
  @PrimaryColumn({ type: 'integer' })
  bulkActionId: number;

  @PrimaryColumn({ type: 'integer' })
  @Index('ix_bulk_item_fulfillment')
  fulfillmentId: number;

  @Column({ type: 'varchar', length: 16 })
  prevStatus: FulfillmentStatus;

  @Column({ type: 'date', nullable: true })
  prevShippedOn: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  prevNotShippingReason: string | null;

  /** The version the action left; undo only restores rows still at it. */
  @Column({ type: 'integer' })
  newVersion: number;
}
