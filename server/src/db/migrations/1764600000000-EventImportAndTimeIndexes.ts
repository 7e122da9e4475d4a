import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/**
 * The digests find their events by import (`e.import_id = ?`, also at the end
 * of every apply) and by time window (`e.at >= ? AND e.at < ?`). Without these
 * indexes each of those read the whole history table: 11 % of the database's
 * work in a 100,000-row apply on a fresh database, and more with every event.
 */
export class EventImportAndTimeIndexes1764600000000 implements MigrationInterface {
  name = 'EventImportAndTimeIndexes1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex(
      'fulfillment_event',
      new TableIndex({ name: 'ix_event_import', columnNames: ['import_id'] }),
    );
    await q.createIndex('fulfillment_event', new TableIndex({ name: 'ix_event_at', columnNames: ['at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('fulfillment_event', 'ix_event_at');
    await q.dropIndex('fulfillment_event', 'ix_event_import');
  }
}
