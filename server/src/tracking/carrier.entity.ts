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

  /** What staff and members should know about this carrier's tracking, in the admin's words. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  quirkNote: string | null;

  /** When the carrier collects parcels, e.g. "every business day 2:30–5 PM Eastern". */
  @Column({ type: 'varchar', length: 200, nullable: true })
  pickupWindow: string | null;

  /** Its tracking reads "Label created" as soon as a label exists, before any scan (UPS). */
  @Column({ type: 'boolean', default: false })
  labelScanAtOnce: boolean;
}
