import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A named grid view (filters, columns, sort) one person keeps for themselves. */
@Entity({ name: 'saved_view' })
@Index('uq_saved_view_owner_name', ['owner', 'grid', 'name'], { unique: true })
export class SavedViewEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  /** "user:<id>" or "partner:<id>", as for grid preferences. */
  @Column({ type: 'varchar', length: 64 })
  owner: string;

  @Column({ type: 'varchar', length: 32 })
  grid: string;

  @Column({ type: 'varchar', length: 80 })
  name: string;

  /** URL filter key → value. */
  @Column({ type: 'simple-json' })
  filters: Record<string, string>;

  @Column({ type: 'simple-json' })
  columns: string[];

  @Column({ type: 'varchar', length: 16 })
  sortField: string;

  @Column({ type: 'varchar', length: 4 })
  sortDirection: string;

  @Column({ type: 'datetime' })
  createdAt: Date;

  @Column({ type: 'datetime' })
  updatedAt: Date;
}
