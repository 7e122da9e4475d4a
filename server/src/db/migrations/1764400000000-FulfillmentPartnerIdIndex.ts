import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/**
 * Partner-scoped walks in id order (exports, bulk by filter) used the
 * (partner, placed) index and sorted every page: 72 ms a page of 5,000 at
 * 300k lines on SQLite, 2 ms with this index.
 */
export class FulfillmentPartnerIdIndex1764400000000 implements MigrationInterface {
  name = 'FulfillmentPartnerIdIndex1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex(
      'fulfillment',
      new TableIndex({ name: 'ix_fulfillment_partner_id', columnNames: ['partner_id', 'id'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('fulfillment', 'ix_fulfillment_partner_id');
  }
}
