import { Channel, planChange } from '@ft/shared';
import { simpleParser } from 'mailparser';
import { partnerContext, type RequestContext } from '../auth/context.js';
import { fulfillmentsQuery } from '../auth/scope.js';
import { inTransaction, lockForUpdate } from '../db/transaction.js';
import { placeholders } from '../db/sql.js';
import { applyMoves } from '../fulfillments/fulfillment-change.js';
import { classifyTrackingRow, linePatch, type Lookup } from '../imports/import-rows.js';
import { PartnerEntity } from '../partners/partner.entity.js';
import { today } from '../fulfillments/fulfillment.service.js';
import { CarrierEntity } from '../tracking/carrier.entity.js';
import { trackingUrlFor } from '../tracking/carrier.service.js';
import { handoverRulesByPartner } from '../tracking/handover.service.js';
import { detectCarrier } from '../tracking/tracking-number.js';
import { findTrackingNumbers } from '../tracking/tracking-scan.js';
import { InboundEmailEntity } from './notification.entities.js';
import {
  endsWithPrefixed,
  findReferenceMentions,
  htmlToText,
  type ReferenceMention,
} from './inbound-text.js';
import { cutUtf8 } from './text-size.js';

export const INBOUND_MAX_BYTES = 10 * 1024 * 1024;
/** The record keeps this much of the mail's text (UTF-8 bytes); beyond it the text is cut and marked so. */
const INBOUND_BODY_MAX_BYTES = 256 * 1024;
/** Tracking numbers and order references are looked for in this much of the text. */
const INBOUND_SEARCH_MAX_CHARS = 200_000;

/** The request was not an email we can parse: nothing was done. */
export class UnreadableEmail extends Error {}

/** The partner a forwarding address's token names; null for a token no partner has. */
export async function partnerByInboundToken(
  ctx: RequestContext,
  token: string,
): Promise<PartnerEntity | null> {
  return /^[A-Za-z0-9_-]{16,64}$/.test(token)
    ? ctx.em.getRepository(PartnerEntity).findOneBy({ inboundToken: token })
    : null;
}

interface Pair {
  reference: string;
  numbers: string[];
}

/** Why a forwarded email waits for review (or found nothing): a code, its values, and the English words. */
export interface InboundReason {
  code: InboundReasonCode;
  params: Record<string, string | number>;
  message: string;
}

type InboundReasonCode =
  | 'NO_ORDER_FOR_NUMBERS'
  | 'NO_TRACKING_NUMBER'
  | 'ORDERS_UNCLEAR'
  | 'ORDER_REJECTED'
  | 'TEXT_CUT'
  | 'NOTHING_FOUND';

const reason = (
  code: InboundReasonCode,
  message: string,
  params: Record<string, string | number> = {},
): InboundReason => ({ code, message, params });

/** What the mail says, as text: its own plain-text part, else its HTML read with rows and cells kept apart. */
async function readMail(raw: Buffer) {
  const mail = await simpleParser(raw, { skipHtmlToText: true }).catch((error: unknown) => {
    throw new UnreadableEmail((error as Error).message);
  });
  const content = mail.text?.trim() ? mail.text : typeof mail.html === 'string' ? htmlToText(mail.html) : '';
  return {
    subject: mail.subject ?? null,
    sender: mail.from?.value[0]?.address ?? null,
    text: [mail.subject ?? '', content].join('\n'),
  };
}

/** At most this many "Order 1052" values are looked up behind a prefix per mail. */
const MAX_PREFIXED_LOOKUPS = 20;

/** The partner's orders the mentions name: each mention with the references it means (none for most words). */
async function resolveMentions(
  ctx: RequestContext,
  partnerId: number,
  mentions: ReferenceMention[],
): Promise<Map<ReferenceMention, string[]>> {
  const keys = [...new Set(mentions.flatMap((m) => m.exact))].slice(0, 5000);
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 1000) {
    const part = keys.slice(i, i + 1000);
    const rows: { reference: string }[] = await ctx.em.query(
      `SELECT reference FROM orders WHERE partner_id = ? AND reference IN (${placeholders(part)})`,
      [partnerId, ...part],
    );
    for (const r of rows) found.add(r.reference);
  }
  const resolved = new Map<ReferenceMention, string[]>();
  const bySuffix = new Map<string, string[]>();
  for (const m of mentions) {
    const exact = [...new Set(m.exact.filter((k) => found.has(k)))];
    if (exact.length) {
      resolved.set(m, exact);
      continue;
    }
    if (!m.suffix) continue;
    // "Order 1052" for NT-1052: the one order whose reference is the value behind a prefix.
    if (!bySuffix.has(m.suffix) && bySuffix.size < MAX_PREFIXED_LOOKUPS) {
      const rows: { reference: string }[] = await ctx.em.query(
        `SELECT reference FROM orders WHERE partner_id = ? AND reference LIKE ? ESCAPE '!' LIMIT 3`,
        [partnerId, `%${m.suffix.replace(/[!%_]/g, '!$&')}`],
      );
      const suffix = m.suffix;
      bySuffix.set(
        suffix,
        rows.map((r) => r.reference).filter((r) => endsWithPrefixed(r, suffix)),
      );
    }
    const prefixed = bySuffix.get(m.suffix) ?? [];
    if (prefixed.length === 1) resolved.set(m, prefixed);
  }
  return resolved;
}

/** Index of the line `pos` is on, given where each line starts. */
function lineAt(lineStarts: number[], pos: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The tracking numbers, the partner's orders the text names, and which
 * numbers belong to which order: a line holding one order and numbers pairs
 * them; so does a text naming exactly one order.
 */
async function findInText(ctx: RequestContext, partnerId: number, body: string) {
  const found = findTrackingNumbers(body);
  const numbers = [...new Set(found.map((f) => f.number))];
  // A tracking number is not also an order reference: its characters are out of that search.
  const parts: string[] = [];
  let at = 0;
  for (const f of found) {
    parts.push(body.slice(at, f.start), ' '.repeat(f.end - f.start));
    at = f.end;
  }
  const masked = parts.join('') + body.slice(at);
  const resolved = await resolveMentions(ctx, partnerId, findReferenceMentions(masked));
  const references = [...new Set([...resolved.values()].flat())];

  const lineStarts = [0];
  for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lines = new Map<number, { refs: Set<string>; nums: string[] }>();
  const lineOf = (pos: number) => {
    const key = lineAt(lineStarts, pos);
    let entry = lines.get(key);
    if (!entry) lines.set(key, (entry = { refs: new Set(), nums: [] }));
    return entry;
  };
  for (const [m, refs] of resolved) for (const r of refs) lineOf(m.start).refs.add(r);
  for (const f of found) {
    const entry = lineOf(f.start);
    if (!entry.nums.includes(f.number)) entry.nums.push(f.number);
  }
  const pairs: Pair[] = [];
  for (const key of [...lines.keys()].sort((a, b) => a - b)) {
    const { refs, nums } = lines.get(key)!;
    if (refs.size !== 1 || nums.length === 0) continue;
    const reference = [...refs][0]!;
    const pair = pairs.find((p) => p.reference === reference);
    if (pair) pair.numbers.push(...nums.filter((n) => !pair.numbers.includes(n)));
    else pairs.push({ reference, numbers: nums });
  }
  if (pairs.length === 0 && references.length === 1 && numbers.length > 0)
    pairs.push({ reference: references[0]!, numbers });
  return { numbers, references, pairs };
}

/**
 * A forwarded shipping email: tracking numbers are whole words that pass a
 * carrier's format and check digit (tracking-scan.ts); orders are the
 * partner's own, named as written or as shops introduce them ("Order
 * #1052", inbound-text.ts). Matches apply like any tracking update (channel
 * EMAIL); anything else waits in the review list. The partner's token is the
 * credential: the work is done as that partner, whoever the request itself
 * signs in as.
 */
export async function receiveInboundEmail(
  ctx: RequestContext,
  partnerToken: string,
  raw: Buffer,
): Promise<InboundEmailEntity | null> {
  const partner = await partnerByInboundToken(ctx, partnerToken);
  if (!partner) return null;
  const { subject, sender, text } = await readMail(raw);
  const body = text.slice(0, INBOUND_SEARCH_MAX_CHARS);
  const { numbers, references, pairs } = await findInText(ctx, partner.id, body);
  const paired = new Set(pairs.flatMap((p) => p.numbers));

  const asPartner = partnerContext(ctx.ds, ctx.config, partner.id, {
    actor: `email:${sender ?? 'unknown sender'}`.slice(0, 300),
    channel: Channel.EMAIL,
  });
  const carriers = pairs.length ? await asPartner.em.getRepository(CarrierEntity).find() : [];
  // The changes and their record commit together: a mail is never applied without the record saying so.
  return inTransaction(asPartner, async (tx) => {
    const { applied, problems } = await applyPairs(tx, carriers, pairs);
    const unmatched = numbers.filter((n) => !paired.has(n));
    const status =
      applied.length && !problems.length && !unmatched.length
        ? 'APPLIED'
        : numbers.length || references.length
          ? 'REVIEW'
          : 'NOTHING_FOUND';
    const reasons: InboundReason[] = [
      ...problems,
      ...(unmatched.length
        ? [
            reason('NO_ORDER_FOR_NUMBERS', `No order found for ${unmatched.join(', ')}`, {
              numbers: unmatched.join(', '),
            }),
          ]
        : []),
      ...(numbers.length === 0 && references.length
        ? [reason('NO_TRACKING_NUMBER', 'No tracking number found')]
        : []),
      ...(references.length > 1 && !pairs.length
        ? [
            reason('ORDERS_UNCLEAR', 'Several orders are named; which number belongs to which is unclear', {
              references: references.join(', '),
            }),
          ]
        : []),
      ...(status === 'NOTHING_FOUND'
        ? [reason('NOTHING_FOUND', 'No tracking number and no order of yours found')]
        : []),
      ...(text.length > body.length
        ? [
            reason(
              'TEXT_CUT',
              `Only the first ${INBOUND_SEARCH_MAX_CHARS} characters of ${text.length} were searched`,
              { searched: INBOUND_SEARCH_MAX_CHARS, total: text.length },
            ),
          ]
        : []),
    ];
    const repo = tx.em.getRepository(InboundEmailEntity);
    return repo.save(
      repo.create({
        partnerId: partner.id,
        sender: sender?.slice(0, 300) ?? null,
        subject: subject?.slice(0, 300) ?? null,
        status,
        findings: {
          trackingNumbers: numbers,
          references,
          applied,
          reason: reasons.map((r) => r.message).join('; ') || null,
          reasons,
        },
        bodyText: cutUtf8(text, INBOUND_BODY_MAX_BYTES),
        bodyBytes: Buffer.byteLength(text),
        receivedAt: new Date(),
      }),
    );
  });
}

/**
 * Each order (or one chosen line, `fulfillmentId`) gets its first number as
 * the tracking and the rest as further packages, through the import's rules
 * and the change planner; what cannot be applied is a reason instead.
 */
async function applyPairs(
  tx: RequestContext,
  carriers: readonly CarrierEntity[],
  pairs: (Pair & { fulfillmentId?: number })[],
): Promise<{ applied: Pair[]; problems: InboundReason[] }> {
  const applied: Pair[] = [];
  const problems: InboundReason[] = [];
  if (!pairs.length) return { applied, problems };
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
    handover: await handoverRulesByPartner(
      tx,
      rows.map((r) => r.partnerId),
    ),
  };
  for (const r of rows)
    lookup.byReference.set(r.orderReference, [...(lookup.byReference.get(r.orderReference) ?? []), r]);
  for (const pair of pairs) {
    const [first, ...more] = pair.numbers;
    const verdict = classifyTrackingRow(
      {
        orderReference: pair.reference,
        trackingNumber: first,
        ...(pair.fulfillmentId ? { fulfillmentId: String(pair.fulfillmentId) } : {}),
      },
      lookup,
      carriers,
      'MM/DD/YYYY',
      today(),
    );
    // The same mail forwarded again: the order already has this tracking.
    if (verdict.outcome === 'UNCHANGED') {
      applied.push({ reference: pair.reference, numbers: pair.numbers });
      continue;
    }
    if (verdict.outcome !== 'CHANGE') {
      const detail = verdict.message ?? 'The tracking cannot be applied';
      // The verdict's own values and its message's name beside ours, so a client words the detail itself.
      const { variant, ...values } = verdict.params ?? {};
      problems.push(
        reason('ORDER_REJECTED', `${pair.reference}: ${detail}`, {
          ...values,
          ...(variant ? { detailVariant: variant } : {}),
          reference: pair.reference,
          problem: verdict.code ?? 'INVALID',
          detail,
        }),
      );
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
      patch: (r) => ({ ...linePatch(verdict.patch!, r.id), extraPackages }),
      channel: Channel.EMAIL,
    });
    applied.push({ reference: pair.reference, numbers: pair.numbers });
  }
  return { applied, problems };
}
