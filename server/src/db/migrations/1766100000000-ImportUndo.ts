import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** An applied import can be undone from the action log, once: when it was is kept with the job. */
export class ImportUndo1766100000000 implements MigrationInterface {
  name = 'ImportUndo1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'import_job',
      new TableColumn({ name: 'undone_at', type: 'datetime', isNullable: true }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('import_job', 'undone_at');
  }
}
