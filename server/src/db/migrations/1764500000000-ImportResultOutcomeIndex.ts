import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/**
 * Apply marks every row it writes (`applied = 1`). With `applied` in the index
 * each mark moved an index entry: 100,000 of them per 100,000-row import, in
 * the same transactions as the fulfillment writes. Apply now walks the rows by
 * line, so the index needs only what the error table filters on.
 */
export class ImportResultOutcomeIndex1764500000000 implements MigrationInterface {
  name = 'ImportResultOutcomeIndex1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex(
      'import_result',
      new TableIndex({ name: 'ix_import_result_outcome', columnNames: ['import_id', 'outcome', 'line'] }),
    );
    await q.dropIndex('import_result', 'ix_import_result_todo');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.createIndex(
      'import_result',
      new TableIndex({
        name: 'ix_import_result_todo',
        columnNames: ['import_id', 'outcome', 'applied', 'line'],
      }),
    );
    await q.dropIndex('import_result', 'ix_import_result_outcome');
  }
}
