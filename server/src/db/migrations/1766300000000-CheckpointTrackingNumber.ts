import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * A checkpoint names the tracking number it was a scan of, so a line shows only its current number's scans.
 * Scans stored before were of the number each line has now (a corrected number kept them; that is the defect
 * this fixes), so they are given that number.
 */
export class CheckpointTrackingNumber1766300000000 implements MigrationInterface {
  name = 'CheckpointTrackingNumber1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.dropIndex('tracking_checkpoint', 'uq_checkpoint_fingerprint');
    await q.dropIndex('tracking_checkpoint', 'ix_checkpoint_fulfillment_at');
    await q.addColumn(
      'tracking_checkpoint',
      new TableColumn({ name: 'tracking_number', type: 'varchar', length: '64', default: "''" }),
    );
    await q.query(
      `UPDATE tracking_checkpoint SET tracking_number = COALESCE(
         (SELECT f.tracking_number FROM fulfillment f WHERE f.id = tracking_checkpoint.fulfillment_id), '')`,
    );
    await q.createIndices('tracking_checkpoint', [
      new TableIndex({
        name: 'uq_checkpoint_fingerprint',
        columnNames: ['fulfillment_id', 'tracking_number', 'fingerprint'],
        isUnique: true,
      }),
      new TableIndex({
        name: 'ix_checkpoint_fulfillment_at',
        columnNames: ['fulfillment_id', 'tracking_number', 'at'],
      }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('tracking_checkpoint', 'uq_checkpoint_fingerprint');
    await q.dropIndex('tracking_checkpoint', 'ix_checkpoint_fulfillment_at');
    // Without the number, only the scans of each line's current number stay one timeline.
    await q.query(
      `DELETE FROM tracking_checkpoint WHERE tracking_number <> COALESCE(
         (SELECT f.tracking_number FROM fulfillment f WHERE f.id = tracking_checkpoint.fulfillment_id), '')`,
    );
    await q.dropColumn('tracking_checkpoint', 'tracking_number');
    await q.createIndices('tracking_checkpoint', [
      new TableIndex({
        name: 'uq_checkpoint_fingerprint',
        columnNames: ['fulfillment_id', 'fingerprint'],
        isUnique: true,
      }),
      new TableIndex({ name: 'ix_checkpoint_fulfillment_at', columnNames: ['fulfillment_id', 'at'] }),
    ]);
  }
}
