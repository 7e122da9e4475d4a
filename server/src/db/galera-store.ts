import type { EntityManager } from 'typeorm';
import { MysqlStore } from './mysql-store.js';

/**
 * How many due messages a claim on a Galera node considers for each one it takes. SKIP LOCKED sees only
 * this node's locks, so workers on different nodes reading the head of a lane would all take the same rows
 * and all but one lose at commit; each takes a random share of a wider head instead, and a collision
 * that remains is retried.
 */
const CLAIM_SPREAD = 4;

/**
 * A MariaDB Galera cluster node: MySQL's SQL, but every transaction is certified against the other nodes
 * at commit, where locks taken on this node mean nothing.
 */
export class GaleraStore extends MysqlStore {
  override async dueOutboxMessages(
    em: EntityManager,
    query: { kind: 'EMAIL' | 'WEBHOOK'; now: string; excludePartners: readonly number[]; limit: number },
  ): Promise<{ id: number; partnerId: number | null }[]> {
    const head = await super.dueOutboxMessages(em, { ...query, limit: query.limit * CLAIM_SPREAD });
    if (head.length <= query.limit) return head;
    const chosen = new Set<number>();
    while (chosen.size < query.limit) chosen.add(Math.floor(Math.random() * head.length));
    return head.filter((_, i) => chosen.has(i));
  }
}
