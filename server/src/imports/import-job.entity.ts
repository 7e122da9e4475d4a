import type { ImportJobStatus } from './import-job-states.js';
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** One uploaded file, from upload through preview to apply. */
@Entity({ name: 'import_job' })
@Index('ix_import_job_log', ['appliedAt', 'id'])
@Index('ix_import_job_partner_log', ['partnerId', 'appliedAt', 'id'])
export class ImportJobEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  /** tracking | returns */
  @Column({ type: 'varchar', length: 16 })
  kind: string;

  /** The partner whose orders it may touch; null: staff, every partner. */
  @Column({ type: 'integer', nullable: true })
  partnerId: number | null;

  /** "user:<id>" or "partner:<id>": whose remembered mapping this feeds. */
  @Column({ type: 'varchar', length: 64 })
  owner: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  actor: string | null;

  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  /** Moves only as import-job-states.ts allows. */
  @Column({ type: 'varchar', length: 16 })
  status: ImportJobStatus;

  @Column({ type: 'simple-json' })
  headers: string[];

  /** [{ column, field }] in header order. */
  @Column({ type: 'simple-json', nullable: true })
  mapping: { column: string; field: string | null }[] | null;

  /** MM/DD/YYYY or DD.MM.YYYY as the user chose; AUTO: the file's dates decide, and ambiguous ones ask. */
  @Column({ type: 'varchar', length: 16, default: 'MM/DD/YYYY' })
  dateFormat: string;

  /** The carrier of every row whose own carrier cell is empty (a carrier's own file has no carrier column). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  defaultCarrier: string | null;

  @Column({ type: 'integer', default: 0 })
  rowCount: number;

  @Column({ type: 'integer', default: 0 })
  changeCount: number;

  @Column({ type: 'integer', default: 0 })
  unchangedCount: number;

  @Column({ type: 'integer', default: 0 })
  errorCount: number;

  @Column({ type: 'integer', default: 0 })
  appliedCount: number;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  lastError: string | null;

  @Column({ type: 'datetime' })
  createdAt: Date;

  @Column({ type: 'datetime', nullable: true })
  appliedAt: Date | null;

  /** When the import's changes were taken back from the action log; null while they stand. */
  @Column({ type: 'datetime', nullable: true })
  undoneAt: Date | null;
}

/** One data row of a file, as uploaded. */
@Entity({ name: 'import_row' })
export class ImportRowEntity {
  @PrimaryColumn({ type: 'integer' })
  importId: number;

  /** The file line the record starts on (the header is line 1). */
  @PrimaryColumn({ type: 'integer' })
  line: number;

  @Column({ type: 'simple-json' })
  cells: string[];
}

/** What the latest preview decided for a row, and whether apply has written it. */
@Entity({ name: 'import_result' })
@Index('ix_import_result_outcome', ['importId', 'outcome', 'line'])
export class ImportResultEntity {
  @PrimaryColumn({ type: 'integer' })
  importId: number;

  @PrimaryColumn({ type: 'integer' })
  line: number;

  /** CHANGE | UNCHANGED | ERROR */
  @Column({ type: 'varchar', length: 16 })
  outcome: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  code: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  message: string | null;

  /** The values `message` names and its variant (MessageParams), for clients that word it themselves. */
  @Column({ type: 'simple-json', nullable: true })
  params: Record<string, string | number> | null;

  /** The import field the problem is in, e.g. trackingNumber. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  field: string | null;

  /** Fulfillments a CHANGE row writes. */
  @Column({ type: 'simple-json', nullable: true })
  targets: number[] | null;

  /** For CHANGE rows: the status the targets move to … */
  @Column({ type: 'varchar', length: 16, nullable: true })
  toStatus: string | null;

  /**
   * … and what they write (a RowPatch), decided by the preview so apply need not decide again. MEDIUMTEXT: a
   * row naming an order of 500 lines that differ may need more than TEXT's 64 KB.
   */
  @Column({
    type: 'mediumtext',
    nullable: true,
    transformer: {
      to: (v: unknown) => (v == null ? null : JSON.stringify(v)),
      from: (text: string | null) => (text == null ? null : JSON.parse(text)),
    },
  })
  patch: Record<string, unknown> | null;

  @Column({ type: 'integer', default: 0 })
  applied: number;
}

/** The last mapping someone used, suggested first next time. */
@Entity({ name: 'import_mapping' })
@Index('uq_import_mapping_owner', ['owner', 'kind'], { unique: true })
export class ImportMappingEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 64 })
  owner: string;

  @Column({ type: 'varchar', length: 16 })
  kind: string;

  /** normalised header → field (null = ignored). */
  @Column({ type: 'simple-json' })
  fields: Record<string, string | null>;

  @Column({ type: 'datetime' })
  updatedAt: Date;
}
