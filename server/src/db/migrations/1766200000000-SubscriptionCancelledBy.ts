import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * A subscription a bulk cancel or an import ended names it, so undoing that action or import brings back
 * the subscriptions it ended and no others.
 */
export class SubscriptionCancelledBy1766200000000 implements MigrationInterface {
  name = 'SubscriptionCancelledBy1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('continuity_subscription', [
      new TableColumn({ name: 'cancelled_by_action_id', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'cancelled_by_import_id', type: 'integer', isNullable: true }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('continuity_subscription', 'cancelled_by_import_id');
    await q.dropColumn('continuity_subscription', 'cancelled_by_action_id');
  }
}
