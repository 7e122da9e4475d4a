import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/** Saved grid views, one set per person and grid. */
export class SavedViews1765400000000 implements MigrationInterface {
  name = 'SavedViews1765400000000';

  async up(q: QueryRunner): Promise<void> {
    const str = (name: string, length: number) => ({ name, type: 'varchar', length: String(length) });
    await q.createTable(
      new Table({
        name: 'saved_view',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          str('owner', 64),
          str('grid', 32),
          str('name', 80),
          { name: 'filters', type: 'text' },
          { name: 'columns', type: 'text' },
          str('sort_field', 16),
          str('sort_direction', 4),
          { name: 'created_at', type: 'datetime' },
          { name: 'updated_at', type: 'datetime' },
        ],
        indices: [
          new TableIndex({
            name: 'uq_saved_view_owner_name',
            columnNames: ['owner', 'grid', 'name'],
            isUnique: true,
          }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('saved_view');
  }
}
