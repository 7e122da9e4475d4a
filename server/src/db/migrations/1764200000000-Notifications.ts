import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

export class Notifications1764200000000 implements MigrationInterface {
  name = 'Notifications1764200000000';

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
    await q.addColumns('outbox_message', [
      new TableColumn({ name: 'locked_until', type: 'datetime', isNullable: true }),
      new TableColumn({ name: 'locked_by', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'partner_id', type: 'integer', isNullable: true }),
      new TableColumn({ name: 'response_code', type: 'integer', isNullable: true }),
    ]);
    await q.createIndex(
      'outbox_message',
      new TableIndex({ name: 'ix_outbox_partner', columnNames: ['partner_id', 'kind', 'id'] }),
    );
    await q.createTable(
      new Table({
        name: 'mail_message',
        columns: [
          id,
          { name: 'outbox_id', type: 'integer', isNullable: true },
          str('topic', 64),
          str('recipients', 1000),
          str('subject', 300),
          { name: 'text', type: 'text' },
          { name: 'html', type: 'text' },
          str('status', 16),
          str('locale', 8),
          { name: 'created_at', type: 'datetime' },
        ],
        indices: [
          new TableIndex({ name: 'ix_mail_outbox', columnNames: ['outbox_id'] }),
          new TableIndex({ name: 'ix_mail_created', columnNames: ['created_at'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'webhook_endpoint',
        columns: [
          id,
          { name: 'partner_id', type: 'integer' },
          str('url', 1000),
          str('secret', 100),
          { name: 'disabled_at', type: 'datetime', isNullable: true },
          { name: 'created_at', type: 'datetime' },
        ],
        indices: [new TableIndex({ name: 'ix_webhook_partner', columnNames: ['partner_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'inbound_email',
        columns: [
          id,
          { name: 'partner_id', type: 'integer' },
          str('sender', 300, { isNullable: true }),
          str('subject', 300, { isNullable: true }),
          str('status', 16),
          { name: 'findings', type: 'text' },
          { name: 'body_text', type: 'text' },
          { name: 'received_at', type: 'datetime' },
        ],
        indices: [
          new TableIndex({ name: 'ix_inbound_partner_status', columnNames: ['partner_id', 'status'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('inbound_email');
    await q.dropTable('webhook_endpoint');
    await q.dropTable('mail_message');
    await q.dropIndex('outbox_message', 'ix_outbox_partner');
    for (const c of ['response_code', 'partner_id', 'locked_by', 'locked_until'])
      await q.dropColumn('outbox_message', c);
  }
}
