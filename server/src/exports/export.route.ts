import {
  csvLine,
  ErrorCode,
  EXPORT_COLUMNS,
  EXPORT_COLUMNS_DE,
  EXPORT_FORMATS,
  type ExportFormat,
} from '@ft/shared';
import { Router, type Response } from 'express';
import type { DataSource } from 'typeorm';
import type { RequestContext } from '../auth/context.js';
import { contextFor } from '../auth/http-context.js';
import { fulfillmentsQuery, scopedPartnerId } from '../auth/scope.js';
import type { Config } from '../config.js';
import { applyFulfillmentFilter, validateFilter } from '../graphql/filter.js';
import type { FulfillmentFilter } from '../graphql/filter.inputs.js';
import { toGlobalId } from '../graphql/ids.js';
import { userError } from '../graphql/user-error.js';
import { storeOf } from '../db/store.js';
import { faultForLog } from '../db/errors.js';
import { readAhead } from '../db/read-ahead.js';

/**
 * Rows per query. Small on purpose: with 5,000 the page being formatted and the
 * one read ahead outlive the young generation, and garbage collection takes
 * a third of the server's time (docs/performance.md).
 */
const PAGE = 500;
const list = (v: unknown) =>
  typeof v === 'string' && v !== ''
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
const one = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/** The grid's filter as query parameters: search, statuses=A,B, carrierCodes, partnerIds, orderIds, hasTracking, placedFrom… */
function filterFromQuery(q: Record<string, unknown>): FulfillmentFilter {
  return {
    search: one(q.search),
    statuses: list(q.statuses),
    carrierCodes: list(q.carrierCodes),
    partnerIds: list(q.partnerIds),
    orderIds: list(q.orderIds),
    hasTracking: q.hasTracking === 'true' ? true : q.hasTracking === 'false' ? false : undefined,
    placed: { from: one(q.placedFrom), to: one(q.placedTo) },
    shipped: { from: one(q.shippedFrom), to: one(q.shippedTo) },
  };
}

/**
 * Dates leave the database as the text the file wants (`2026-11-24T09:30:00.000Z`, `2026-11-24`): a Date per row
 * from the driver, and an ISO string from it, were a tenth of a million-row export's CPU. Stored in UTC on both.
 */
/** How a format writes a record and its dates (the database gives `2026-11-24T09:30:00.000Z` and `2026-11-24`). */
interface Layout {
  headers: readonly string[];
  line: (values: readonly unknown[]) => string;
  date: (iso: unknown) => unknown;
  dateTime: (iso: unknown) => unknown;
}

/** 2026-11-24 → 24.11.2026; anything else as it is. */
const germanDate = (iso: unknown) =>
  typeof iso === 'string' && /^\d{4}-\d{2}-\d{2}/.test(iso)
    ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`
    : iso;

const LAYOUTS: Record<ExportFormat, Layout> = {
  csv: { headers: EXPORT_COLUMNS, line: (v) => csvLine(v), date: (d) => d, dateTime: (d) => d },
  'excel-de': {
    headers: EXPORT_COLUMNS_DE,
    line: (v) => csvLine(v, ';'),
    date: germanDate,
    // 24.11.2026 09:30, in UTC as the header says.
    dateTime: (d) => (typeof d === 'string' ? `${String(germanDate(d))} ${d.slice(11, 16)}` : d),
  },
};

async function write(res: Response, chunk: string): Promise<void> {
  if (!res.write(chunk)) await new Promise<void>((resolve) => res.once('drain', resolve));
}

/** Streams page by page (keyset on id), so memory stays flat however many rows match. */
async function streamFulfillmentsCsv(
  ctx: RequestContext,
  filter: FulfillmentFilter,
  layout: Layout,
  res: Response,
): Promise<number> {
  const carriers = new Map((await ctx.loaders.carriers()).map((c) => [c.code, c.name]));
  await write(res, `\uFEFF${layout.line(layout.headers)}`);
  const dates = storeOf(ctx.ds).exportDates;
  const page = (afterId: number) => {
    const qb = fulfillmentsQuery(ctx)
      .innerJoin('orders', 'o', 'o.id = f.order_id')
      .select([
        'f.id AS id',
        'f.order_reference AS ref',
        'f.client_fulfillment_id AS cfid',
        'o.customer_name AS name',
        'o.customer_email AS email',
        'f.sku AS sku',
        'f.product_name AS product',
        'f.quantity AS qty',
        'f.status AS status',
        `${dates.shipped} AS shipped`,
        'f.carrier_code AS carrier',
        'f.carrier_name AS carrier_name',
        'f.tracking_number AS tracking',
        'f.tracking_url AS url',
        'f.shipping_method AS method',
        'f.rma_number AS rma',
        `${dates.placed} AS placed`,
      ])
      .andWhere('f.id > :lastId', { lastId: afterId });
    applyFulfillmentFilter(qb, filter, 'f', 'index', scopedPartnerId(ctx));
    return qb.orderBy('f.id', 'ASC').limit(PAGE).getRawMany<Record<string, unknown>>();
  };
  let total = 0;
  // The next page is read while this one is formatted and sent; a short page is the last.
  const pages = readAhead(
    (previous?: Record<string, unknown>[]) =>
      previous && previous.length < PAGE ? null : page(previous ? Number(previous.at(-1)!.id) : 0),
    { blocking: true },
  );
  for await (const rows of pages) {
    let text = '';
    for (const r of rows) {
      text += layout.line([
        r.ref,
        r.cfid,
        toGlobalId('Fulfillment', Number(r.id)),
        r.name,
        r.email,
        r.sku,
        r.product,
        r.qty,
        r.status,
        layout.date(r.shipped),
        r.carrier ? (carriers.get(String(r.carrier)) ?? r.carrier) : r.carrier_name,
        r.tracking,
        r.url,
        r.method,
        r.rma,
        layout.dateTime(r.placed),
      ]);
    }
    if (text) await write(res, text);
    total += rows.length;
  }
  return total;
}

export function exportRoutes(ds: DataSource, config: Config): Router {
  const router = Router();
  router.get('/exports/fulfillments.csv', async (req, res) => {
    const ctx = await contextFor(ds, config, req, res);
    if (!ctx.viewer) return void res.status(401).json({ error: 'Sign in or send an API key' });
    const filter = filterFromQuery(req.query as Record<string, unknown>);
    const format = one(req.query.format) ?? 'csv';
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
      const error = userError(ErrorCode.INVALID, ['format'], 'exportFormat', {
        formats: EXPORT_FORMATS.join(', '),
      });
      return void res.status(400).json({ error: error.message, userErrors: [error] });
    }
    const errors = validateFilter(filter, ['filter']);
    if (errors.length)
      return void res
        .status(400)
        .json({ error: errors.map((e) => e.message).join('; '), userErrors: errors });
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="fulfillments-${new Date().toISOString().slice(0, 10)}.csv"`,
    );
    try {
      await streamFulfillmentsCsv(ctx, filter, LAYOUTS[format as ExportFormat], res);
      res.end();
    } catch (error) {
      console.error('[exports] failed mid-stream:', faultForLog(error));
      res.destroy(error as Error); // a cut-off download, never a silently short file
    }
  });
  return router;
}
