import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'continuity_subscription' })
export class SubscriptionEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index('ix_subscription_order')
  @Column({ type: 'integer' })
  orderId: number;

  /** ACTIVE | CANCELLED */
  @Column({ type: 'varchar', length: 16, default: 'ACTIVE' })
  status: string;

  @Column({ type: 'datetime', nullable: true })
  cancelledAt: Date | null;

  /** The bulk action that ended it, if one did: its undo brings it back. */
  @Column({ type: 'integer', nullable: true })
  cancelledByActionId: number | null;

  /** The import that ended it, if one did: its undo brings it back. */
  @Column({ type: 'integer', nullable: true })
  cancelledByImportId: number | null;
}
