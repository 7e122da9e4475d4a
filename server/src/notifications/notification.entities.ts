import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every email the system rendered: sent through SMTP or, without SMTP_URL, kept here for admins to read. */
@Entity({ name: 'mail_message' })
export class MailMessageEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index('ix_mail_outbox')
  @Column({ type: 'integer', nullable: true })
  outboxId: number | null;

  @Column({ type: 'varchar', length: 64 })
  topic: string;

  @Column({ type: 'varchar', length: 1000 })
  recipients: string;

  @Column({ type: 'varchar', length: 300 })
  subject: string;

  @Column({ type: 'mediumtext' })
  text: string;

  @Column({ type: 'mediumtext' })
  html: string;

  /** SENT (handed to SMTP) | STORED (no SMTP configured) */
  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ type: 'varchar', length: 8 })
  locale: string;

  @Index('ix_mail_created')
  @Column({ type: 'datetime' })
  createdAt: Date;
}

/** A partner's endpoint for fulfillment-change webhooks. */
@Entity({ name: 'webhook_endpoint' })
export class WebhookEndpointEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index('ix_webhook_partner')
  @Column({ type: 'integer' })
  partnerId: number;

  @Column({ type: 'varchar', length: 1000 })
  url: string;

  /** HMAC-SHA256 key; shown once when the endpoint is created. */
  @Column({ type: 'varchar', length: 100 })
  secret: string;

  @Column({ type: 'datetime', nullable: true })
  disabledAt: Date | null;

  @Column({ type: 'datetime' })
  createdAt: Date;
}

/** A forwarded tracking email and what was found in it. */
@Entity({ name: 'inbound_email' })
@Index('ix_inbound_partner_status', ['partnerId', 'status'])
export class InboundEmailEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  partnerId: number;

  @Column({ type: 'varchar', length: 300, nullable: true })
  sender: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  subject: string | null;

  /** APPLIED | REVIEW | NOTHING_FOUND */
  @Column({ type: 'varchar', length: 16 })
  status: string;

  /** { trackingNumbers, references, applied: [{ reference, numbers }], reason, reasons: InboundReason[] } */
  @Column({
    type: 'mediumtext',
    transformer: { to: JSON.stringify, from: (text: string) => JSON.parse(text) },
  })
  findings: Record<string, unknown>;

  /** The text found in the mail; cut (at a character) only beyond INBOUND_BODY_MAX_BYTES, see bodyBytes. */
  @Column({ type: 'mediumtext' })
  bodyText: string;

  /** The whole text's length in UTF-8 bytes; more than bodyText holds when it was cut. */
  @Column({ type: 'integer', nullable: true })
  bodyBytes: number | null;

  @Column({ type: 'datetime' })
  receivedAt: Date;
}
