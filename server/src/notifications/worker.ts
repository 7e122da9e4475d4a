import { SHIPMENT_EVENT_TYPES } from '@ft/shared';
import { randomBytes } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { Config } from '../config.js';
import { dbDateTime, placeholders } from '../db/sql.js';
import { OUTBOX_DUE, outboxDueParams, storeOf } from '../db/store.js';
import { isDeadlock, redactMessage } from '../db/errors.js';
import { transact } from '../db/transaction.js';
import { FulfillmentEntity } from '../fulfillments/fulfillment.entity.js';
import { OrderEntity } from '../orders/order.entity.js';
import { PartnerEntity } from '../partners/partner.entity.js';
import { CarrierEntity } from '../tracking/carrier.entity.js';
import { MailMessageEntity, WebhookEndpointEntity } from './notification.entities.js';
import { OutboxMessageEntity } from './outbox.entity.js';
import { renderDigest, renderShippedEmail, toLocale, type DigestLine } from './templates.js';
import { cutUtf8 } from './text-size.js';
import { signWebhook } from './webhooks.js';
import { privateTargetReason } from './webhook-target.js';

/**
 * Delivers outbox messages. Several workers (in servers or `pnpm worker`) share
 * one database: a worker claims messages — `FOR UPDATE SKIP LOCKED` on MySQL,
 * inside one write transaction on SQLite — so no message is taken twice. A
 * claim expires (`lockedUntil`), so a worker that dies mid-delivery delays its
 * messages instead of losing them; only the one message it was sending may go
 * twice.
 *
 * Emails and webhooks are separate lanes with their own slots, so member mail
 * never waits behind slow endpoints; a partner has at most
 * `webhookPerPartner` webhooks in flight (counted over every worker's unexpired
 * claims), so one partner's slow endpoints cannot take every webhook slot.
 * Each lane takes the due messages in `next_attempt_at` order: a retry waits
 * its turn behind what fell due before it.
 */
export interface WorkerOptions {
  id?: string;
  lockMs?: number;
  pollMs?: number;
  maxAttempts?: number;
  /** Overrides SMTP_URL (tests pass a transport to their own SMTP server). */
  transport?: Transporter | null;
  fetchTimeoutMs?: number;
  /** Emails this worker sends at once. */
  emailConcurrency?: number;
  /** Webhooks this worker delivers at once. */
  webhookConcurrency?: number;
  /** Webhooks of one partner in flight at once, over all workers. */
  webhookPerPartner?: number;
}

export type Lane = 'EMAIL' | 'WEBHOOK';

/** Lines one partner digest lists; the orders beyond them are counted. */
const DIGEST_MAX_ROWS = 5000;
const LANES: Lane[] = ['EMAIL', 'WEBHOOK'];

class Permanent extends Error {}

interface Delivery {
  mail?: Partial<MailMessageEntity>;
  note?: string;
  responseCode?: number;
}

/** The most of a rendered email's text or HTML the Mail page keeps: its list loads up to 250 of them. */
export const MAIL_COPY_MAX_BYTES = 1024 * 1024;

/** Text of at most `max` UTF-8 bytes, cut at a character, saying so and how long the whole was. */
export function fitCopy(value: string, max: number, what: string): string {
  const bytes = Buffer.byteLength(value);
  if (bytes <= max) return value;
  const note = `\n[… cut: the ${what} had ${bytes} bytes; this copy keeps the first part]`;
  return cutUtf8(value, max - Buffer.byteLength(note)) + note;
}

interface LaneState {
  limit: number;
  inFlight: Set<Promise<void>>;
  /** Ends the lane's wait for a free slot or its next poll. */
  wake: (() => void) | null;
}

export class OutboxWorker {
  readonly id: string;
  /** Since start: messages delivered, put back for a retry, and parked as FAILED. */
  readonly counts = { sent: 0, retried: 0, failed: 0 };
  private transport: Transporter | null;
  private stopped = false;
  private claimSeq = 0;
  private loops: Promise<void>[] = [];
  private lanes: Record<Lane, LaneState>;
  private opts: Required<Omit<WorkerOptions, 'transport' | 'id'>>;

  constructor(
    private ds: DataSource,
    private config: Config,
    options: WorkerOptions = {},
  ) {
    this.id = options.id ?? `w-${process.pid}-${randomBytes(3).toString('hex')}`;
    this.transport =
      options.transport !== undefined
        ? options.transport
        : config.smtpUrl
          ? nodemailer.createTransport(config.smtpUrl)
          : null;
    this.opts = {
      lockMs: 5 * 60_000,
      pollMs: 1000,
      maxAttempts: 8,
      fetchTimeoutMs: 10_000,
      emailConcurrency: 4,
      webhookConcurrency: 8,
      webhookPerPartner: 2,
      ...options,
    };
    this.lanes = {
      EMAIL: { limit: this.opts.emailConcurrency, inFlight: new Set(), wake: null },
      WEBHOOK: { limit: this.opts.webhookConcurrency, inFlight: new Set(), wake: null },
    };
  }

  /** Each lane claims whenever it has a free slot, and polls every pollMs while nothing is due. */
  start(): void {
    this.loops = LANES.map((lane) => this.laneLoop(lane));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const lane of LANES) this.lanes[lane].wake?.();
    await Promise.all(this.loops);
    await Promise.all(LANES.flatMap((lane) => [...this.lanes[lane].inFlight]));
  }

  private async laneLoop(lane: Lane): Promise<void> {
    const state = this.lanes[lane];
    while (!this.stopped) {
      const free = state.limit - state.inFlight.size;
      let claimed = 0;
      if (free > 0) {
        try {
          const batch = await this.claim(lane, free);
          claimed = batch.length;
          for (const message of batch) this.track(state, this.deliverOne(message));
        } catch (error) {
          console.error(`[outbox ${this.id}] ${lane} poll failed:`, redactMessage((error as Error).message));
        }
      }
      if (this.stopped) break;
      if (claimed > 0 && claimed < free) continue; // more may be due
      // Until the next poll, or a finished delivery frees a slot.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => state.wake?.(), this.opts.pollMs);
        state.wake = () => {
          state.wake = null;
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  private track(state: LaneState, delivery: Promise<void>): void {
    const tracked = delivery.finally(() => {
      state.inFlight.delete(tracked);
      state.wake?.();
    });
    state.inFlight.add(tracked);
  }

  /**
   * One poll of every lane, delivering what it claimed; resolves to how many messages were handled. The
   * lanes claim one after the other: a claim's locking read may hold the first row of the next lane's
   * range for a moment, and the other lane's SKIP LOCKED would then pass over it until its next poll.
   */
  async runOnce(): Promise<number> {
    const claimed: OutboxMessageEntity[] = [];
    for (const lane of LANES) claimed.push(...(await this.claim(lane, this.lanes[lane].limit)));
    await Promise.all(claimed.map((message) => this.deliverOne(message)));
    return claimed.length;
  }

  async claim(lane: Lane, limit = this.lanes[lane].limit): Promise<OutboxMessageEntity[]> {
    if (limit <= 0) return [];
    const now = Date.now();
    const claimId = `${this.id}:${++this.claimSeq}`;
    const nowText = dbDateTime(new Date(now));
    const dueParams = outboxDueParams(lane, nowText);
    const lockedUntil = dbDateTime(new Date(now + this.opts.lockMs));
    const store = storeOf(this.ds);
    // Partners at their cap are left out of the claim (read outside it: on MySQL the count that decides comes later).
    const before = lane === 'WEBHOOK' ? await webhooksInFlight(this.ds, nowText) : new Map<number, number>();
    const full = [...before].filter(([, n]) => n >= this.opts.webhookPerPartner).map(([p]) => p);
    const ids = await transact(
      this.ds,
      async (em) => {
        const candidates = await store.dueOutboxMessages(em, {
          kind: lane,
          now: nowText,
          excludePartners: full,
          limit: lane === 'WEBHOOK' ? limit * this.opts.webhookPerPartner : limit,
        });
        let inFlight = before;
        if (lane === 'WEBHOOK') {
          const partners = [
            ...new Set(candidates.filter((c) => c.partnerId !== null).map((c) => Number(c.partnerId))),
          ].sort((x, y) => x - y);
          // Two workers claiming for one partner take turns on its row, and the second counts the first's
          // claims: this transaction's first plain read comes after the lock.
          await store.lockPartnerRows(em, partners);
          inFlight = await webhooksInFlight(em, nowText);
        }
        const picked: number[] = [];
        for (const c of candidates) {
          if (picked.length >= limit) break;
          const partnerId = c.partnerId === null ? null : Number(c.partnerId);
          if (lane === 'WEBHOOK' && partnerId !== null) {
            const n = inFlight.get(partnerId) ?? 0;
            if (n >= this.opts.webhookPerPartner) continue;
            inFlight.set(partnerId, n + 1);
          }
          picked.push(Number(c.id));
        }
        if (picked.length === 0) return [];
        await em.query(
          `UPDATE outbox_message SET status = 'SENDING', locked_by = ?, locked_until = ?, attempts = attempts + 1
         WHERE id IN (${placeholders(picked)}) AND ${OUTBOX_DUE}`,
          [claimId, lockedUntil, ...picked, ...dueParams],
        );
        return picked;
      },
      // Not retried: a claim that lost to another claim (on another node of a cluster, the same rows picked)
      // takes nothing this round, and the next poll takes what is left, without waiting out a backoff.
      { readCommitted: true, retry: false },
    ).catch((error: unknown) => {
      if (isDeadlock(error)) return [] as number[];
      throw error;
    });
    if (ids.length === 0) return [];
    return this.ds.getRepository(OutboxMessageEntity).find({
      where: { id: In(ids), lockedBy: claimId },
      order: { nextAttemptAt: 'ASC', id: 'ASC' },
    });
  }

  private async deliverOne(message: OutboxMessageEntity): Promise<void> {
    let result: Delivery;
    try {
      const payload = parsePayload(message);
      result =
        message.kind === 'WEBHOOK'
          ? await this.deliverWebhook(message, payload)
          : await this.deliverEmail(message, payload);
    } catch (error) {
      await this.failed(message, error);
      return;
    }
    // Delivered: from here on nothing may put the message back in the queue.
    await this.markSent(message, result);
    this.counts.sent++;
    if (result.mail) {
      try {
        await this.ds.getRepository(MailMessageEntity).insert(result.mail);
      } catch (error) {
        console.error(
          `[outbox ${this.id}] message ${message.id} (${message.topic}) was sent, but its copy for the Mail page could not be kept: ${redactMessage((error as Error).message)}`,
        );
        await this.ds
          .query(`UPDATE outbox_message SET last_error = ? WHERE id = ?`, [
            'Sent; its copy for the Mail page could not be kept',
            message.id,
          ])
          .catch(() => undefined);
      }
    }
  }

  /** Marks a delivered message SENT, trying a few times: a lost mark would send it again when the claim expires. */
  private async markSent(message: OutboxMessageEntity, result: Delivery): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.ds.query(
          `UPDATE outbox_message SET status = 'SENT', sent_at = ?, locked_by = NULL, locked_until = NULL, response_code = ?, last_error = ? WHERE id = ? AND locked_by = ?`,
          [
            dbDateTime(new Date()),
            result.responseCode ?? null,
            result.note ?? null,
            message.id,
            message.lockedBy,
          ],
        );
        return;
      } catch (error) {
        if (attempt >= 5) {
          console.error(
            `[outbox ${this.id}] message ${message.id} (${message.topic}) was delivered but could not be marked sent: ${redactMessage((error as Error).message)}`,
          );
          return;
        }
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  }

  private async failed(message: OutboxMessageEntity, error: unknown): Promise<void> {
    const last = error instanceof Permanent || message.attempts >= this.opts.maxAttempts;
    const backoff = Math.min(30_000 * 2 ** (message.attempts - 1), 3_600_000);
    const code = (error as { responseCode?: number }).responseCode ?? null;
    try {
      await this.ds.query(
        `UPDATE outbox_message SET status = ?, next_attempt_at = ?, locked_by = NULL, locked_until = NULL, last_error = ?, response_code = ? WHERE id = ? AND locked_by = ?`,
        [
          last ? 'FAILED' : 'PENDING',
          dbDateTime(new Date(Date.now() + backoff)),
          String((error as Error).message).slice(0, 1000),
          code,
          message.id,
          message.lockedBy,
        ],
      );
    } catch (recordError) {
      // The claim expires and another poll tries the message again.
      console.error(
        `[outbox ${this.id}] message ${message.id} failed and could not be put back: ${redactMessage((recordError as Error).message)}`,
      );
      return;
    }
    if (last) {
      this.counts.failed++;
      console.error(
        `[outbox ${this.id}] message ${message.id} (${message.topic}) parked after ${message.attempts} tries: ${redactMessage((error as Error).message)}`,
      );
    } else this.counts.retried++;
  }

  private async send(mail: {
    to: string[];
    subject: string;
    text: string;
    html: string;
    messageId?: string;
  }): Promise<'SENT' | 'STORED'> {
    if (!this.transport) return 'STORED';
    await this.transport.sendMail({
      from: this.config.mailFrom,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
    });
    return 'SENT';
  }

  private async deliverEmail(message: OutboxMessageEntity, payload: Payload): Promise<Delivery> {
    const rendered =
      message.topic === 'member.shipped'
        ? await this.memberShipped(payload)
        : await this.partnerDigest(payload);
    if (!rendered) return { note: 'Nothing to send any more' };
    if (rendered.to.length === 0) return { note: 'No recipients' };
    const status = await this.send({
      ...rendered,
      messageId: message.dedupeKey
        ? `<${message.dedupeKey.replace(/[^a-zA-Z0-9.-]/g, '.')}@fulfillment-tracking>`
        : undefined,
    });
    return {
      mail: {
        outboxId: message.id,
        topic: message.topic,
        recipients: rendered.to.join(', ').slice(0, 1000),
        subject: rendered.subject.slice(0, 300),
        text: fitCopy(rendered.text, MAIL_COPY_MAX_BYTES, 'text'),
        html: fitCopy(rendered.html, MAIL_COPY_MAX_BYTES, 'HTML'),
        status,
        locale: rendered.locale,
        createdAt: new Date(),
      },
    };
  }

  private async memberShipped(payload: Payload) {
    const f = await this.ds.getRepository(FulfillmentEntity).findOneBy({ id: Number(payload.fulfillmentId) });
    if (!f || !['SHIPPED', 'DELIVERED'].includes(f.status)) return null;
    const order = await this.ds.getRepository(OrderEntity).findOneByOrFail({ id: f.orderId });
    const partner = await this.ds.getRepository(PartnerEntity).findOneByOrFail({ id: f.partnerId });
    const carrier = f.carrierCode
      ? await this.ds.getRepository(CarrierEntity).findOneBy({ code: f.carrierCode })
      : null;
    const lastMileCarrier =
      f.lastMileNumber && f.lastMileCarrierCode
        ? await this.ds.getRepository(CarrierEntity).findOneBy({ code: f.lastMileCarrierCode })
        : null;
    const locale = toLocale(order.customerLocale);
    const email = renderShippedEmail({
      locale,
      customerName: order.customerName,
      shop: partner.name,
      productName: f.productName,
      quantity: f.quantity,
      carrierName: carrier?.name ?? f.carrierName,
      trackingNumber: f.trackingNumber,
      carrierUrl: f.trackingUrl,
      lastMile: f.lastMileNumber
        ? {
            carrierName: lastMileCarrier?.name ?? f.lastMileCarrierCode ?? '–',
            number: f.lastMileNumber,
            url: f.lastMileUrl,
          }
        : null,
      shippedOn: f.shippedOn,
      trackItemUrl: `${this.config.publicUrl}/track/${order.trackingToken}`,
    });
    return { ...email, to: [order.customerEmail], locale };
  }

  private async partnerDigest(payload: Payload) {
    const p = payload as {
      partnerId: number;
      bulkActionId?: number;
      importId?: number;
      from?: string;
      to?: string;
    };
    const partner = await this.ds.getRepository(PartnerEntity).findOneBy({ id: p.partnerId });
    if (!partner) return null;
    const at = (iso: string) => dbDateTime(new Date(iso));
    const [where, params, source] = p.bulkActionId
      ? ['e.bulk_action_id = ?', [p.bulkActionId], 'bulk action']
      : p.importId
        ? ['e.import_id = ?', [p.importId], 'CSV import']
        : [
            'e.bulk_action_id IS NULL AND e.import_id IS NULL AND e.at >= ? AND e.at < ?',
            [at(p.from!), at(p.to!)],
            `updates ${p.from!.slice(11, 16)}–${p.to!.slice(11, 16)} UTC`,
          ];
    const from = `FROM fulfillment_event e JOIN fulfillment f ON f.id = e.fulfillment_id WHERE ${where} AND f.partner_id = ?
       AND e.type IN (${placeholders(SHIPMENT_EVENT_TYPES)}) AND f.status IN ('SHIPPED', 'DELIVERED')`;
    const fromParams = [...params, p.partnerId, ...SHIPMENT_EVENT_TYPES];
    // A digest lists at most DIGEST_MAX_ROWS lines and counts the rest: a million-line action stays one readable email.
    const rows: { reference: string; tracking: string | null; extra: string | null }[] = await this.ds.query(
      `SELECT DISTINCT f.order_reference AS reference, f.tracking_number AS tracking, f.extra_packages AS extra ${from}
       ORDER BY f.order_reference LIMIT ${DIGEST_MAX_ROWS + 1}`,
      fromParams,
    );
    let total: number | null = null;
    if (rows.length > DIGEST_MAX_ROWS) {
      rows.length = DIGEST_MAX_ROWS;
      const [{ n }]: { n: number }[] = await this.ds.query(
        `SELECT COUNT(DISTINCT f.order_reference) AS n ${from}`,
        fromParams,
      );
      total = Number(n);
    }
    if (rows.length === 0) return null;
    const byRef = new Map<string, Set<string>>();
    for (const r of rows) {
      const set = byRef.get(r.reference) ?? new Set<string>();
      if (r.tracking) set.add(r.tracking);
      for (const extra of (r.extra ? JSON.parse(r.extra) : []) as { number: string }[]) set.add(extra.number);
      byRef.set(r.reference, set);
    }
    const lines: DigestLine[] = [...byRef].map(([reference, numbers]) => ({
      reference,
      trackingNumbers: [...numbers],
    }));
    return {
      ...renderDigest(partner.name, source, lines, total ?? lines.length),
      to: partner.notificationEmails ?? [],
      locale: 'en' as const,
    };
  }

  private async deliverWebhook(message: OutboxMessageEntity, payload: Payload): Promise<Delivery> {
    const p = payload as { endpointId: number; event: string };
    const endpoint = await this.ds.getRepository(WebhookEndpointEntity).findOneBy({ id: p.endpointId });
    if (!endpoint || endpoint.disabledAt) throw new Permanent('The endpoint was removed or disabled');
    const refused = this.config.webhookAllowPrivate ? null : await privateTargetReason(endpoint.url);
    if (refused) throw new Permanent(`Refused: ${refused}`);
    const { endpointId: _omit, ...rest } = payload;
    const body = JSON.stringify({ deliveryId: String(message.id), ...rest });
    const res = await fetch(endpoint.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-fulfillment-event': p.event,
        'x-fulfillment-delivery': String(message.id),
        'x-fulfillment-signature': signWebhook(endpoint.secret, body),
      },
      body,
      signal: AbortSignal.timeout(this.opts.fetchTimeoutMs),
      redirect: 'manual',
    });
    await res.body?.cancel();
    if (res.status < 200 || res.status >= 300)
      throw Object.assign(new Error(`The endpoint answered HTTP ${res.status}`), {
        responseCode: res.status,
      });
    return { responseCode: res.status };
  }
}

type Payload = Record<string, unknown>;

/** A payload the database cut short (before its column was widened) can never be delivered: it is parked at once. */
function parsePayload(message: OutboxMessageEntity): Payload {
  try {
    const value: unknown = JSON.parse(message.payload);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Payload;
  } catch {
    // reported below
  }
  throw new Permanent(
    `The stored payload (${Buffer.byteLength(message.payload)} bytes) is not a JSON object; it cannot be delivered`,
  );
}

/** Webhooks in flight (claimed, claim not expired) per partner. */
async function webhooksInFlight(
  on: DataSource | EntityManager,
  nowText: string,
): Promise<Map<number, number>> {
  const rows: { partnerId: number; n: number }[] = await on.query(
    `SELECT partner_id AS partnerId, COUNT(*) AS n FROM outbox_message
     WHERE kind = 'WEBHOOK' AND status = 'SENDING' AND locked_until >= ? AND partner_id IS NOT NULL GROUP BY partner_id`,
    [nowText],
  );
  return new Map(rows.map((r) => [Number(r.partnerId), Number(r.n)]));
}
