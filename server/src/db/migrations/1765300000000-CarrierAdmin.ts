import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * What an admin tells staff and members about a carrier: a note on its quirks, the window in which it
 * collects parcels, and whether its tracking reads "Label created" as soon as a label exists (UPS does).
 */
export class CarrierAdmin1765300000000 implements MigrationInterface {
  name = 'CarrierAdmin1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('carrier', [
      new TableColumn({ name: 'quirk_note', type: 'varchar', length: '500', isNullable: true }),
      new TableColumn({ name: 'pickup_window', type: 'varchar', length: '200', isNullable: true }),
      new TableColumn({ name: 'label_scan_at_once', type: 'boolean', default: 0 }),
    ]);
    await q.query(`UPDATE carrier SET label_scan_at_once = ? WHERE code = 'ups'`, [true]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('carrier', 'label_scan_at_once');
    await q.dropColumn('carrier', 'pickup_window');
    await q.dropColumn('carrier', 'quirk_note');
  }
}
