import type { EntityManager } from 'typeorm';
import { dbDateTime, insertRows } from '../db/sql.js';

export interface OutboxDraft {
  kind: 'EMAIL' | 'WEBHOOK';
  topic: string;
  dedupeKey: string | null;
  payload: Record<string, unknown>;
  partnerId?: number | null;
  /** Not before this time (a digest waits for its window to close). */
  notBefore?: Date;
  /** A webhook's endpoint. */
  endpointId?: number | null;
}

/**
 * The most a message's JSON may hold (the column, MEDIUMTEXT on MySQL, holds
 * 16 MB): checked before writing, because INSERT IGNORE and LOAD DATA would
 * cut a longer value with only a warning. Producers split below it.
 */
const OUTBOX_PAYLOAD_MAX_BYTES = 1024 * 1024;

class PayloadTooLarge extends Error {}

/**
 * Queue messages inside the caller's transaction, so they exist exactly when
 * the change does. A repeated dedupe key is ignored: "your item has shipped"
 * goes out once per fulfillment whatever channel ships it, however often.
 */
export async function enqueue(em: EntityManager, drafts: OutboxDraft[]): Promise<void> {
  const now = dbDateTime(new Date());
  const payloads = drafts.map((d) => {
    const json = JSON.stringify(d.payload);
    const bytes = Buffer.byteLength(json);
    if (bytes > OUTBOX_PAYLOAD_MAX_BYTES)
      throw new PayloadTooLarge(
        `Bug: a ${d.topic} message of ${bytes} bytes (at most ${OUTBOX_PAYLOAD_MAX_BYTES}); split it before queueing`,
      );
    return json;
  });
  await insertRows(
    em,
    'outbox_message',
    [
      'kind',
      'topic',
      'dedupe_key',
      'payload',
      'partner_id',
      'endpoint_id',
      'status',
      'attempts',
      'next_attempt_at',
      'created_at',
    ],
    drafts.map((d, i) => [
      d.kind,
      d.topic,
      d.dedupeKey,
      payloads[i],
      d.partnerId ?? null,
      d.endpointId ?? null,
      'PENDING',
      0,
      d.notBefore ? dbDateTime(d.notBefore) : now,
      now,
    ]),
    { ignoreDuplicates: true },
  );
}

export const memberShippedKey = (fulfillmentId: number) => `member.shipped:${fulfillmentId}`;

/** The partner digest of a batch (bulk action or import): one email listing every shipped order. */
export function digestDraft(
  partnerId: number,
  source: { bulkActionId: number } | { importId: number },
): OutboxDraft {
  const key = 'bulkActionId' in source ? `bulk:${source.bulkActionId}` : `import:${source.importId}`;
  return {
    kind: 'EMAIL',
    topic: 'partner.digest',
    dedupeKey: `partner.digest:${key}:${partnerId}`,
    payload: { partnerId, ...source },
    partnerId,
  };
}

/**
 * Single updates are gathered per partner into windows of a few minutes: the
 * first shipment of a window queues the digest for the window's end; the rest
 * of the window hits the same dedupe key and the digest picks them up.
 */
export function windowDigestDraft(partnerId: number, now: Date, windowMinutes: number): OutboxDraft {
  const size = windowMinutes * 60_000;
  const from = Math.floor(now.getTime() / size) * size;
  const to = from + size;
  return {
    kind: 'EMAIL',
    topic: 'partner.digest',
    dedupeKey: `partner.digest:window:${from}:${partnerId}`,
    payload: { partnerId, from: new Date(from).toISOString(), to: new Date(to).toISOString() },
    partnerId,
    notBefore: new Date(to),
  };
}
