import express, { type Request, type RequestHandler, type Response, Router } from 'express';
import type { DataSource } from 'typeorm';
import { type RequestContext, systemContext } from '../auth/context.js';
import type { Config } from '../config.js';
import { toGlobalId } from '../graphql/ids.js';
import { type FeedRequest, feedByRoute, type ProviderFeed } from './carrier-feeds.js';
import {
  FeedRefused,
  type FeedOutcome,
  receiveFeed,
  receiveUnaddressedFeed,
} from './carrier-feed.service.js';

/** A provider's webhook lists a shipment's whole history; 17TRACK's longest run to a few hundred KB. */
const CARRIER_FEED_MAX_BYTES = 1024 * 1024;

/**
 * POST /carrier-events/<easypost|shippo|aftership|17track>/<feed token>: each aggregator's tracking
 * webhook as it sends it, to one partner's feed. POST /carrier-events/<provider> takes the same webhook
 * without a token: the partner is the one whose secret signed it among those with the tracking number
 * (receiveUnaddressedFeed). Answers 200 with what changed (or `ignored` for an event that is not a
 * tracking update), else an error with a code: 404 NOT_FOUND (no such feed), 401 INVALID_SIGNATURE,
 * 400 INVALID (not the provider's payload), 422 NOT_FOUND (unknown tracking number, on a feed's own
 * address only: without a token an unknown number is INVALID_SIGNATURE, so it tells nobody which numbers
 * exist) or TOO_LONG, 413 LIMIT_EXCEEDED.
 */
export function carrierFeedRoutes(ds: DataSource, config: Config): Router {
  const router = Router();
  const knownRoute: RequestHandler = (req, _res, next) =>
    feedByRoute(String(req.params.route)) ? next() : next('route');
  const body = express.raw({ type: () => true, limit: CARRIER_FEED_MAX_BYTES });
  const receive =
    (
      apply: (
        ctx: RequestContext,
        feed: ProviderFeed,
        req: Request,
        feedRequest: FeedRequest,
      ) => Promise<FeedOutcome>,
    ) =>
    async (req: Request, res: Response) => {
      const feed = feedByRoute(String(req.params.route))!;
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      try {
        const outcome = await apply(systemContext(ds, config), feed, req, {
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
    };
  router.post(
    '/carrier-events/:route/:token',
    knownRoute,
    body,
    receive((ctx, feed, req, feedRequest) => receiveFeed(ctx, feed, String(req.params.token), feedRequest)),
  );
  router.post(
    '/carrier-events/:route',
    knownRoute,
    body,
    receive((ctx, feed, _req, feedRequest) => receiveUnaddressedFeed(ctx, feed, feedRequest)),
  );
  return router;
}
