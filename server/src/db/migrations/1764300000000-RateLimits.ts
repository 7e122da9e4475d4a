import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

export class RateLimits1764300000000 implements MigrationInterface {
  name = 'RateLimits1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'rate_bucket',
        columns: [
          { name: 'api_key_id', type: 'integer', isPrimary: true },
          { name: 'points', type: 'integer' },
          { name: 'updated_at', type: 'datetime' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('rate_bucket');
  }
}
