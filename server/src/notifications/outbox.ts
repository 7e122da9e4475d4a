import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { chunks } from '../db/transaction.js';
import { OutboxMessageEntity } from './outbox.entity.js';

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
  const now = new Date();
  for (const part of chunks(drafts, 500)) {
    await em.createQueryBuilder().insert().into(OutboxMessageEntity)
      .values(part.map((d) => ({ ...d, status: 'PENDING', attempts: 0, nextAttemptAt: now, createdAt: now, sentAt: null, lastError: null })) as QueryDeepPartialEntity<OutboxMessageEntity>[])
      .orIgnore()
      .updateEntity(false)
      .execute();
  }
}

export const memberShippedKey = (fulfillmentId: number) => `member.shipped:${fulfillmentId}`;
