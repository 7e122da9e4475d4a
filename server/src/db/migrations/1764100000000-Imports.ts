import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

export class Imports1764100000000 implements MigrationInterface {
  name = 'Imports1764100000000';

  async up(q: QueryRunner): Promise<void> {
    const int = (name: string, extra = {}) => ({ name, type: 'integer', ...extra });
    const str = (name: string, length: number, extra = {}) => ({
      name,
      type: 'varchar',
      length: String(length),
      ...extra,
    });
    await q.createTable(
      new Table({
        name: 'import_job',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          str('kind', 16),
          int('partner_id', { isNullable: true }),
          str('owner', 64),
          str('actor', 300, { isNullable: true }),
          str('file_name', 255),
          str('status', 16),
          { name: 'headers', type: 'text' },
          { name: 'mapping', type: 'text', isNullable: true },
          str('date_format', 16, { default: "'MM/DD/YYYY'" }),
          int('row_count', { default: 0 }),
          int('change_count', { default: 0 }),
          int('unchanged_count', { default: 0 }),
          int('error_count', { default: 0 }),
          int('applied_count', { default: 0 }),
          str('last_error', 1000, { isNullable: true }),
          { name: 'created_at', type: 'datetime' },
          { name: 'applied_at', type: 'datetime', isNullable: true },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'import_row',
        columns: [
          int('import_id', { isPrimary: true }),
          int('line', { isPrimary: true }),
          { name: 'cells', type: 'text' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'import_result',
        columns: [
          int('import_id', { isPrimary: true }),
          int('line', { isPrimary: true }),
          str('outcome', 16),
          str('code', 32, { isNullable: true }),
          str('message', 500, { isNullable: true }),
          str('field', 32, { isNullable: true }),
          { name: 'targets', type: 'text', isNullable: true },
          str('to_status', 16, { isNullable: true }),
          { name: 'patch', type: 'text', isNullable: true },
          int('applied', { default: 0 }),
        ],
        indices: [
          new TableIndex({
            name: 'ix_import_result_todo',
            columnNames: ['import_id', 'outcome', 'applied', 'line'],
          }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'import_mapping',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          str('owner', 64),
          str('kind', 16),
          { name: 'fields', type: 'text' },
          { name: 'updated_at', type: 'datetime' },
        ],
        indices: [
          new TableIndex({ name: 'uq_import_mapping_owner', columnNames: ['owner', 'kind'], isUnique: true }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('import_mapping');
    await q.dropTable('import_result');
    await q.dropTable('import_row');
    await q.dropTable('import_job');
  }
}
