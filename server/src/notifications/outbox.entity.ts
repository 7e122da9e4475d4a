import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An email or webhook to deliver, written in the same transaction as the change
 * that causes it. `dedupeKey` makes "once per fulfillment" messages idempotent.
 */
@Entity({ name: 'outbox_message' })
@Index('ix_outbox_due', ['status', 'nextAttemptAt'])
@Index('ix_outbox_partner', ['partnerId', 'kind', 'id'])
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

  /** PENDING | SENDING | SENT | FAILED (parked after the last try; an admin can retry) */
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

  /** A claimed message is the claimer's until then; after it, another worker may take it (crash recovery). */
  @Column({ type: 'datetime', nullable: true })
  lockedUntil: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  lockedBy: string | null;

  /** The partner a message concerns, for its delivery log. */
  @Column({ type: 'integer', nullable: true })
  partnerId: number | null;

  /** A webhook endpoint's HTTP status. */
  @Column({ type: 'integer', nullable: true })
  responseCode: number | null;
}
