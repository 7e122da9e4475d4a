import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'carrier' })
export class CarrierEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** URL with `{number}` where the tracking number goes. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  trackingUrlTemplate: string | null;

  /** Free-text spellings that mean this carrier, lower-cased and normalised. */
  @Column({ type: 'simple-json' })
  aliases: string[];
}
