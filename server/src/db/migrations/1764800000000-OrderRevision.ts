import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * A revision every settling of an order bumps. On a multi-primary cluster (Galera) only written rows are
 * certified across nodes, so two transactions that each change one line of an order and derive its status
 * from the other line must both write the order to collide, and the loser is retried.
 */
export class OrderRevision1764800000000 implements MigrationInterface {
  name = 'OrderRevision1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('orders', new TableColumn({ name: 'revision', type: 'integer', default: 0 }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('orders', 'revision');
  }
}
