import { DATE_FORMATS, ErrorCode, LIMITS, type DateFormat } from '@ft/shared';
import type { RequestContext } from '../auth/context.js';
import { readAhead } from '../db/read-ahead.js';
import { insertRows } from '../db/sql.js';
import { storeOf } from '../db/store.js';
import { inTransaction } from '../db/transaction.js';
import { userError, UserErrorsException } from '../graphql/user-error.js';
import { ImportJobEntity } from './import-job.entity.js';
import { canMoveJob, claimJob, ImportJobStatus } from './import-job-states.js';
import { matchCarrierText } from '../tracking/carrier.service.js';
import { DATE_FORMAT_OF, DateOrderEvidence } from './dates.js';
import { chosenMapping, rememberMapping, type ColumnMapping } from './import-mapping.js';
import { requireImportJob } from './import-read.js';
import { UNTOUCHED, type RowVerdict } from './import-rows.js';
import { Classifier, type Revision } from './import-verdicts.js';

/** Rows classified per round trip; 2,000 previewed 100,000 rows 0.15 s faster than 1,000 at the same peak memory. */
const PREVIEW_CHUNK = 2000;

type Records = { line: number; cells: string[] }[];

/** The chunk of the file's rows after line `after`, in file order; null past the last. */
async function rowsAfter(ctx: RequestContext, importId: number, after: number): Promise<Records | null> {
  const rows = (await ctx.ds.query(
    'SELECT line, cells FROM import_row WHERE import_id = ? AND line > ? ORDER BY line LIMIT ?',
    [importId, after, PREVIEW_CHUNK],
  )) as { line: number; cells: string }[];
  return rows.length
    ? rows.map((r) => ({ line: Number(r.line), cells: JSON.parse(r.cells) as string[] }))
    : null;
}

function writeVerdicts(tx: RequestContext, importId: number, records: Records, verdicts: RowVerdict[]) {
  return insertRows(
    tx.em,
    'import_result',
    [
      'import_id',
      'line',
      'outcome',
      'code',
      'message',
      'params',
      'field',
      'targets',
      'to_status',
      'patch',
      'applied',
    ],
    records.map((r, i) => {
      const v = verdicts[i]!;
      return [
        importId,
        r.line,
        v.outcome,
        v.code,
        v.message?.slice(0, 500) ?? null,
        v.params ? JSON.stringify(v.params) : null,
        v.field,
        v.targets.length ? JSON.stringify(v.targets) : null,
        v.to ?? null,
        v.outcome === 'CHANGE' ? JSON.stringify(v.patch ?? {}) : null,
        0,
      ];
    }),
  );
}

/** The sentence a row superseded by a later one gets: the rule, stated. */
const supersededBy = (by: number) =>
  `Line ${by} is a later row for the same fulfillment, and the last row for a line wins`;

/** Earlier rows that later rows took lines from: fewer targets, or none left and nothing to change. */
async function writeRevisions(tx: RequestContext, importId: number, revisions: Revision[]): Promise<number> {
  let superseded = 0;
  for (const r of revisions) {
    if (r.targets.length === 0) {
      superseded++;
      await tx.em.query(
        `UPDATE import_result SET outcome = 'UNCHANGED', code = ?, message = ?, params = ?, targets = NULL, to_status = NULL, patch = NULL WHERE import_id = ? AND line = ?`,
        [UNTOUCHED.SUPERSEDED, supersededBy(r.by), JSON.stringify({ line: r.by }), importId, r.line],
      );
    } else {
      await tx.em.query('UPDATE import_result SET targets = ? WHERE import_id = ? AND line = ?', [
        JSON.stringify(r.targets),
        importId,
        r.line,
      ]);
    }
  }
  return superseded;
}

/**
 * How the file's shipped dates read: as the user chose, else as the file's own dates settle it (a 13/04/2026
 * row means day first). Dates that read two ways with nothing to settle them are a question for the user,
 * never a guess.
 */
async function dateFormatFor(
  ctx: RequestContext,
  job: ImportJobEntity,
  chosen: string | null,
): Promise<DateFormat> {
  if (chosen && chosen !== 'AUTO') return chosen as DateFormat;
  const column = (job.mapping ?? []).findIndex((m) => m.field === 'shippedOn');
  if (job.kind !== 'tracking' || column < 0) return 'MM/DD/YYYY';
  const evidence = new DateOrderEvidence();
  for (
    let rows = await rowsAfter(ctx, job.id, 0);
    rows;
    rows = await rowsAfter(ctx, job.id, rows.at(-1)!.line)
  )
    for (const r of rows) if (r.cells[column]) evidence.add(r.cells[column]);
  if (evidence.needsChoice) {
    const examples = evidence.ambiguous.join(', ');
    throw new UserErrorsException([
      userError(ErrorCode.REQUIRED, ['input', 'dateFormat'], 'dateFormatAmbiguous', {
        examples,
        column: job.headers[column] ?? '',
      }),
    ]);
  }
  return evidence.settled ? DATE_FORMAT_OF[evidence.settled] : 'MM/DD/YYYY';
}

/** The carrier the mapping gives rows without one, as the registry names it; a name it does not know is refused. */
function defaultCarrierOf(
  carriers: Awaited<ReturnType<RequestContext['loaders']['carriers']>>,
  raw: string | null | undefined,
) {
  const text = raw?.trim();
  if (!text) return null;
  const carrier = text.length <= LIMITS.carrierMax ? matchCarrierText(text, carriers) : null;
  if (!carrier)
    throw new UserErrorsException([
      userError(ErrorCode.NOT_FOUND, ['input', 'defaultCarrier'], 'noSuchDefaultCarrier', {
        carrier: text.slice(0, 64),
      }),
    ]);
  return carrier.name;
}

/** Dry run: nothing but the import's own rows is written. */
export async function previewImport(
  ctx: RequestContext,
  input: {
    importId: number;
    mapping?: ColumnMapping[] | null;
    dateFormat?: string | null;
    defaultCarrier?: string | null;
  },
): Promise<ImportJobEntity> {
  const job = await requireImportJob(ctx, input.importId);
  const stillApplying = () =>
    new UserErrorsException([
      userError(ErrorCode.TRANSITION_NOT_ALLOWED, ['input', 'importId'], 'importStarted'),
    ]);
  if (!canMoveJob(job.status, ImportJobStatus.PREVIEWING)) throw stillApplying();
  if (input.dateFormat && !(DATE_FORMATS as readonly string[]).includes(input.dateFormat)) {
    throw new UserErrorsException([
      userError(ErrorCode.INVALID, ['input', 'dateFormat'], 'dateFormatChoice', {
        formats: DATE_FORMATS.join(', '),
      }),
    ]);
  }
  const mapping = chosenMapping(job, input.mapping ?? job.mapping ?? []);
  job.mapping = mapping;
  job.dateFormat = input.dateFormat ?? job.dateFormat;
  const carriers = await ctx.loaders.carriers();
  if (input.defaultCarrier !== undefined)
    job.defaultCarrier = defaultCarrierOf(carriers, input.defaultCarrier);
  const dateFormat = await dateFormatFor(ctx, job, job.dateFormat);

  const classifier = new Classifier(ctx, job, carriers, dateFormat);
  const counts = { CHANGE: 0, UNCHANGED: 0, ERROR: 0 };
  // Claimed, not just set: an apply that started since the job was read keeps it.
  if (!(await claimJob(ctx.ds, job.id, ImportJobStatus.PREVIEWING))) throw stillApplying();
  await ctx.ds.query('DELETE FROM import_result WHERE import_id = ?', [job.id]);
  // Two stages ahead of classifying: the chunk after next is read, and the next one looked up, while this one is
  // classified and earlier ones written.
  const chunks = readAhead(
    (previous?: Records) => rowsAfter(ctx, job.id, previous ? previous.at(-1)!.line : 0),
    {
      prepare: async (records: Records) => {
        const values = classifier.values(records);
        return { records, values, lookup: await classifier.lookup(values) };
      },
      blocking: true,
    },
  );
  // Verdicts go in on their own connections, two chunks at a time on MySQL: one chunk's insert took longer than
  // classifying the next. SQLite has one connection, so one.
  const writes: Promise<void>[] = [];
  const writesInFlight = storeOf(ctx.ds).concurrency.verdictWrites;
  try {
    for await (const { records, values, lookup } of chunks) {
      const verdicts = classifier.classify(records, values, lookup);
      for (const v of verdicts) counts[v.outcome]++;
      while (writes.length >= writesInFlight) await writes.shift();
      const writing = inTransaction(ctx, (tx) => writeVerdicts(tx, job.id, records, verdicts));
      writing.catch(() => undefined); // awaited later; a classify error must not leave it unhandled
      writes.push(writing);
    }
  } finally {
    // On an error, the inserts in flight (and, by the loop's exit, the reads ahead) settle before the job can be
    // previewed again.
    await Promise.allSettled(writes);
  }
  await Promise.all(writes);
  await inTransaction(ctx, async (tx) => {
    const superseded = await writeRevisions(tx, job.id, classifier.revisions());
    counts.CHANGE -= superseded;
    counts.UNCHANGED += superseded;
    await claimJob(tx.em, job.id, ImportJobStatus.PREVIEWED, {
      mapping,
      dateFormat: job.dateFormat,
      defaultCarrier: job.defaultCarrier,
      changeCount: counts.CHANGE,
      unchangedCount: counts.UNCHANGED,
      errorCount: counts.ERROR,
    });
    await rememberMapping(tx, job, mapping);
  });
  return (await ctx.ds.getRepository(ImportJobEntity).findOneBy({ id: job.id }))!;
}
