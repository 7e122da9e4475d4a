import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/**
 * The `risk` filter asks only about shipped lines, by tracking status, last news and shipping date.
 * This index holds all four, so the database reads just the shipped lines' index entries, decides each
 * reason there, and fetches only the rows at risk.
 */
export class FulfillmentRiskIndex1765800000000 implements MigrationInterface {
  name = 'FulfillmentRiskIndex1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex(
      'fulfillment',
      new TableIndex({
        name: 'ix_fulfillment_risk',
        columnNames: ['status', 'tracking_status', 'updated_at', 'shipped_on'],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('fulfillment', 'ix_fulfillment_risk');
  }
}
