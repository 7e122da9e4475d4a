import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/** Tracking checkpoints (each carrier scan of a fulfillment, once) and partners' aggregator feeds. */
export class CarrierFeeds1765100000000 implements MigrationInterface {
  name = 'CarrierFeeds1765100000000';

  async up(q: QueryRunner): Promise<void> {
    const id = {
      name: 'id',
      type: 'integer',
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment' as const,
    };
    const str = (name: string, length: number, extra = {}) => ({
      name,
      type: 'varchar',
      length: String(length),
      ...extra,
    });
    await q.createTable(
      new Table({
        name: 'tracking_checkpoint',
        columns: [
          id,
          { name: 'fulfillment_id', type: 'integer' },
          { name: 'at', type: 'datetime' },
          str('status', 24),
          str('location', 300, { isNullable: true }),
          str('message', 1000, { isNullable: true }),
          str('source', 16),
          str('fingerprint', 64),
          { name: 'received_at', type: 'datetime' },
        ],
        indices: [
          new TableIndex({
            name: 'uq_checkpoint_fingerprint',
            columnNames: ['fulfillment_id', 'fingerprint'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_checkpoint_fulfillment_at', columnNames: ['fulfillment_id', 'at'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'carrier_feed',
        columns: [
          id,
          { name: 'partner_id', type: 'integer' },
          str('provider', 16),
          str('token', 64),
          str('secret', 200),
          { name: 'updated_at', type: 'datetime' },
        ],
        indices: [
          new TableIndex({
            name: 'uq_carrier_feed_partner_provider',
            columnNames: ['partner_id', 'provider'],
            isUnique: true,
          }),
          new TableIndex({ name: 'uq_carrier_feed_token', columnNames: ['token'], isUnique: true }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('carrier_feed');
    await q.dropTable('tracking_checkpoint');
  }
}
