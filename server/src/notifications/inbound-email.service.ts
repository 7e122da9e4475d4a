import { Channel, ErrorCode, planChange } from '@ft/shared';
import { simpleParser } from 'mailparser';
import { findTracking } from 'ts-tracking-number';
import { partnerContext, type RequestContext } from '../auth/context.js';
import { fulfillmentsQuery } from '../auth/scope.js';
import { inTransaction, lockForUpdate } from '../db/transaction.js';
import { placeholders } from '../db/sql.js';
import { applyMoves } from '../fulfillments/fulfillment-change.js';
import type { MessageParams } from '../graphql/user-error.js';
import { classifyTrackingRow, type Lookup } from '../imports/import-rows.js';
import { PartnerEntity } from '../partners/partner.entity.js';
import { today } from '../fulfillments/fulfillment.service.js';
import { CarrierEntity } from '../tracking/carrier.entity.js';
import { trackingUrlFor } from '../tracking/carrier.service.js';
import { detectCarrier, normaliseTrackingNumber } from '../tracking/tracking-number.js';
import { InboundEmailEntity } from './notification.entities.js';
import { cutUtf8 } from './text-size.js';

export const INBOUND_MAX_BYTES = 10 * 1024 * 1024;
/** The record keeps this much of the mail's text (UTF-8 bytes); beyond it the text is cut and marked so. */
const INBOUND_BODY_MAX_BYTES = 256 * 1024;
/** Tracking numbers and order references are looked for in this much of the text. */
const INBOUND_SEARCH_MAX_CHARS = 200_000;

/** The request was not an email we can parse: nothing was done. */
export class UnreadableEmail extends Error {}

/** One reason a mail waits for review, with its code and values so a client can word it itself. */
export interface InboundReason {
  code: string;
  message: string;
  params: MessageParams | null;
  /** The order a match was refused for; absent for reasons about the whole mail. */
  reference?: string;
}

const reasonOf = (code: ErrorCode, message: string, params: MessageParams): InboundReason => ({
  code,
  message,
  params,
});

interface Pair {
  reference: string;
  numbers: string[];
}

function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|tr|li|h\d)>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

/**
 * A forwarded shipping email: tracking numbers are found with the
 * tracking-number library, order references among the partner's own orders.
 * A line holding one reference and its numbers is a match; so is a mail with
 * exactly one reference. Matches apply like any tracking update (channel
 * EMAIL); anything else waits in the review list. The partner's token is the
 * credential: the work is done as that partner, whoever the request itself
 * signs in as.
 */
export async function receiveInboundEmail(
  ctx: RequestContext,
  partnerToken: string,
  raw: Buffer,
): Promise<InboundEmailEntity | null> {
  const partner = /^[A-Za-z0-9_-]{16,64}$/.test(partnerToken)
    ? await ctx.em.getRepository(PartnerEntity).findOneBy({ inboundToken: partnerToken })
    : null;
  if (!partner) return null;
  const mail = await simpleParser(raw).catch((error: unknown) => {
    throw new UnreadableEmail((error as Error).message);
  });
  const text = [
    mail.subject ?? '',
    mail.text || (typeof mail.html === 'string' ? htmlToText(mail.html) : ''),
  ].join('\n');
  const body = text.slice(0, INBOUND_SEARCH_MAX_CHARS);
  const sender = mail.from?.value[0]?.address ?? null;

  const numbers = [...new Set(findTracking(body).map((t) => normaliseTrackingNumber(t.trackingNumber)))];
  const tokens = [...new Set(body.match(/[A-Za-z0-9][A-Za-z0-9_-]{2,63}/g) ?? [])]
    .filter((t) => !numbers.includes(normaliseTrackingNumber(t)))
    .slice(0, 5000);
  const references = new Set<string>();
  for (let i = 0; i < tokens.length; i += 1000) {
    const part = tokens.slice(i, i + 1000);
    const rows: { reference: string }[] = await ctx.em.query(
      `SELECT reference FROM orders WHERE partner_id = ? AND reference IN (${placeholders(part)})`,
      [partner.id, ...part],
    );
    for (const r of rows) references.add(r.reference);
  }

  const pairs: Pair[] = [];
  for (const line of body.split(/\r?\n/)) {
    const refs = [...references].filter((r) =>
      new RegExp(`(^|[^A-Za-z0-9_-])${r.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_-])`).test(
        line,
      ),
    );
    const nums = numbers.filter((n) => normaliseTrackingNumber(line).includes(n));
    if (refs.length === 1 && nums.length > 0) pairs.push({ reference: refs[0]!, numbers: nums });
  }
  if (pairs.length === 0 && references.size === 1 && numbers.length > 0)
    pairs.push({ reference: [...references][0]!, numbers });
  const paired = new Set(pairs.flatMap((p) => p.numbers));

  const asPartner = partnerContext(ctx.ds, ctx.config, partner.id, {
    actor: `email:${sender ?? 'unknown sender'}`.slice(0, 300),
    channel: Channel.EMAIL,
  });
  const carriers = pairs.length ? await asPartner.em.getRepository(CarrierEntity).find() : [];
  // The changes and their record commit together: a mail is never applied without the record saying so.
  return inTransaction(asPartner, async (tx) => {
    const applied: { reference: string; numbers: string[] }[] = [];
    const problems: InboundReason[] = [];
    if (pairs.length) {
      const rows = await lockForUpdate(
        tx.ds,
        fulfillmentsQuery(tx).andWhere('f.order_reference IN (:...refs)', {
          refs: pairs.map((p) => p.reference),
        }),
      ).getMany();
      const lookup: Lookup = {
        byReference: new Map(),
        byClientId: new Map(),
        byId: new Map(rows.map((r) => [r.id, r])),
      };
      for (const r of rows)
        lookup.byReference.set(r.orderReference, [...(lookup.byReference.get(r.orderReference) ?? []), r]);
      for (const pair of pairs) {
        const [first, ...more] = pair.numbers;
        const verdict = classifyTrackingRow(
          { orderReference: pair.reference, trackingNumber: first },
          lookup,
          carriers,
          'MM/DD/YYYY',
          today(),
        );
        if (verdict.outcome !== 'CHANGE') {
          problems.push({
            code: verdict.code ?? verdict.outcome,
            message: `${pair.reference}: ${verdict.message}`,
            params: { ...verdict.params, reference: pair.reference },
            reference: pair.reference,
          });
          continue;
        }
        const extraPackages = more.length
          ? more.map((n) => ({
              number: n,
              url: trackingUrlFor(
                carriers.find((c) => c.code === detectCarrier(n).candidates[0]),
                n,
              ),
            }))
          : null;
        const targets = verdict.targets.map((id) => lookup.byId.get(id)!);
        // The classifier chose the targets; the planner says how each moves (ships, or corrects).
        await applyMoves(tx, planChange(targets, { kind: 'TRACKING' }).moves, {
          patch: { ...verdict.patch, extraPackages },
          channel: Channel.EMAIL,
        });
        applied.push(pair);
      }
    }
    const unmatched = numbers.filter((n) => !paired.has(n));
    const status =
      applied.length && !problems.length && !unmatched.length
        ? 'APPLIED'
        : numbers.length || references.size
          ? 'REVIEW'
          : 'NOTHING_FOUND';
    const reasons: InboundReason[] = [
      ...problems,
      ...(unmatched.length
        ? [
            reasonOf(ErrorCode.NOT_FOUND, `No order found for ${unmatched.join(', ')}`, {
              variant: 'noOrderForNumbers',
              numbers: unmatched.join(', '),
            }),
          ]
        : []),
      ...(numbers.length === 0 && references.size
        ? [reasonOf(ErrorCode.REQUIRED, 'No tracking number found', { variant: 'noTrackingNumberFound' })]
        : []),
      ...(references.size > 1 && !pairs.length
        ? [
            reasonOf(
              ErrorCode.INVALID,
              'Several orders are named; which number belongs to which is unclear',
              {
                variant: 'severalOrdersNamed',
              },
            ),
          ]
        : []),
      ...(text.length > body.length
        ? [
            reasonOf(
              ErrorCode.LIMIT_EXCEEDED,
              `Only the first ${INBOUND_SEARCH_MAX_CHARS} characters of ${text.length} were searched`,
              { variant: 'searchedOnlyStart', max: INBOUND_SEARCH_MAX_CHARS, length: text.length },
            ),
          ]
        : []),
    ];
    const reason = reasons.map((r) => r.message).join('; ') || null;
    const repo = tx.em.getRepository(InboundEmailEntity);
    return repo.save(
      repo.create({
        partnerId: partner.id,
        sender: sender?.slice(0, 300) ?? null,
        subject: mail.subject?.slice(0, 300) ?? null,
        status,
        findings: { trackingNumbers: numbers, references: [...references], applied, reason, reasons },
        bodyText: cutUtf8(text, INBOUND_BODY_MAX_BYTES),
        bodyBytes: Buffer.byteLength(text),
        receivedAt: new Date(),
      }),
    );
  });
}
