import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/** The action log reads bulk actions and applied imports newest first, a page at a time, per partner or all. */
export class ActionLogIndexes1765900000000 implements MigrationInterface {
  name = 'ActionLogIndexes1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex(
      'bulk_action',
      new TableIndex({ name: 'ix_bulk_action_log', columnNames: ['created_at', 'id'] }),
    );
    await q.createIndex(
      'bulk_action',
      new TableIndex({ name: 'ix_bulk_action_partner_log', columnNames: ['partner_id', 'created_at', 'id'] }),
    );
    await q.createIndex(
      'import_job',
      new TableIndex({ name: 'ix_import_job_log', columnNames: ['applied_at', 'id'] }),
    );
    await q.createIndex(
      'import_job',
      new TableIndex({ name: 'ix_import_job_partner_log', columnNames: ['partner_id', 'applied_at', 'id'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('import_job', 'ix_import_job_partner_log');
    await q.dropIndex('import_job', 'ix_import_job_log');
    await q.dropIndex('bulk_action', 'ix_bulk_action_partner_log');
    await q.dropIndex('bulk_action', 'ix_bulk_action_log');
  }
}
