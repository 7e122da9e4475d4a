import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A partner's tracking conversion: numbers of `fromCarrierCode` (on lines whose shipping method names
 * `supplier`, or any line when it is null) are handed over to `toCarrierCode` for the last mile.
 */
@Entity({ name: 'carrier_handover_rule' })
@Index('uq_carrier_handover_rule', ['partnerId', 'fromCarrierCode', 'supplierKey'], { unique: true })
export class CarrierHandoverRuleEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  partnerId: number;

  @Column({ type: 'varchar', length: 32 })
  fromCarrierCode: string;

  @Column({ type: 'varchar', length: 32 })
  toCarrierCode: string;

  /** As the partner wrote it; null: any supplier. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  supplier: string | null;

  /** `supplier` trimmed and lower-cased, '' for any: what the rule is matched and kept unique by. */
  @Column({ type: 'varchar', length: 100, default: '' })
  supplierKey: string;

  @Column({ type: 'datetime' })
  updatedAt: Date;
}
