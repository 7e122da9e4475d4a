import type { DataSource } from 'typeorm';
import { dbDateTime, insertRows } from '../db/sql.js';
import { lockForUpdate, transact } from '../db/transaction.js';
import { RateBucketEntity } from './rate-bucket.entity.js';

/**
 * Per API key: a bucket of query-cost points that refills at a steady rate.
 * It lives in the database, so every server instance draws from the same one.
 */
export const RATE_LIMIT = { capacity: 20_000, restoreRate: 1_000 } as const;

export interface Budget {
  allowed: boolean;
  available: number;
}

export async function consumeRateBudget(ds: DataSource, apiKeyId: number, cost: number): Promise<Budget> {
  return transact(ds, async (em) => {
    const now = Date.now();
    const repo = em.getRepository(RateBucketEntity);
    let bucket = await lockForUpdate(
      ds,
      repo.createQueryBuilder('b').where('b.api_key_id = :id', { id: apiKeyId }),
    ).getOne();
    if (!bucket) {
      await insertRows(
        em,
        'rate_bucket',
        ['api_key_id', 'points', 'updated_at'],
        [[apiKeyId, RATE_LIMIT.capacity, dbDateTime(new Date(now))]],
        { ignoreDuplicates: true },
      );
      bucket = (await lockForUpdate(
        ds,
        repo.createQueryBuilder('b').where('b.api_key_id = :id', { id: apiKeyId }),
      ).getOne())!;
    }
    const refilled = Math.min(
      RATE_LIMIT.capacity,
      bucket.points + Math.floor(((now - bucket.updatedAt.getTime()) / 1000) * RATE_LIMIT.restoreRate),
    );
    if (refilled < cost) {
      return { allowed: false, available: refilled };
    }
    await repo.update({ apiKeyId }, { points: refilled - cost, updatedAt: new Date(now) });
    return { allowed: true, available: refilled - cost };
  });
}
