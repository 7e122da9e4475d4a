import {
  type MigrationInterface,
  type QueryRunner,
  Table,
  type TableColumnOptions,
  TableIndex,
} from 'typeorm';
import { CARRIER_SEED } from '../../tracking/carrier-registry.js';

// Written with TypeORM's Table API so one migration runs on SQLite and MySQL/MariaDB.
const id = (): TableColumnOptions => ({
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
});
const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'integer',
  ...extra,
});
const str = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  ...extra,
});
const when = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'datetime',
  ...extra,
});
const nullable = { isNullable: true } as const;
const index = (name: string, columnNames: string[], isUnique = false) =>
  new TableIndex({ name, columnNames, isUnique });

export class Initial1764000000000 implements MigrationInterface {
  name = 'Initial1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'partner',
        columns: [
          id(),
          str('name', 200),
          { name: 'notification_emails', type: 'text', isNullable: true },
          str('inbound_token', 64),
          when('created_at'),
        ],
        indices: [index('uq_partner_inbound_token', ['inbound_token'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'api_key',
        columns: [
          id(),
          int('partner_id'),
          str('name', 200),
          str('prefix', 16),
          str('secret_hash', 64),
          when('created_at'),
          when('revoked_at', nullable),
          when('last_used_at', nullable),
        ],
        indices: [
          index('ix_api_key_partner', ['partner_id']),
          index('uq_api_key_secret_hash', ['secret_hash'], true),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'app_user',
        columns: [
          id(),
          str('email', 254),
          str('role', 16),
          str('password_hash', 255),
          when('created_at'),
          when('disabled_at', nullable),
        ],
        indices: [index('uq_app_user_email', ['email'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'session',
        columns: [
          str('token_hash', 64, { isPrimary: true }),
          int('user_id'),
          when('created_at'),
          when('expires_at'),
        ],
        indices: [index('ix_session_user', ['user_id']), index('ix_session_expires', ['expires_at'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'orders',
        columns: [
          id(),
          int('partner_id'),
          str('reference', 64),
          str('customer_name', 200),
          str('customer_email', 254),
          str('customer_locale', 8, { default: "'en'" }),
          str('channel', 200, nullable),
          when('placed_at'),
          str('status', 16, { default: "'OPEN'" }),
          str('tracking_token', 64),
          when('created_at'),
        ],
        indices: [
          index('uq_orders_partner_reference', ['partner_id', 'reference'], true),
          index('ix_orders_placed', ['placed_at', 'id']),
          index('ix_orders_partner_placed', ['partner_id', 'placed_at', 'id']),
          index('ix_orders_reference', ['reference', 'id']),
          index('ix_orders_customer_email', ['customer_email']),
          index('ix_orders_status', ['status']),
          index('uq_orders_tracking_token', ['tracking_token'], true),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'fulfillment',
        columns: [
          id(),
          int('order_id'),
          int('partner_id'),
          str('order_reference', 64),
          when('placed_at'),
          str('sku', 64),
          str('product_name', 200),
          int('quantity', { default: 1 }),
          str('client_fulfillment_id', 64, nullable),
          str('status', 16, { default: "'HOLD'" }),
          { name: 'shipped_on', type: 'date', isNullable: true },
          str('tracking_number', 64, nullable),
          str('carrier_code', 32, nullable),
          str('carrier_name', 64, nullable),
          str('tracking_url', 1000, nullable),
          str('shipping_method', 100, nullable),
          str('tracking_status', 24, { default: "'UNKNOWN'" }),
          { name: 'extra_packages', type: 'text', isNullable: true },
          str('not_shipping_reason', 500, nullable),
          str('rma_number', 64, nullable),
          int('version', { default: 1 }),
          when('updated_at'),
        ],
        indices: [
          index('ix_fulfillment_order', ['order_id']),
          index('ix_fulfillment_placed', ['placed_at', 'id']),
          index('ix_fulfillment_partner_placed', ['partner_id', 'placed_at', 'id']),
          index('ix_fulfillment_reference', ['order_reference', 'id']),
          index('ix_fulfillment_client_id', ['client_fulfillment_id']),
          index('ix_fulfillment_status', ['status']),
          index('ix_fulfillment_shipped_on', ['shipped_on']),
          index('ix_fulfillment_tracking_number', ['tracking_number']),
          index('ix_fulfillment_carrier', ['carrier_code']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'continuity_subscription',
        columns: [
          id(),
          int('order_id'),
          str('status', 16, { default: "'ACTIVE'" }),
          when('cancelled_at', nullable),
        ],
        indices: [index('ix_subscription_order', ['order_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'carrier',
        columns: [
          str('code', 32, { isPrimary: true }),
          str('name', 100),
          str('tracking_url_template', 500, nullable),
          { name: 'aliases', type: 'text' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'fulfillment_event',
        columns: [
          id(),
          int('fulfillment_id'),
          int('order_id'),
          when('at'),
          str('type', 32),
          str('channel', 16),
          str('actor', 300, nullable),
          str('from_status', 16, nullable),
          str('to_status', 16, nullable),
          { name: 'changes', type: 'text', isNullable: true },
          int('bulk_action_id', nullable),
          int('import_id', nullable),
        ],
        indices: [
          index('ix_event_fulfillment', ['fulfillment_id']),
          index('ix_event_order', ['order_id']),
          index('ix_event_bulk_action', ['bulk_action_id']),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'bulk_action',
        columns: [
          id(),
          str('kind', 32),
          int('partner_id', nullable),
          str('actor', 300, nullable),
          when('created_at'),
          int('changed_count'),
          when('undone_at', nullable),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'bulk_action_item',
        columns: [
          int('bulk_action_id', { isPrimary: true }),
          int('fulfillment_id', { isPrimary: true }),
          str('prev_status', 16),
          { name: 'prev_shipped_on', type: 'date', isNullable: true },
          str('prev_not_shipping_reason', 500, nullable),
          int('new_version'),
        ],
        indices: [index('ix_bulk_item_fulfillment', ['fulfillment_id'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'grid_preference',
        columns: [
          id(),
          str('owner', 64),
          str('grid', 32),
          { name: 'columns', type: 'text' },
          when('updated_at'),
        ],
        indices: [index('uq_grid_preference_owner', ['owner', 'grid'], true)],
      }),
    );
    await q.createTable(
      new Table({
        name: 'outbox_message',
        columns: [
          id(),
          str('kind', 16),
          str('topic', 64),
          str('dedupe_key', 128, nullable),
          { name: 'payload', type: 'text' },
          str('status', 16, { default: "'PENDING'" }),
          int('attempts', { default: 0 }),
          when('next_attempt_at'),
          when('created_at'),
          when('sent_at', nullable),
          str('last_error', 1000, nullable),
        ],
        indices: [
          index('ix_outbox_due', ['status', 'next_attempt_at']),
          index('uq_outbox_dedupe_key', ['dedupe_key'], true),
        ],
      }),
    );

    for (const c of CARRIER_SEED) {
      await q.query('INSERT INTO carrier (code, name, tracking_url_template, aliases) VALUES (?, ?, ?, ?)', [
        c.code,
        c.name,
        c.trackingUrlTemplate,
        JSON.stringify(c.aliases),
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'outbox_message',
      'grid_preference',
      'bulk_action_item',
      'bulk_action',
      'fulfillment_event',
      'carrier',
      'continuity_subscription',
      'fulfillment',
      'orders',
      'session',
      'app_user',
      'api_key',
      'partner',
    ]) {
      await q.dropTable(t);
    }
  }
}
