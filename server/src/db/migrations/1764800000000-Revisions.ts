import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * Revisions that a decision taken from other rows bumps: settling an order (from its lines), and claiming
 * webhooks or adding an endpoint for a partner (from its counts). On a multi-primary cluster (Galera) only
 * written rows are certified across nodes, so two such transactions on two nodes must both write the row
 * they decided for in order to collide, and the loser is retried and decides again.
 */
export class Revisions1764800000000 implements MigrationInterface {
  name = 'Revisions1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('orders', new TableColumn({ name: 'revision', type: 'integer', default: 0 }));
    await q.addColumn('partner', new TableColumn({ name: 'revision', type: 'integer', default: 0 }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('partner', 'revision');
    await q.dropColumn('orders', 'revision');
  }
}
