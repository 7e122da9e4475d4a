import type { DataSource, EntityManager } from 'typeorm';
import { insertRows } from '../db/sql.js';
import { IndexRaceError, isDuplicateKey } from '../db/errors.js';
import { chunks, transact } from '../db/transaction.js';

/**
 * Search as people type it: any part of an order's reference, customer name or email (3 characters or
 * more), or of one of its tracking numbers (4 or more), in any case and with or without accents. Served
 * from a trigram index both engines keep alike: `order_search` holds each order's text folded, and
 * `search_gram` one row per distinct trigram of it. A search reads the orders that have every one of a few
 * of its trigrams (the database starts from the rarest) and checks the folded text for the whole of it.
 * Neither engine offers this itself: InnoDB's FULLTEXT matches words and word prefixes only, and MariaDB
 * has no n-gram parser. Writers refresh the index of the orders they change, a batch at a time.
 */

/** Shorter searches match references and emails that begin with them. */
const SEARCH_MIN_INFIX = 3;
/** A tracking number matches by a part of at least this many characters. */
const SEARCH_MIN_TRACKING = 4;
/** Trigrams of a search that must all be present (spread over it); the folded text decides the rest. */
const GRAMS_PER_SEARCH = 4;

const SPECIAL: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/** Text as the index keeps it and a search is compared: lower case, accents removed, spaces collapsed. */
export function foldSearchText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (c) => SPECIAL[c]!)
    .replace(/[\s\p{C}]+/gu, ' ')
    .trim();
}

/** A tracking number as a search is compared with it: folded, without spaces and dashes. */
const foldTracking = (text: string) => foldSearchText(text).replace(/[\s-]/g, '');

/** A trigram as the index stores it: a 32-bit FNV-1a hash (a collision only costs a text check). */
function gramOf(text: string, at: number): number {
  let h = 0x811c9dc5;
  for (let i = at; i < at + 3; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

function gramsOf(parts: readonly string[]): Set<number> {
  const grams = new Set<number>();
  for (const part of parts) for (let i = 0; i + 3 <= part.length; i++) grams.add(gramOf(part, i));
  return grams;
}

interface OrderRow {
  id: number;
  partnerId: number;
  reference: string;
  customerName: string;
  customerEmail: string;
}

interface Indexed {
  text: string;
  tracking: string;
}

function indexedOf(order: OrderRow, trackingNumbers: readonly string[]): Indexed {
  return {
    text: [order.reference, order.customerName, order.customerEmail].map(foldSearchText).join('\n'),
    tracking: [...new Set(trackingNumbers.map(foldTracking))].sort().join('\n'),
  };
}

const gramsOfIndexed = (row: Indexed) => gramsOf([...row.text.split('\n'), ...row.tracking.split('\n')]);

/** Orders per refresh statement. */
const REFRESH_CHUNK = 500;
/** Bound values per delete statement (SQLite allows 32,766). */
const DELETE_VALUES = 5000;

interface Refresh {
  /** Orders whose order_search row is replaced. */
  rewritten: number[];
  dropped: { orderId: number; partnerId: number; grams: number[] }[];
  /** New grams: [gram, partner_id, order_id]. */
  added: unknown[][];
  /** New order_search rows. */
  rows: unknown[][];
}

/** What these orders' index rows must become, from their rows as `on` sees them. */
async function refreshOf(on: EntityManager | DataSource, part: readonly number[]): Promise<Refresh> {
  const list = part.map(() => '?').join(', ');
  const [orders, lines, current] = await Promise.all([
    on.query(
      `SELECT id, partner_id AS partnerId, reference, customer_name AS customerName, customer_email AS customerEmail FROM orders WHERE id IN (${list})`,
      part,
    ) as Promise<OrderRow[]>,
    on.query(
      `SELECT order_id AS orderId, tracking_number AS trackingNumber FROM fulfillment WHERE order_id IN (${list}) AND tracking_number IS NOT NULL`,
      part,
    ) as Promise<{ orderId: number; trackingNumber: string }[]>,
    on.query(
      `SELECT order_id AS orderId, partner_id AS partnerId, text, tracking FROM order_search WHERE order_id IN (${list})`,
      part,
    ) as Promise<({ orderId: number; partnerId: number } & Indexed)[]>,
  ]);
  const tracking = new Map<number, string[]>();
  for (const line of lines) {
    const id = Number(line.orderId);
    tracking.set(id, [...(tracking.get(id) ?? []), line.trackingNumber]);
  }
  const before = new Map(current.map((row) => [Number(row.orderId), row]));
  const out: Refresh = { rewritten: [], dropped: [], added: [], rows: [] };
  for (const order of orders) {
    const orderId = Number(order.id);
    const partnerId = Number(order.partnerId);
    const next = indexedOf(order, tracking.get(orderId) ?? []);
    const old = before.get(orderId);
    if (old && old.text === next.text && old.tracking === next.tracking) continue;
    const oldGrams = old ? gramsOfIndexed(old) : new Set<number>();
    const newGrams = gramsOfIndexed(next);
    const lost = [...oldGrams].filter((g) => !newGrams.has(g));
    if (lost.length) out.dropped.push({ orderId, partnerId, grams: lost });
    for (const g of newGrams) if (!oldGrams.has(g)) out.added.push([g, partnerId, orderId]);
    if (old) out.rewritten.push(orderId);
    out.rows.push([orderId, partnerId, next.text, next.tracking]);
  }
  return out;
}

/**
 * Brings the search index of these orders up to date with their rows as `on` sees them: the grams they
 * lost are deleted, the grams they gained inserted, each in a few set-wide statements.
 */
export async function refreshOrderSearch(
  on: EntityManager | DataSource,
  orderIds: readonly number[],
): Promise<void> {
  for (const part of chunks([...new Set(orderIds)], REFRESH_CHUNK)) {
    if (part.length === 0) continue;
    const { rewritten, dropped, added, rows } = await refreshOf(on, part);
    if (rewritten.length)
      await on.query(`DELETE FROM order_search WHERE order_id IN (${rewritten.map(() => '?').join(', ')})`, [
        ...rewritten,
      ]);
    await deleteGrams(on, dropped);
    try {
      if (rows.length)
        await insertRows(on, 'order_search', ['order_id', 'partner_id', 'text', 'tracking'], rows);
      if (added.length) await insertRows(on, 'search_gram', ['gram', 'partner_id', 'order_id'], added);
    } catch (error) {
      throw isDuplicateKey(error) ? new IndexRaceError(error) : error;
    }
  }
}

const inOne = <T>(on: EntityManager | DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> =>
  'manager' in on ? transact(on, work) : work(on);

/** Orders read per batch of a build. */
const BUILD_BATCH = 2000;

/**
 * Indexes every order with an id above `afterId` that has no index yet (a migration, a bulk seed), in
 * batches of orders in id order, so memory stays flat at any number. The grams are collected in a table
 * without keys and copied into the index sorted by its key: a million orders' tens of millions of grams
 * written in key order, not one random place of the index at a time.
 */
export async function buildOrderSearch(on: EntityManager | DataSource, afterId = 0): Promise<number> {
  await on.query(
    'CREATE TABLE search_gram_build (gram INTEGER NOT NULL, partner_id INTEGER NOT NULL, order_id INTEGER NOT NULL)',
  );
  let indexed = 0;
  try {
    for (let after = afterId; ;) {
      const batch: { id: number }[] = await on.query(
        'SELECT o.id FROM orders o WHERE o.id > ? AND NOT EXISTS (SELECT 1 FROM order_search s WHERE s.order_id = o.id) ORDER BY o.id LIMIT ?',
        [after, BUILD_BATCH],
      );
      if (batch.length === 0) break;
      const ids = batch.map((row) => Number(row.id));
      // A batch in a transaction of its own where `on` has none: the engine may then load it as a file.
      // Counted once it committed: a conflict runs the batch again.
      indexed += await inOne(on, async (em) => {
        const { added, rows } = await refreshOf(em, ids);
        await insertRows(em, 'order_search', ['order_id', 'partner_id', 'text', 'tracking'], rows);
        await insertRows(em, 'search_gram_build', ['gram', 'partner_id', 'order_id'], added);
        return rows.length;
      });
      after = ids[ids.length - 1]!;
    }
    await on.query(
      'INSERT INTO search_gram (gram, partner_id, order_id) SELECT gram, partner_id, order_id FROM search_gram_build ORDER BY gram, partner_id, order_id',
    );
  } finally {
    await on.query('DROP TABLE search_gram_build');
  }
  return indexed;
}

/** Deletes these orders' grams by their full key, many orders per statement. */
async function deleteGrams(
  on: EntityManager | DataSource,
  dropped: readonly { orderId: number; partnerId: number; grams: number[] }[],
): Promise<void> {
  let conditions: string[] = [];
  let params: number[] = [];
  const flush = async () => {
    if (conditions.length) await on.query(`DELETE FROM search_gram WHERE ${conditions.join(' OR ')}`, params);
    conditions = [];
    params = [];
  };
  for (const { orderId, partnerId, grams } of dropped) {
    for (const part of chunks(grams, DELETE_VALUES)) {
      if (params.length + part.length + 2 > DELETE_VALUES) await flush();
      conditions.push(`(partner_id = ? AND order_id = ? AND gram IN (${part.map(() => '?').join(', ')}))`);
      params.push(partnerId, orderId, ...part);
    }
  }
  await flush();
}

const likeEscape = (text: string) => text.replace(/[!%_]/g, (c) => `!${c}`);

/** Up to `n` trigrams of `text`, spread from its start to its end. */
function spreadGrams(text: string, n: number): number[] {
  const positions = text.length - 2;
  const picks = new Set<number>();
  for (let k = 0; k < Math.min(n, positions); k++) {
    picks.add(Math.round((k * (positions - 1)) / Math.max(1, Math.min(n, positions) - 1)));
  }
  return [...new Set([...picks].map((at) => gramOf(text, at)))];
}

let seq = 0;

/**
 * The orders with a folded column of `columns` that contains `folded`, as a `SELECT order_id …`; of these
 * partners only, when given (the index is keyed by gram, then partner).
 */
function gramMatch(
  folded: string,
  columns: readonly ('text' | 'tracking')[],
  params: Record<string, unknown>,
  partners: readonly number[] | null,
): string {
  const grams = spreadGrams(folded, GRAMS_PER_SEARCH);
  const name = (v: unknown) => {
    const k = `sg_${++seq}`;
    params[k] = v;
    return `:${k}`;
  };
  const joins = grams
    .slice(1)
    .map(
      (g, i) =>
        ` JOIN search_gram g${i + 1} ON g${i + 1}.gram = ${name(g)} AND g${i + 1}.partner_id = g0.partner_id AND g${i + 1}.order_id = g0.order_id`,
    )
    .join('');
  const like = name(`%${likeEscape(folded)}%`);
  const found = columns.map((column) => `s.${column} LIKE ${like} ESCAPE '!'`).join(' OR ');
  const own = partners ? ` AND g0.partner_id IN (${partners.map(name).join(', ')})` : '';
  return (
    `SELECT g0.order_id FROM search_gram g0${joins} JOIN order_search s ON s.order_id = g0.order_id` +
    ` WHERE g0.gram = ${name(grams[0])}${own} AND (${found})`
  );
}

/** A search as the SQL that serves it. */
interface SearchConditions {
  /**
   * `(SELECT order_id …)`: the orders whose reference, name or email contains the search, or one of whose
   * tracking numbers does; null when the search is too short for the index (see `short`).
   */
  orders: { sql: string; params: Record<string, unknown> } | null;
  /** The LIKE pattern of a line's tracking number that contains the search; null when too short. */
  trackingLike: string | null;
  /** The LIKE pattern of an order's folded text (order_search.text) that contains the search. */
  textLike: string;
  /**
   * `(SELECT 1 …) IS NOT NULL` on the order `o`: the same orders as `orders`, checked one order at a time
   * against its folded text; null when the search is too short for the index.
   */
  orderCheck: (o: string) => { sql: string; params: Record<string, unknown> } | null;
}

/**
 * The SQL of a search. One subquery, so that the database joins it to the orders it filters (a semi-join)
 * instead of testing it order by order: a tracking number typed with spaces or dashes is a second search,
 * unioned inside it. `partners` narrows what it reads from the index to theirs (null: every partner's); it
 * is no scope: what the caller may see is the scope's business (auth/scope.ts).
 */
export function searchConditions(
  search: string,
  partners: readonly number[] | null = null,
): SearchConditions {
  const text = foldSearchText(search);
  const tracking = foldTracking(search);
  const textLike = `%${likeEscape(text)}%`;
  if (text.length < SEARCH_MIN_INFIX)
    return { orders: null, trackingLike: null, textLike, orderCheck: () => null };
  const params: Record<string, unknown> = {};
  const byTracking = tracking.length >= SEARCH_MIN_TRACKING;
  const parts =
    !byTracking || tracking === text
      ? [gramMatch(text, byTracking ? ['text', 'tracking'] : ['text'], params, partners)]
      : [gramMatch(text, ['text'], params, partners), gramMatch(tracking, ['tracking'], params, partners)];
  return {
    orders: {
      sql: parts.length === 1 ? `(${parts[0]})` : `(SELECT u.order_id FROM (${parts.join(' UNION ')}) u)`,
      params,
    },
    trackingLike: byTracking ? `%${likeEscape(tracking.toUpperCase())}%` : null,
    textLike,
    orderCheck: (o) => {
      const [textKey, trackingKey] = [`sc_${++seq}`, `sc_${++seq}`];
      const found = [`sc.text LIKE :${textKey} ESCAPE '!'`];
      if (byTracking) found.push(`sc.tracking LIKE :${trackingKey} ESCAPE '!'`);
      return {
        sql: `(SELECT 1 FROM order_search sc WHERE sc.order_id = ${o}.id AND (${found.join(' OR ')}) LIMIT 1) IS NOT NULL`,
        params: { [textKey]: textLike, [trackingKey]: `%${likeEscape(tracking)}%` },
      };
    },
  };
}

/**
 * Matches from which a search counts as common: its first page is then found faster by walking the orders
 * in the page's order and checking each one's folded text (`orderCheck`) than by collecting every match
 * and sorting them. At this many matches a page of 50 is found within a few hundred orders per thousand
 * orders in the table.
 */
const COMMON_MATCHES = 2000;

/**
 * Whether a search matches at least COMMON_MATCHES orders (of these partners when given): read from the
 * index, stopping at that many, so the answer costs about as much as a rare search's own page.
 */
export async function isCommonSearch(
  on: EntityManager | DataSource,
  search: string,
  partners: readonly number[] | null,
  options: { lines?: boolean } = {},
): Promise<boolean> {
  const { orders } = searchConditions(search, partners);
  if (!orders) return false;
  // In the lines grid a search is also an exact SKU, which may name most lines while no order text holds it.
  if (options.lines) {
    const own = partners ? ` AND partner_id IN (${partners.map(() => '?').join(', ')})` : '';
    const [bySku]: { n: number | string }[] = await on.query(
      `SELECT COUNT(*) AS n FROM (SELECT 1 FROM fulfillment WHERE sku = ?${own} LIMIT ${COMMON_MATCHES}) m`,
      [search, ...(partners ?? [])],
    );
    if (Number(bySku!.n) >= COMMON_MATCHES) return true;
  }
  const values: unknown[] = [];
  const sql = orders.sql.replace(/:(sg_\d+)/g, (_, key: string) => {
    values.push(orders.params[key]);
    return '?';
  });
  const [row]: { n: number | string }[] = await on.query(
    `SELECT COUNT(*) AS n FROM (${sql.slice(1, -1)} LIMIT ${COMMON_MATCHES}) m`,
    values,
  );
  return Number(row!.n) >= COMMON_MATCHES;
}
