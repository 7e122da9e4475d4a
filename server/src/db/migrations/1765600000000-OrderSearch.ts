import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { buildOrderSearch } from '../../orders/order-search.js';

/**
 * The search index (orders/order-search.ts): each order's folded text, and its trigrams keyed by gram,
 * partner and order. Built for existing orders a batch at a time in id order, so memory stays flat at any
 * number of orders (buildOrderSearch).
 */
export class OrderSearch1765600000000 implements MigrationInterface {
  name = 'OrderSearch1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'order_search',
        columns: [
          { name: 'order_id', type: 'integer', isPrimary: true },
          { name: 'partner_id', type: 'integer' },
          { name: 'text', type: 'text' },
          { name: 'tracking', type: 'text' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'search_gram',
        columns: [
          { name: 'gram', type: 'integer', isPrimary: true },
          { name: 'partner_id', type: 'integer', isPrimary: true },
          { name: 'order_id', type: 'integer', isPrimary: true },
        ],
      }),
    );
    await buildOrderSearch(q.manager);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('search_gram');
    await q.dropTable('order_search');
  }
}
