import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An email or webhook to deliver, written in the same transaction as the change
 * that causes it. `dedupeKey` makes "once per fulfillment" messages idempotent.
 */
@Entity({ name: 'outbox_message' })
@Index('ix_outbox_due', ['status', 'nextAttemptAt'])
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  /** EMAIL | WEBHOOK */
  @Column({ type: 'varchar', length: 16 })
  kind: string;

  /** e.g. member.shipped */
  @Column({ type: 'varchar', length: 64 })
  topic: string;

  @Index('uq_outbox_dedupe_key', { unique: true })
  @Column({ type: 'varchar', length: 128, nullable: true })
  dedupeKey: string | null;

  @Column({ type: 'simple-json' })
  payload: Record<string, unknown>;

  /** PENDING | SENDING | SENT | FAILED */
  @Column({ type: 'varchar', length: 16, default: 'PENDING' })
  status: string;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'datetime' })
  nextAttemptAt: Date;

  @Column({ type: 'datetime' })
  createdAt: Date;

  @Column({ type: 'datetime', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  lastError: string | null;
}
