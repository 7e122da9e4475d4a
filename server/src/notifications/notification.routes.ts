import express, { Router } from 'express';
import type { DataSource } from 'typeorm';
import { contextFor, isCrossSiteRisk } from '../auth/http-context.js';
import type { Config } from '../config.js';
import { optionalIdOf, toGlobalId } from '../graphql/ids.js';
import { UserErrorsException } from '../graphql/user-error.js';
import { recordTrackingEvent } from '../tracking/tracking-event.service.js';
import { INBOUND_MAX_BYTES, receiveInboundEmail, UnreadableEmail } from './inbound-email.service.js';

export function notificationRoutes(ds: DataSource, config: Config): Router {
  const router = Router();

  /** A forwarded email as raw RFC 822; the partner's secret token is the credential. */
  router.post(
    '/inbound/email/:partnerToken',
    express.raw({ type: () => true, limit: INBOUND_MAX_BYTES }),
    async (req, res) => {
      if (!Buffer.isBuffer(req.body) || req.body.length === 0)
        return void res.status(400).json({ error: 'Send the email as the raw request body' });
      const ctx = await contextFor(ds, config, req, res);
      try {
        const email = await receiveInboundEmail(ctx, String(req.params.partnerToken), req.body);
        if (!email) return void res.status(404).json({ error: 'Unknown address' });
        res
          .status(202)
          .json({ id: toGlobalId('InboundEmail', email.id), status: email.status, findings: email.findings });
      } catch (error) {
        // Only a mail that could not be parsed is the sender's fault; nothing was done with it.
        if (!(error instanceof UnreadableEmail)) throw error;
        console.error('[inbound] could not read an email:', error.message);
        res.status(422).json({ error: 'This is not an email we can read' });
      }
    },
  );

  /** A carrier status update as JSON: { trackingNumber | fulfillmentId, status, occurredAt?, description? }. */
  router.post('/carrier-events', express.json({ limit: '100kb' }), async (req, res) => {
    const ctx = await contextFor(ds, config, req, res);
    if (!ctx.viewer) return void res.status(401).json({ error: 'Sign in or send an API key' });
    if (isCrossSiteRisk(req))
      return void res.status(403).json({ error: 'Send the X-Requested-With header with a browser session' });
    const body = (req.body ?? {}) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' ? v : null);
    try {
      const updated = await recordTrackingEvent(ctx, {
        trackingNumber: str(body.trackingNumber),
        fulfillmentId: optionalIdOf('Fulfillment', str(body.fulfillmentId)),
        status: String(body.status ?? ''),
        occurredAt: str(body.occurredAt) ? new Date(String(body.occurredAt)) : null,
        description: str(body.description),
      });
      res.json({
        updated: updated.map((f) => ({
          id: toGlobalId('Fulfillment', f.id),
          status: f.status,
          trackingStatus: f.trackingStatus,
        })),
      });
    } catch (error) {
      if (error instanceof UserErrorsException)
        return void res.status(422).json({ error: error.message, userErrors: error.userErrors });
      throw error;
    }
  });
  return router;
}
