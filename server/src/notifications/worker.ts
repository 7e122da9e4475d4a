import { randomBytes } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import { In, type DataSource } from 'typeorm';
import type { Config } from '../config.js';
import { dbDateTime, placeholders } from '../db/sql.js';
import { isMysql } from '../db/data-source.js';
import { redactMessage } from '../db/errors.js';
import { transact } from '../db/transaction.js';
import { FulfillmentEntity } from '../fulfillments/fulfillment.entity.js';
import { OrderEntity } from '../orders/order.entity.js';
import { PartnerEntity } from '../partners/partner.entity.js';
import { CarrierEntity } from '../tracking/carrier.entity.js';
import { MailMessageEntity, WebhookEndpointEntity } from './notification.entities.js';
import { OutboxMessageEntity } from './outbox.entity.js';
import { renderDigest, renderShippedEmail, toLocale, type DigestLine } from './templates.js';
import { signWebhook } from './webhooks.js';
import { privateTargetReason } from './webhook-target.js';

/**
 * Delivers outbox messages. Several workers (in servers or `pnpm worker`) share
 * one database: a worker claims a batch — `FOR UPDATE SKIP LOCKED` on MySQL,
 * one atomic UPDATE on SQLite — so no message is taken twice. A claim expires
 * (`lockedUntil`), so a worker that dies mid-delivery delays its messages
 * instead of losing them; only the one message it was sending may go twice.
 */
export interface WorkerOptions {
  id?: string;
  batchSize?: number;
  lockMs?: number;
  pollMs?: number;
  maxAttempts?: number;
  /** Overrides SMTP_URL (tests pass a transport to their own SMTP server). */
  transport?: Transporter | null;
  fetchTimeoutMs?: number;
}

class Permanent extends Error {}

interface Delivery {
  mail?: Partial<MailMessageEntity>;
  note?: string;
  responseCode?: number;
}

export class OutboxWorker {
  readonly id: string;
  private transport: Transporter | null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;
  private claimSeq = 0;
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
      batchSize: 20,
      lockMs: 5 * 60_000,
      pollMs: 1000,
      maxAttempts: 8,
      fetchTimeoutMs: 10_000,
      ...options,
    };
  }

  start(): void {
    const loop = async () => {
      if (this.stopped) return;
      let delivered = 0;
      try {
        this.running = this.runOnce();
        delivered = (await this.running) as number;
      } catch (error) {
        console.error(`[outbox ${this.id}] poll failed:`, redactMessage((error as Error).message));
      }
      if (!this.stopped) this.timer = setTimeout(loop, delivered > 0 ? 0 : this.opts.pollMs);
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Claim and deliver one batch; resolves to how many messages were handled. */
  async runOnce(): Promise<number> {
    const batch = await this.claim();
    for (const message of batch) await this.deliverOne(message);
    return batch.length;
  }

  async claim(): Promise<OutboxMessageEntity[]> {
    const now = Date.now();
    const claimId = `${this.id}:${++this.claimSeq}`;
    const due = `((status = 'PENDING' AND next_attempt_at <= ?) OR (status = 'SENDING' AND locked_until < ?))`;
    const nowText = dbDateTime(new Date(now));
    const dueParams = [nowText, nowText]; // both placeholders of `due`
    const lockedUntil = dbDateTime(new Date(now + this.opts.lockMs));
    let ids: number[];
    if (isMysql(this.ds)) {
      ids = await this.ds.transaction(async (em) => {
        const rows: { id: number }[] = await em.query(
          `SELECT id FROM outbox_message WHERE ${due} ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED`,
          [...dueParams, this.opts.batchSize],
        );
        if (rows.length) {
          await em.query(
            `UPDATE outbox_message SET status = 'SENDING', locked_by = ?, locked_until = ?, attempts = attempts + 1 WHERE id IN (${placeholders(rows)})`,
            [claimId, lockedUntil, ...rows.map((r) => r.id)],
          );
        }
        return rows.map((r) => Number(r.id));
      });
    } else {
      await transact(this.ds, (em) =>
        em.query(
          `UPDATE outbox_message SET status = 'SENDING', locked_by = ?, locked_until = ?, attempts = attempts + 1
        WHERE id IN (SELECT id FROM outbox_message WHERE ${due} ORDER BY id LIMIT ?)`,
          [claimId, lockedUntil, ...dueParams, this.opts.batchSize],
        ),
      );
      ids = (
        await this.ds.query(`SELECT id FROM outbox_message WHERE locked_by = ? AND status = 'SENDING'`, [
          claimId,
        ])
      ).map((r: { id: number }) => Number(r.id));
    }
    if (ids.length === 0) return [];
    return this.ds
      .getRepository(OutboxMessageEntity)
      .find({ where: { id: In(ids), lockedBy: claimId }, order: { id: 'ASC' } });
  }

  private async deliverOne(message: OutboxMessageEntity): Promise<void> {
    try {
      const result: Delivery =
        message.kind === 'WEBHOOK' ? await this.deliverWebhook(message) : await this.deliverEmail(message);
      await transact(this.ds, async (em) => {
        if (result.mail) await em.getRepository(MailMessageEntity).insert(result.mail);
        await em.query(
          `UPDATE outbox_message SET status = 'SENT', sent_at = ?, locked_by = NULL, locked_until = NULL, response_code = ?, last_error = ? WHERE id = ? AND locked_by = ?`,
          [
            dbDateTime(new Date()),
            result.responseCode ?? null,
            result.note ?? null,
            message.id,
            message.lockedBy,
          ],
        );
      });
    } catch (error) {
      const last = error instanceof Permanent || message.attempts >= this.opts.maxAttempts;
      const backoff = Math.min(30_000 * 2 ** (message.attempts - 1), 3_600_000);
      const code = (error as { responseCode?: number }).responseCode ?? null;
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
      if (last)
        console.error(
          `[outbox ${this.id}] message ${message.id} (${message.topic}) parked after ${message.attempts} tries: ${redactMessage((error as Error).message)}`,
        );
    }
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

  private async deliverEmail(message: OutboxMessageEntity): Promise<Delivery> {
    const rendered =
      message.topic === 'member.shipped'
        ? await this.memberShipped(message)
        : await this.partnerDigest(message);
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
        text: rendered.text,
        html: rendered.html,
        status,
        locale: rendered.locale,
        createdAt: new Date(),
      },
    };
  }

  private async memberShipped(message: OutboxMessageEntity) {
    const f = await this.ds
      .getRepository(FulfillmentEntity)
      .findOneBy({ id: Number(message.payload.fulfillmentId) });
    if (!f || !['SHIPPED', 'DELIVERED'].includes(f.status)) return null;
    const order = await this.ds.getRepository(OrderEntity).findOneByOrFail({ id: f.orderId });
    const partner = await this.ds.getRepository(PartnerEntity).findOneByOrFail({ id: f.partnerId });
    const carrier = f.carrierCode
      ? await this.ds.getRepository(CarrierEntity).findOneBy({ code: f.carrierCode })
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
      shippedOn: f.shippedOn,
      trackItemUrl: `${this.config.publicUrl}/track/${order.trackingToken}`,
    });
    return { ...email, to: [order.customerEmail], locale };
  }

  private async partnerDigest(message: OutboxMessageEntity) {
    const p = message.payload as {
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
    const rows: { reference: string; tracking: string | null; extra: string | null }[] = await this.ds.query(
      `SELECT DISTINCT f.order_reference AS reference, f.tracking_number AS tracking, f.extra_packages AS extra FROM fulfillment_event e
       JOIN fulfillment f ON f.id = e.fulfillment_id WHERE ${where} AND f.partner_id = ? AND e.type IN ('SHIPPED', 'TRACKING_UPDATED')
       AND f.status IN ('SHIPPED', 'DELIVERED') ORDER BY f.order_reference`,
      [...params, p.partnerId],
    );
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
      ...renderDigest(partner.name, source, lines),
      to: partner.notificationEmails ?? [],
      locale: 'en' as const,
    };
  }

  private async deliverWebhook(message: OutboxMessageEntity): Promise<Delivery> {
    const p = message.payload as { endpointId: number; event: string };
    const endpoint = await this.ds.getRepository(WebhookEndpointEntity).findOneBy({ id: p.endpointId });
    if (!endpoint || endpoint.disabledAt) throw new Permanent('The endpoint was removed or disabled');
    const refused = this.config.webhookAllowPrivate ? null : await privateTargetReason(endpoint.url);
    if (refused) throw new Permanent(`Refused: ${refused}`);
    const { endpointId: _omit, ...rest } = message.payload;
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
