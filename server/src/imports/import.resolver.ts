import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../auth/context.js';
import { badInput } from '../graphql/errors.js';
import { idOf } from '../graphql/ids.js';
import { payload } from '../graphql/payload.js';
import { applyImport } from './import-apply.js';
import { previewImport } from './import-preview.js';
import { getImportJob, listImportRows, verdictCounts } from './import-read.js';
import {
  ApplyImportInput,
  ApplyImportPayload,
  ImportJob,
  ImportRow,
  ImportVerdictCount,
  PreviewImportInput,
  PreviewImportPayload,
  toImportJob,
  toImportRow,
} from './import.types.js';

@Resolver(() => ImportJob)
export class ImportResolver {
  @Authorized()
  @Query(() => ImportJob, { nullable: true })
  async importJob(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ImportJob | null> {
    const job = await getImportJob(ctx, idOf('Import', id));
    return job && toImportJob(job);
  }

  @FieldResolver(() => [ImportRow], { description: 'Rows in file order; after = the last line seen' })
  async rows(
    @Root() job: ImportJob,
    @Ctx() ctx: RequestContext,
    @Arg('outcome', () => String, { nullable: true }) outcome?: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 100 }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ImportRow[]> {
    if (after && !/^\d{1,9}$/.test(after)) throw badInput('`after` is a line number');
    if (first != null && (first < 1 || first > 1000))
      throw badInput('`first` must be between 1 and 1000', 'LIMIT_EXCEEDED');
    return (await listImportRows(ctx, job.row, { outcome, first, after: after ? Number(after) : null })).map(
      toImportRow,
    );
  }

  @FieldResolver(() => [ImportVerdictCount], {
    description: 'Rows per verdict of the latest preview, e.g. how many a later row superseded',
  })
  async verdictCounts(@Root() job: ImportJob, @Ctx() ctx: RequestContext): Promise<ImportVerdictCount[]> {
    return (await verdictCounts(ctx, job.row)).map((c) => Object.assign(new ImportVerdictCount(), c));
  }

  @Authorized()
  @Mutation(() => PreviewImportPayload, { description: 'Dry run: classifies every row, writes nothing' })
  previewImport(
    @Arg('input', () => PreviewImportInput) input: PreviewImportInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PreviewImportPayload> {
    return payload(
      () =>
        previewImport(ctx, {
          importId: idOf('Import', input.importId),
          dateFormat: input.dateFormat,
          defaultCarrier: input.defaultCarrier,
          mapping: input.mapping?.map((m) => ({ column: m.column, field: m.field ?? null })),
        }),
      (job) => ({ importJob: toImportJob(job) }),
      { importJob: null },
    );
  }

  @Authorized()
  @Mutation(() => ApplyImportPayload, {
    description: 'Writes the CHANGE rows; applying again changes nothing',
  })
  applyImport(
    @Arg('input', () => ApplyImportInput) input: ApplyImportInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ApplyImportPayload> {
    return payload(
      () => applyImport(ctx, { importId: idOf('Import', input.importId) }),
      (job) => ({ importJob: toImportJob(job) }),
      { importJob: null },
    );
  }
}
