import { ErrorCode, type DateFormat, type ImportField } from '@ft/shared';
import type { RequestContext } from '../auth/context.js';
import { chunks } from '../db/transaction.js';
import { catalogued } from '../graphql/user-error.js';
import { readChangeRows } from '../fulfillments/fulfillment-change.js';
import type { FulfillmentEntity } from '../fulfillments/fulfillment.entity.js';
import { today } from '../fulfillments/fulfillment.service.js';
import type { CarrierEntity } from '../tracking/carrier.entity.js';
import { handoverRulesByPartner } from '../tracking/handover.service.js';
import type { ImportJobEntity } from './import-job.entity.js';
import { columnsOf } from './import-mapping.js';
import {
  classifyReturnRow,
  classifyTrackingRow,
  fulfillmentIdInCell,
  valuesOf,
  type Lookup,
  type RowVerdict,
  type Values,
} from './import-rows.js';

/** Every fulfillment any row could mean, fetched for the whole chunk in a few queries. */
async function lookupFor(ctx: RequestContext, job: ImportJobEntity, values: Values[]): Promise<Lookup> {
  const rows: FulfillmentEntity[] = [];
  const present = (v: string | undefined): v is string => Boolean(v);
  const refs = [...new Set(values.map((v) => v.orderReference).filter(present))];
  const cfids = [...new Set(values.map((v) => v.clientFulfillmentId).filter(present))];
  const ids = [
    ...new Set(
      values
        .map((v) => v.fulfillmentId)
        .filter(present)
        .map(fulfillmentIdInCell)
        .filter((v): v is number => v !== null),
    ),
  ];
  const read = (column: 'id' | 'order_reference' | 'client_fulfillment_id', part: (number | string)[]) =>
    readChangeRows(ctx, { column, values: part, partnerId: job.partnerId });
  for (const part of chunks(refs)) rows.push(...(await read('order_reference', part)));
  for (const part of chunks(cfids)) rows.push(...(await read('client_fulfillment_id', part)));
  for (const part of chunks(ids)) rows.push(...(await read('id', part)));
  const lookup: Lookup = {
    byReference: new Map(),
    byClientId: new Map(),
    byId: new Map(),
    handover: await handoverRulesByPartner(
      ctx,
      rows.map((r) => r.partnerId),
    ),
  };
  for (const row of rows) {
    if (lookup.byId.has(row.id)) continue;
    lookup.byId.set(row.id, row);
    lookup.byReference.set(row.orderReference, [...(lookup.byReference.get(row.orderReference) ?? []), row]);
    if (row.clientFulfillmentId)
      lookup.byClientId.set(row.clientFulfillmentId, [
        ...(lookup.byClientId.get(row.clientFulfillmentId) ?? []),
        row,
      ]);
  }
  for (const list of lookup.byReference.values()) list.sort((a, b) => a.id - b.id);
  return lookup;
}

/** An earlier CHANGE row a later row took lines from: what it still changes (nothing: it is superseded). */
export interface Revision {
  line: number;
  targets: number[];
  /** The last line that took one of its lines. */
  by: number;
}

/**
 * Classifies a file chunk by chunk. `seen` and `claimed` span the whole file, so a repeated row or two rows
 * for one fulfillment are caught wherever they stand: the last row for a line wins, and an earlier row
 * that changed it gives it up (`revisions`, written once the whole file is classified).
 */
export class Classifier {
  private seen = new Map<string, { line: number; targets: number[] }>();
  /** Fulfillment → the line that decides it so far. */
  private claimed = new Map<number, number>();
  /** Line → the fulfillments it changes, for CHANGE lines a later row may take from. */
  private changing = new Map<number, number[]>();
  private revised = new Map<number, Revision>();
  private day = today();
  private columns: (ImportField | null)[];
  private fields: ImportField[];

  constructor(
    private ctx: RequestContext,
    private job: ImportJobEntity,
    private carriers: readonly CarrierEntity[],
    private dateFormat: DateFormat,
  ) {
    this.columns = columnsOf(job.headers, job.mapping ?? []);
    this.fields = this.columns.filter((f): f is ImportField => f !== null);
  }

  values(records: { cells: string[] }[]): Values[] {
    return records.map((r) => valuesOf(r.cells, this.columns));
  }

  /** Every fulfillment the rows could mean. Preview writes none, so this can be read a chunk ahead. */
  lookup(values: Values[]): Promise<Lookup> {
    return lookupFor(this.ctx, this.job, values);
  }

  /** Earlier CHANGE rows that later rows took lines from, in line order. */
  revisions(): Revision[] {
    return [...this.revised.values()].sort((a, b) => a.line - b.line);
  }

  classify(records: { line: number; cells: string[] }[], values: Values[], lookup: Lookup): RowVerdict[] {
    return records.map((record, i): RowVerdict => {
      const v = values[i]!;
      // Values in the file's column order: the same fields for every row, so no names are needed (the key is kept for every row).
      // JSON, not a separator: a cell may hold any character.
      const key = JSON.stringify(this.fields.map((f) => v[f] ?? null));
      const first = this.seen.get(key);
      // A repeat of a row that still decides its lines says nothing new.
      if (first && first.targets.every((t) => this.claimed.get(t) === first.line))
        return {
          outcome: 'UNCHANGED',
          code: ErrorCode.DUPLICATE_ROW,
          ...catalogued('sameAsLine', { line: first.line }),
          field: null,
          targets: [],
        };
      const verdict =
        this.job.kind === 'returns'
          ? classifyReturnRow(v, lookup)
          : classifyTrackingRow(v, lookup, this.carriers, this.dateFormat, this.day, this.job.defaultCarrier);
      this.seen.set(key, { line: record.line, targets: verdict.outcome === 'ERROR' ? [] : verdict.targets });
      if (verdict.outcome !== 'ERROR') this.claim(record.line, verdict);
      return verdict;
    });
  }

  /** The row decides its lines from now on; an earlier row that changed one of them gives it up. */
  private claim(line: number, verdict: RowVerdict) {
    for (const t of verdict.targets) {
      const earlier = this.claimed.get(t);
      const theirs = earlier === undefined ? undefined : this.changing.get(earlier);
      if (earlier !== undefined && theirs) {
        const left = theirs.filter((id) => id !== t);
        this.changing.set(earlier, left);
        this.revised.set(earlier, { line: earlier, targets: left, by: line });
      }
      this.claimed.set(t, line);
    }
    if (verdict.outcome === 'CHANGE') this.changing.set(line, [...verdict.targets]);
  }
}
