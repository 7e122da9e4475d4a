import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Only a SHA-256 of the secret is kept: the key is random, so a slow hash adds nothing. */
@Entity({ name: 'api_key' })
export class ApiKeyEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index('ix_api_key_partner')
  @Column({ type: 'integer' })
  partnerId: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** First characters of the key, shown so people can tell keys apart. */
  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  @Index('uq_api_key_secret_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  secretHash: string;

  @Column({ type: 'datetime' })
  createdAt: Date;

  @Column({ type: 'datetime', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'datetime', nullable: true })
  lastUsedAt: Date | null;
}
