import express, { Router } from 'express';
import type { DataSource } from 'typeorm';
import { systemContext } from '../auth/context.js';
import type { Config } from '../config.js';
import { toGlobalId } from '../graphql/ids.js';
import { feedByRoute } from './carrier-feeds.js';
import { FeedRefused, receiveFeed } from './carrier-feed.service.js';

/** A provider's webhook lists a shipment's whole history; 17TRACK's longest run to a few hundred KB. */
const CARRIER_FEED_MAX_BYTES = 1024 * 1024;

/**
 * POST /carrier-events/<easypost|shippo|aftership|17track>/<feed token>: each aggregator's tracking
 * webhook as it sends it. Answers 200 with what changed (or `ignored` for an event that is not a tracking
 * update), else an error with a code: 404 NOT_FOUND (no such feed), 401 INVALID_SIGNATURE, 400 INVALID
 * (not the provider's payload), 422 NOT_FOUND (unknown tracking number) or TOO_LONG, 413 LIMIT_EXCEEDED.
 */
export function carrierFeedRoutes(ds: DataSource, config: Config): Router {
  const router = Router();
  router.post(
    '/carrier-events/:route/:token',
    (req, _res, next) => (feedByRoute(String(req.params.route)) ? next() : next('route')),
    express.raw({ type: () => true, limit: CARRIER_FEED_MAX_BYTES }),
    async (req, res) => {
      const feed = feedByRoute(String(req.params.route))!;
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      try {
        const outcome = await receiveFeed(systemContext(ds, config), feed, String(req.params.token), {
          raw,
          header: (name) => req.get(name),
          query: (name) => (typeof req.query[name] === 'string' ? (req.query[name] as string) : undefined),
        });
        if (outcome.ignored) return void res.json({ ignored: true });
        res.json({
          ignored: false,
          trackingNumber: outcome.trackingNumber,
          checkpointsAdded: outcome.added,
          fulfillments: outcome.rows.map((f) => ({
            id: toGlobalId('Fulfillment', f.id),
            status: f.status,
            trackingStatus: f.trackingStatus,
          })),
        });
      } catch (error) {
        if (!(error instanceof FeedRefused)) throw error;
        console.warn(`[carrier-events] ${feed.route}: ${error.httpStatus} ${error.code}`);
        res.status(error.httpStatus).json({
          errors: [
            {
              message: error.message,
              extensions: { code: error.code, ...(error.params ? { params: error.params } : {}) },
            },
          ],
        });
      }
    },
  );
  return router;
}
