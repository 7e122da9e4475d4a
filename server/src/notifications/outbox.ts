import type { EntityManager } from 'typeorm';
import { dbDateTime, insertRows } from '../db/sql.js';

export interface OutboxDraft {
  kind: 'EMAIL' | 'WEBHOOK';
  topic: string;
  dedupeKey: string | null;
  payload: Record<string, unknown>;
}

/**
 * Queue messages inside the caller's transaction, so they exist exactly when
 * the change does. A repeated dedupe key is ignored: "your item has shipped"
 * goes out once per fulfillment whatever channel ships it, however often.
 */
export async function enqueue(em: EntityManager, drafts: OutboxDraft[]): Promise<void> {
  const now = dbDateTime(em.connection, new Date());
  await insertRows(em, 'outbox_message', ['kind', 'topic', 'dedupe_key', 'payload', 'status', 'attempts', 'next_attempt_at', 'created_at'],
    drafts.map((d) => [d.kind, d.topic, d.dedupeKey, JSON.stringify(d.payload), 'PENDING', 0, now, now]), { ignoreDuplicates: true });
}

export const memberShippedKey = (fulfillmentId: number) => `member.shipped:${fulfillmentId}`;
