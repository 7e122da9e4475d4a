import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/**
 * A search in the lines grid matches a line by its exact SKU beside the orders the search index finds: with an
 * index on the SKU each part of the match reads an index, not every line. The partner follows, so that how many
 * lines of one partner have a SKU is counted from the index alone.
 */
export class FulfillmentSkuIndex1766000000000 implements MigrationInterface {
  name = 'FulfillmentSkuIndex1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex(
      'fulfillment',
      new TableIndex({ name: 'ix_fulfillment_sku', columnNames: ['sku', 'partner_id'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('fulfillment', 'ix_fulfillment_sku');
  }
}
