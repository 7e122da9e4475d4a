import { ErrorCode, IMPORT_KINDS, recogniseFormat, type ImportFormat, type ImportKind } from '@ft/shared';
import type { RequestContext } from '../auth/context.js';
import { actingPartner, requireViewer } from '../auth/scope.js';
import { insertRows } from '../db/sql.js';
import { inTransaction } from '../db/transaction.js';
import { userError, UserErrorsException } from '../graphql/user-error.js';
import { readCsv, type CsvInput } from './csv-reader.js';
import { ImportJobEntity } from './import-job.entity.js';
import { ImportJobStatus } from './import-job-states.js';
import { looksLikeHeader, rememberedMapping, suggestMapping, type ColumnMapping } from './import-mapping.js';

/** Whose remembered mapping the job feeds: the partner it is for, else the staff member who uploads it. */
function ownerFor(ctx: RequestContext, partnerId: number | null): string {
  const viewer = requireViewer(ctx);
  if (partnerId !== null) return `partner:${partnerId}`;
  return viewer.userId !== null ? `user:${viewer.userId}` : `partner:${viewer.partnerId}`;
}

/**
 * The carrier a carrier's own export implies (UPS WorldShip names no carrier: every row is UPS), as the
 * registry names it: the file's default carrier, which the user may change. None when the file has a
 * carrier column of its own, or the registry lacks the carrier.
 */
function impliedCarrier(
  format: ImportFormat | null,
  mapping: readonly ColumnMapping[],
  carriers: readonly { code: string; name: string }[],
): string | null {
  if (!format?.carrier) return null;
  if (mapping.some((m) => m.field === 'carrier' || m.field === 'carrierName')) return null;
  return carriers.find((c) => c.code === format.carrier)?.name ?? null;
}

/**
 * Upload: read the file (its header line may follow a title or `#INFO` lines), keep its rows, recognise
 * the platform it comes from, and suggest a mapping (the owner's last one first) and the carrier its
 * format implies. `partnerId` is the
 * partner a staff member uploads for; null is an admin's own import.
 */
export async function uploadImport(
  ctx: RequestContext,
  input: { kind: string; fileName: string; file: Buffer | CsvInput; partnerId?: number | null },
): Promise<{ job: ImportJobEntity; suggestedMapping: ColumnMapping[]; format: ImportFormat | null }> {
  if (!(IMPORT_KINDS as readonly string[]).includes(input.kind)) {
    throw new UserErrorsException([userError(ErrorCode.INVALID, ['kind'], 'importKind')]);
  }
  const kind = input.kind as ImportKind;
  const partnerId = await actingPartner(ctx, input.partnerId ?? null, {
    field: ['partnerId'],
    required: false,
  });
  const owner = ownerFor(ctx, partnerId);
  const remembered = await rememberedMapping(ctx, owner, kind);
  const carriers = await ctx.loaders.carriers();

  // One transaction: the rows go in as the file is read, and a refusal on any line leaves nothing behind.
  let suggestedMapping: ColumnMapping[] = [];
  let format: ImportFormat | null = null;
  const job = await inTransaction(ctx, async (tx) => {
    let job: ImportJobEntity | null = null;
    const jobs = tx.em.getRepository(ImportJobEntity);
    const csv = await readCsv(
      input.file,
      async (headers, records) => {
        if (!job) {
          format = recogniseFormat(kind, headers);
          suggestedMapping = suggestMapping(kind, headers, remembered, format);
          job = await jobs.save(
            jobs.create({
              kind,
              partnerId,
              owner,
              actor: tx.viewer!.actor,
              fileName: input.fileName.slice(0, 255) || 'upload.csv',
              status: ImportJobStatus.UPLOADED,
              headers,
              mapping: suggestedMapping,
              dateFormat: 'AUTO',
              defaultCarrier: impliedCarrier(format, suggestedMapping, carriers),
              rowCount: 0,
              changeCount: 0,
              unchangedCount: 0,
              errorCount: 0,
              appliedCount: 0,
              lastError: null,
              createdAt: new Date(),
              appliedAt: null,
            }),
          );
        }
        const id = job.id;
        await insertRows(
          tx.em,
          'import_row',
          ['import_id', 'line', 'cells'],
          records.map((r) => [id, r.line, JSON.stringify(r.cells)]),
        );
      },
      { isHeader: (cells) => looksLikeHeader(kind, cells) },
    );
    const created = job as ImportJobEntity | null;
    if (!created) throw new Error('Bug: a file with rows produced no import');
    created.rowCount = csv.rowCount;
    await jobs.update({ id: created.id }, { rowCount: csv.rowCount });
    return created;
  });
  return { job, suggestedMapping, format };
}
