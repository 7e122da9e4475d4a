import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An email or webhook to deliver, written in the same transaction as the change
 * that causes it. `dedupeKey` makes "once per fulfillment" messages idempotent.
 */
@Entity({ name: 'outbox_message' })
@Index('ix_outbox_due', ['status', 'nextAttemptAt'])
@Index('ix_outbox_partner', ['partnerId', 'kind', 'id'])
@Index('ix_outbox_endpoint', ['endpointId', 'id'])
@Index('ix_outbox_lane', ['kind', 'status', 'nextAttemptAt'])
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

  /** JSON text, parsed by the worker one message at a time: a row that does not parse fails alone. */
  @Column({ type: 'mediumtext' })
  payload: string;

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

  /** The webhook endpoint a WEBHOOK message goes to, for its delivery log. */
  @Column({ type: 'integer', nullable: true })
  endpointId: number | null;

  /** A webhook endpoint's HTTP status. */
  @Column({ type: 'integer', nullable: true })
  responseCode: number | null;
}
