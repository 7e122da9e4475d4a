import { createHash } from 'node:crypto';
import { Channel, CheckpointSource, ErrorCode, planChange, TrackingStatus } from '@ft/shared';
import { In } from 'typeorm';
import type { RequestContext } from '../auth/context.js';
import { dbDateTime, insertRows } from '../db/sql.js';
import { applyMoves } from '../fulfillments/fulfillment-change.js';
import type { FulfillmentEntity } from '../fulfillments/fulfillment.entity.js';
import { userError, UserErrorsException } from '../graphql/user-error.js';
import type { FeedCheckpoint } from './carrier-feeds.js';
import { TrackingCheckpointEntity } from './checkpoint.entity.js';

const MAX_LOCATION = 300;
const MAX_MESSAGE = 1000;

/** Order of statuses for scans of the same second: the later step of a delivery wins a tie. */
const RANK: readonly TrackingStatus[] = [
  TrackingStatus.UNKNOWN,
  TrackingStatus.NOT_FOUND,
  TrackingStatus.LABEL_CREATED,
  TrackingStatus.INFO_RECEIVED,
  TrackingStatus.IN_TRANSIT,
  TrackingStatus.EXPIRED,
  TrackingStatus.OUT_FOR_DELIVERY,
  TrackingStatus.FAILED_ATTEMPT,
  TrackingStatus.AVAILABLE_FOR_PICKUP,
  TrackingStatus.EXCEPTION,
  TrackingStatus.DELIVERED,
];
const newer = (a: { at: Date; status: TrackingStatus }, b: { at: Date; status: TrackingStatus } | null) =>
  !b ||
  a.at.getTime() > b.at.getTime() ||
  (a.at.getTime() === b.at.getTime() && RANK.indexOf(a.status) > RANK.indexOf(b.status));

const fingerprint = (c: FeedCheckpoint) =>
  createHash('sha256')
    .update(JSON.stringify([c.at.toISOString(), c.status, c.location, c.message]))
    .digest('hex');

/** Refuses (and so changes nothing) a checkpoint whose text does not fit its column. */
function checkLengths(checkpoints: readonly FeedCheckpoint[]): void {
  for (const c of checkpoints) {
    for (const [field, value, max] of [
      ['location', c.location, MAX_LOCATION],
      ['message', c.message, MAX_MESSAGE],
    ] as const) {
      if (value && value.length > max)
        throw new UserErrorsException([
          userError(ErrorCode.TOO_LONG, [field], 'checkpointTooLong', { field, max }),
        ]);
    }
  }
}

/**
 * Stores, as scans of each line's current number, the checkpoints it has not got yet (the same scan again is
 * the same row) and returns, per line, the newest checkpoint if it is one of those just stored: only news newer
 * than everything known may move the status; an older scan arriving late joins the timeline and moves nothing.
 */
async function storeCheckpoints(
  tx: RequestContext,
  rows: readonly FulfillmentEntity[],
  source: CheckpointSource,
  checkpoints: readonly FeedCheckpoint[],
): Promise<{ latest: Map<number, FeedCheckpoint>; added: number }> {
  checkLengths(checkpoints);
  const known = await tx.em.getRepository(TrackingCheckpointEntity).find({
    select: { fulfillmentId: true, trackingNumber: true, fingerprint: true, at: true, status: true },
    where: { fulfillmentId: In(rows.map((r) => r.id)) },
  });
  const now = new Date();
  const latest = new Map<number, FeedCheckpoint>();
  const inserts: unknown[][] = [];
  for (const row of rows) {
    const number = row.trackingNumber ?? '';
    const mine = known.filter((k) => k.fulfillmentId === row.id && k.trackingNumber === number);
    const seen = new Set(mine.map((k) => k.fingerprint));
    let newest: { at: Date; status: TrackingStatus } | null = null;
    for (const k of mine) if (newer(k, newest)) newest = k;
    const before = newest;
    let fresh: FeedCheckpoint | null = null;
    for (const c of checkpoints) {
      if (c.undated && before?.status === c.status) continue;
      const print = fingerprint(c);
      if (seen.has(print)) continue;
      seen.add(print);
      inserts.push([
        row.id,
        number,
        dbDateTime(c.at),
        c.status,
        c.location,
        c.message,
        source,
        print,
        dbDateTime(now),
      ]);
      if (newer(c, newest)) {
        newest = c;
        fresh = c;
      }
    }
    if (fresh) latest.set(row.id, fresh);
  }
  if (inserts.length)
    await insertRows(
      tx.em,
      'tracking_checkpoint',
      [
        'fulfillment_id',
        'tracking_number',
        'at',
        'status',
        'location',
        'message',
        'source',
        'fingerprint',
        'received_at',
      ],
      inserts,
    );
  return { latest, added: inserts.length };
}

export interface CheckpointsResult {
  rows: FulfillmentEntity[];
  added: number;
}

/**
 * A carrier's checkpoints for lines the caller read and locked in `tx`: each is stored once, and where the
 * newest of them is newer than anything known, its status becomes the line's tracking status through the
 * planner (CARRIER_SCAN; DELIVERED delivers a shipped line). Lines the planner refuses keep their status.
 */
export async function applyCheckpoints(
  tx: RequestContext,
  rows: FulfillmentEntity[],
  source: CheckpointSource,
  checkpoints: readonly FeedCheckpoint[],
): Promise<CheckpointsResult> {
  const { latest, added } = await storeCheckpoints(tx, rows, source, checkpoints);
  const byStatus = new Map<TrackingStatus, FulfillmentEntity[]>();
  for (const row of rows) {
    const status = latest.get(row.id)?.status;
    if (!status || status === TrackingStatus.UNKNOWN || status === row.trackingStatus) continue;
    byStatus.set(status, [...(byStatus.get(status) ?? []), row]);
  }
  for (const [status, group] of byStatus) {
    const plan = planChange(group, { kind: 'CARRIER_SCAN', status });
    await applyMoves(tx, plan.moves, { patch: { trackingStatus: status }, channel: Channel.CARRIER });
  }
  return { rows, added };
}

/** The scan a direct status update reports (POST /carrier-events, recordTrackingEvent), for the timeline. */
export async function recordApiCheckpoint(
  tx: RequestContext,
  rows: readonly FulfillmentEntity[],
  checkpoint: FeedCheckpoint,
): Promise<void> {
  if (rows.length) await storeCheckpoints(tx, rows, CheckpointSource.API, [checkpoint]);
}
