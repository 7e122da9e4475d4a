import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'partner' })
export class PartnerEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Recipients of the partner's shipping digests. */
  @Column({ type: 'simple-json', nullable: true })
  notificationEmails: string[] | null;

  /** Secret part of the inbound tracking email address. */
  @Index('uq_partner_inbound_token', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  inboundToken: string;

  /** Bumped on Galera by each webhook claim and endpoint creation for the partner, so two at once conflict. */
  @Column({ type: 'integer', default: 0 })
  revision: number;

  @Column({ type: 'datetime' })
  createdAt: Date;
}
