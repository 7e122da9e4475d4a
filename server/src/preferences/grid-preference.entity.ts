import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'grid_preference' })
@Index('uq_grid_preference_owner', ['owner', 'grid'], { unique: true })
export class GridPreferenceEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  /** "user:<id>" or "partner:<id>": preferences follow the person, not the browser. */
  @Column({ type: 'varchar', length: 64 })
  owner: string;

  @Column({ type: 'varchar', length: 32 })
  grid: string;

  @Column({ type: 'simple-json' })
  columns: string[];

  @Column({ type: 'datetime' })
  updatedAt: Date;
}
