import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** The carrier a mapping gives every row of a file that has no carrier column. */
export class ImportRowMeaning1765000000000 implements MigrationInterface {
  name = 'ImportRowMeaning1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'import_job',
      new TableColumn({ name: 'default_carrier', type: 'varchar', length: '64', isNullable: true }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('import_job', 'default_carrier');
  }
}
