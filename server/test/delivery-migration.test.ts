import { describe, expect, it } from 'vitest';
import { bareDatabase } from './bare-database.js';
import { DB_KIND } from './harness.js';

describe(`the delivery sizes migration on ${DB_KIND}`, () => {
  const db = bareDatabase();

  it('keeps every value, names the endpoint of each webhook (a payload cut short too), and then holds more than 64 KB', async () => {
    await db.ds.runMigrations();
    // Back to just before this migration, whatever came after it.
    const last = async () =>
      (await db.ds.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`))[0]?.name as string;
    while ((await last()) !== 'DeliverySizes1764730000000') await db.ds.undoLastMigration();
    await db.ds.undoLastMigration();

    const at = '2026-11-30 10:00:00.000';
    const insert = (payload: string, kind = 'WEBHOOK') =>
      db.ds.query(
        `INSERT INTO outbox_message (kind, topic, payload, status, attempts, next_attempt_at, created_at) VALUES (?, 'fulfillments.changed', ?, 'PENDING', 0, ?, ?)`,
        [kind, payload, at, at],
      );
    const whole = JSON.stringify({ endpointId: 7, event: 'fulfillments.changed', fulfillments: [] });
    await insert(whole);
    await insert('{"endpointId":9,"event":"fulfillments.changed","fulfillments":[{"id":"RnVsZmls');
    await insert(JSON.stringify({ fulfillmentId: 3 }), 'EMAIL');
    const findings = JSON.stringify({ trackingNumbers: [], references: [], applied: [], reason: null });
    await db.ds.query(
      `INSERT INTO inbound_email (partner_id, status, findings, body_text, received_at) VALUES (1, 'NOTHING_FOUND', ?, 'Grüße', ?)`,
      [findings, at],
    );

    await db.ds.runMigrations();
    expect(
      await db.ds.query(`SELECT kind, endpoint_id AS endpointId FROM outbox_message ORDER BY id`),
    ).toEqual([
      { kind: 'WEBHOOK', endpointId: 7 },
      { kind: 'WEBHOOK', endpointId: 9 },
      { kind: 'EMAIL', endpointId: null },
    ]);
    expect((await db.ds.query(`SELECT payload FROM outbox_message ORDER BY id LIMIT 1`))[0].payload).toBe(
      whole,
    );
    expect(
      await db.ds.query(`SELECT findings, body_text AS body, body_bytes AS bytes FROM inbound_email`),
    ).toEqual([{ findings, body: 'Grüße', bytes: null }]);

    const big = JSON.stringify({ endpointId: 7, text: 'ü'.repeat(100_000) });
    await insert(big);
    const [{ bytes }] = await db.ds.query(
      `SELECT LENGTH(payload) AS bytes FROM outbox_message WHERE id = (SELECT MAX(id) FROM outbox_message)`,
    );
    expect(Number(bytes)).toBe(DB_KIND === 'sqlite' ? big.length : Buffer.byteLength(big));
  });
});
