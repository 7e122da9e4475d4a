import type { CarrierFeedProvider, CheckpointSource, TrackingStatus } from '@ft/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One scan a carrier reported for a fulfillment's tracking number (its timeline); the same scan is stored once.
 * A line shows the scans of the number it has now: a corrected number does not carry the wrong parcel's scans,
 * and an undo that gives the old number back gives back its scans.
 */
@Entity({ name: 'tracking_checkpoint' })
@Index('uq_checkpoint_fingerprint', ['fulfillmentId', 'trackingNumber', 'fingerprint'], { unique: true })
@Index('ix_checkpoint_fulfillment_at', ['fulfillmentId', 'trackingNumber', 'at'])
export class TrackingCheckpointEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  fulfillmentId: number;

  /** The line's tracking number when the scan came ('' for a line without one). */
  @Column({ type: 'varchar', length: 64, default: '' })
  trackingNumber: string;

  /** When the carrier scanned (not when we heard of it). */
  @Column({ type: 'datetime' })
  at: Date;

  @Column({ type: 'varchar', length: 24 })
  status: TrackingStatus;

  @Column({ type: 'varchar', length: 300, nullable: true })
  location: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  message: string | null;

  @Column({ type: 'varchar', length: 16 })
  source: CheckpointSource;

  /** sha256 of the scan's time, status, location and message: a provider's resend of it is the same row. */
  @Column({ type: 'varchar', length: 64 })
  fingerprint: string;

  @Column({ type: 'datetime' })
  receivedAt: Date;
}

/** Where a partner's aggregator posts its webhooks, and the secret that provider signs them with. */
@Entity({ name: 'carrier_feed' })
@Index('uq_carrier_feed_partner_provider', ['partnerId', 'provider'], { unique: true })
export class CarrierFeedEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  partnerId: number;

  @Column({ type: 'varchar', length: 16 })
  provider: CarrierFeedProvider;

  /** The secret path segment of the feed's address: /carrier-events/<provider>/<token>. */
  @Index('uq_carrier_feed_token', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  token: string;

  /** The provider's webhook secret (EasyPost, AfterShip), security key (17TRACK) or URL token (Shippo). */
  @Column({ type: 'varchar', length: 200 })
  secret: string;

  @Column({ type: 'datetime' })
  updatedAt: Date;
}
