import type { TFunction } from 'i18next';
import type { BulkOutcome } from './useBulkActions';
import { messageText } from '../../app/messages';

/** One reason a bulk action skipped lines, the lines the server listed for it, and how many there were in all. */
export interface SkipGroup {
  key: string;
  label: string;
  count: number;
  /** "reference · SKU" of each listed line that has one; lines the server did not list are only counted. */
  names: string[];
}

/** The status a bulk action moves lines to: a skipped line already in it was "already" done. */
const TARGET: Record<BulkOutcome['kind'], string | null> = {
  shipped: 'SHIPPED',
  notShipping: 'NOT_SHIPPING',
  undo: null,
};

const keyOf = (r: { code: string; status: string | null }) => `${r.code}:${r.status ?? ''}`;

/** A line as a person knows it: its order and SKU. Never the global id, which means nothing to anyone. */
const skipName = (s: { orderReference: string | null; sku: string | null }): string | null =>
  s.orderReference && s.sku ? `${s.orderReference} · ${s.sku}` : (s.orderReference ?? s.sku);

/** A reason in the UI language by its code (and status), the server's English message where the UI has no words for it. */
function reasonLabel(
  t: TFunction,
  kind: BulkOutcome['kind'],
  r: { code: string; status: string | null; message: string },
): string {
  if (r.code === 'TRANSITION_NOT_ALLOWED' && r.status) {
    if (r.status === TARGET[kind]) return t(`bulk.reasons.already_${r.status}`, { defaultValue: r.message });
    const status = t(`fulfillmentStatus.${r.status}`, { defaultValue: r.status });
    return t(`bulk.reasons.cannot_${kind}`, { status, defaultValue: r.message });
  }
  return t(`bulk.reasons.${r.code}`, { defaultValue: messageText(t, r) });
}

/**
 * The skips of a bulk result grouped by reason, in the server's order (most frequent first). Counts come from
 * `skippedByReason`, which covers every skip; names only from the listed ones.
 */
export function skipGroups(t: TFunction, outcome: BulkOutcome): SkipGroup[] {
  const names = new Map<string, string[]>();
  for (const s of outcome.skipped) {
    const name = skipName(s);
    if (!name) continue;
    const key = keyOf(s);
    const list = names.get(key);
    if (list) list.push(name);
    else names.set(key, [name]);
  }
  return outcome.skippedByReason.map((r) => ({
    key: keyOf(r),
    label: reasonLabel(t, outcome.kind, r),
    count: r.count,
    names: names.get(keyOf(r)) ?? [],
  }));
}
