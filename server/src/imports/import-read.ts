import { ErrorCode } from '@ft/shared';
import type { RequestContext } from '../auth/context.js';
import { ownedOrNull } from '../auth/scope.js';
import { userError, UserErrorsException } from '../graphql/user-error.js';
import { ImportJobEntity } from './import-job.entity.js';

/** The import as the caller may see it: another partner's is null, like one that does not exist. */
export async function getImportJob(ctx: RequestContext, id: number): Promise<ImportJobEntity | null> {
  const job = await ctx.ds.getRepository(ImportJobEntity).findOneBy({ id });
  return ownedOrNull(ctx, job);
}

/** `getImportJob` for a mutation's `input.importId`: an import the caller cannot see is NOT_FOUND there. */
export async function requireImportJob(ctx: RequestContext, id: number): Promise<ImportJobEntity> {
  const job = await getImportJob(ctx, id);
  if (!job)
    throw new UserErrorsException([userError(ErrorCode.NOT_FOUND, ['input', 'importId'], 'noSuchImport')]);
  return job;
}

export interface ImportRowView {
  line: number;
  cells: string[];
  outcome: string | null;
  code: string | null;
  message: string | null;
  /** JSON, as stored */
  params: string | null;
  field: string | null;
  targets: number[];
  applied: boolean;
}

/** Rows with what the latest preview decided for each, in file order. */
export async function listImportRows(
  ctx: RequestContext,
  job: ImportJobEntity,
  args: { outcome?: string | null; first?: number | null; after?: number | null },
): Promise<ImportRowView[]> {
  const qb = ctx.ds
    .createQueryBuilder()
    .from('import_row', 'r')
    .leftJoin('import_result', 'x', 'x.import_id = r.import_id AND x.line = r.line')
    .select([
      'r.line AS line',
      'r.cells AS cells',
      'x.outcome AS outcome',
      'x.code AS code',
      'x.message AS message',
      'x.params AS params',
      'x.field AS field',
      'x.targets AS targets',
      'x.applied AS applied',
    ])
    .where('r.import_id = :id', { id: job.id });
  if (args.outcome) qb.andWhere('x.outcome = :outcome', { outcome: args.outcome });
  if (args.after) qb.andWhere('r.line > :after', { after: args.after });
  const rows = await qb
    .orderBy('r.line', 'ASC')
    .limit(Math.min(Math.max(args.first ?? 100, 1), 1000))
    .getRawMany<Record<string, unknown>>();
  return rows.map((r) => ({
    line: Number(r.line),
    cells: JSON.parse(String(r.cells)) as string[],
    outcome: (r.outcome as string) ?? null,
    code: (r.code as string) ?? null,
    message: (r.message as string) ?? null,
    params: (r.params as string) ?? null,
    field: (r.field as string) ?? null,
    targets: r.targets ? (JSON.parse(String(r.targets)) as number[]) : [],
    applied: Number(r.applied ?? 0) === 1,
  }));
}

/** How many of the job's rows got each verdict, by outcome and code. */
export async function verdictCounts(
  ctx: RequestContext,
  job: ImportJobEntity,
): Promise<{ outcome: string; code: string | null; count: number }[]> {
  const rows: { outcome: string; code: string | null; n: string | number }[] = await ctx.ds.query(
    'SELECT outcome, code, COUNT(*) AS n FROM import_result WHERE import_id = ? GROUP BY outcome, code ORDER BY outcome, code',
    [job.id],
  );
  return rows.map((r) => ({ outcome: r.outcome, code: r.code ?? null, count: Number(r.n) }));
}
