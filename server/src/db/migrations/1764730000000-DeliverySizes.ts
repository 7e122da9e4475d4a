import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * Delivery text that outgrew MySQL's TEXT (65,535 bytes): webhook payloads,
 * the recorded copy of a large partner digest, long inbound email bodies
 * and what was found in them.
 * MEDIUMTEXT holds 16 MB; SQLite stores either as TEXT. The writers check
 * their own limits below that, so nothing is cut by the database.
 * A webhook row also names its endpoint in a column, so an endpoint's
 * delivery log is read without parsing payloads; the worker claims each kind
 * of message (its lane) by due time.
 */
export class DeliverySizes1764730000000 implements MigrationInterface {
  name = 'DeliverySizes1764730000000';

  async up(q: QueryRunner): Promise<void> {
    await widen(q, 'outbox_message', 'payload', 'mediumtext');
    await q.addColumn(
      'outbox_message',
      new TableColumn({ name: 'endpoint_id', type: 'integer', isNullable: true }),
    );
    await q.query(
      `UPDATE outbox_message SET endpoint_id = JSON_EXTRACT(payload, '$.endpointId') WHERE kind = 'WEBHOOK' AND JSON_VALID(payload)`,
    );
    // Payloads the database cut short still begin with their endpoint id.
    const cut: { id: number; head: string }[] = await q.query(
      `SELECT id, SUBSTRING(payload, 1, 100) AS head FROM outbox_message WHERE kind = 'WEBHOOK' AND endpoint_id IS NULL`,
    );
    for (const row of cut) {
      const endpointId = /"endpointId":(\d+)/.exec(row.head)?.[1];
      if (endpointId)
        await q.query('UPDATE outbox_message SET endpoint_id = ? WHERE id = ?', [Number(endpointId), row.id]);
    }
    await q.createIndex(
      'outbox_message',
      new TableIndex({ name: 'ix_outbox_endpoint', columnNames: ['endpoint_id', 'id'] }),
    );
    await q.createIndex(
      'outbox_message',
      new TableIndex({ name: 'ix_outbox_lane', columnNames: ['kind', 'status', 'next_attempt_at'] }),
    );
    await widen(q, 'mail_message', 'text', 'mediumtext');
    await widen(q, 'mail_message', 'html', 'mediumtext');
    await widen(q, 'inbound_email', 'findings', 'mediumtext');
    await widen(q, 'inbound_email', 'body_text', 'mediumtext');
    await q.addColumn(
      'inbound_email',
      new TableColumn({ name: 'body_bytes', type: 'integer', isNullable: true }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('inbound_email', 'body_bytes');
    await widen(q, 'inbound_email', 'body_text', 'text');
    await widen(q, 'inbound_email', 'findings', 'text');
    await widen(q, 'mail_message', 'html', 'text');
    await widen(q, 'mail_message', 'text', 'text');
    await q.dropIndex('outbox_message', 'ix_outbox_lane');
    await q.dropIndex('outbox_message', 'ix_outbox_endpoint');
    await q.dropColumn('outbox_message', 'endpoint_id');
    await widen(q, 'outbox_message', 'payload', 'text');
  }
}

/** MySQL's changeColumn drops and re-adds a column whose type changes; MODIFY keeps its values. */
async function widen(q: QueryRunner, table: string, column: string, type: string): Promise<void> {
  if (['mysql', 'mariadb'].includes(q.connection.options.type))
    await q.query(`ALTER TABLE ${table} MODIFY ${column} ${type.toUpperCase()} NOT NULL`);
  else await q.changeColumn(table, column, new TableColumn({ name: column, type }));
}
