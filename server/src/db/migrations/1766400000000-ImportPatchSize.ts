import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * What an import row writes can differ line by line (a RowPatch): for a row naming an order of 500 lines that
 * outgrows MySQL's TEXT (65,535 bytes), so the column holds MEDIUMTEXT (16 MB). SQLite stores either as TEXT.
 */
export class ImportPatchSize1766400000000 implements MigrationInterface {
  name = 'ImportPatchSize1766400000000';

  async up(q: QueryRunner): Promise<void> {
    await retype(q, 'mediumtext');
  }

  async down(q: QueryRunner): Promise<void> {
    await retype(q, 'text');
  }
}

async function retype(q: QueryRunner, type: 'mediumtext' | 'text'): Promise<void> {
  if (['mysql', 'mariadb'].includes(q.connection.options.type))
    await q.query(`ALTER TABLE import_result MODIFY patch ${type.toUpperCase()} NULL`);
  else
    await q.changeColumn(
      'import_result',
      'patch',
      new TableColumn({ name: 'patch', type, isNullable: true }),
    );
}
