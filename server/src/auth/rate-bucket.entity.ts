import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'rate_bucket' })
export class RateBucketEntity {
  @PrimaryColumn({ type: 'integer' })
  apiKeyId: number;

  /** Query-cost points left at `updatedAt`. */
  @Column({ type: 'integer' })
  points: number;

  @Column({ type: 'datetime' })
  updatedAt: Date;
}
