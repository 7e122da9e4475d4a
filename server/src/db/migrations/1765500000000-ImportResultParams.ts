import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** A row verdict's message values (and which message it is), so clients word it in their own language. */
export class ImportResultParams1765500000000 implements MigrationInterface {
  name = 'ImportResultParams1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('import_result', new TableColumn({ name: 'params', type: 'text', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('import_result', 'params');
  }
}
