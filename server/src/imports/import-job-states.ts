import type { DataSource, EntityManager } from 'typeorm';
import { ImportJobEntity } from './import-job.entity.js';

export const ImportJobStatus = {
  UPLOADED: 'UPLOADED',
  PREVIEWING: 'PREVIEWING',
  PREVIEWED: 'PREVIEWED',
  APPLYING: 'APPLYING',
  APPLIED: 'APPLIED',
  FAILED: 'FAILED',
} as const;
export type ImportJobStatus = (typeof ImportJobStatus)[keyof typeof ImportJobStatus];

const S = ImportJobStatus;

/**
 * Which status an import job may move to from which: the only place that says it. A preview may start
 * again from any status before the apply (one that died stays PREVIEWING); an apply starts from a
 * finished preview or a failed apply, and ends APPLIED or FAILED.
 */
const IMPORT_JOB_TRANSITIONS: Readonly<Record<ImportJobStatus, readonly ImportJobStatus[]>> = {
  [S.UPLOADED]: [S.PREVIEWING],
  [S.PREVIEWING]: [S.PREVIEWING, S.PREVIEWED],
  [S.PREVIEWED]: [S.PREVIEWING, S.APPLYING],
  [S.FAILED]: [S.PREVIEWING, S.APPLYING],
  [S.APPLYING]: [S.APPLIED, S.FAILED],
  [S.APPLIED]: [],
};

export function canMoveJob(from: ImportJobStatus, to: ImportJobStatus): boolean {
  return IMPORT_JOB_TRANSITIONS[from].includes(to);
}

/**
 * Moves the job to `to` (writing `set` with it) only if its status in the database still allows the move:
 * one conditional UPDATE, so of two requests racing for a job one wins and the other is told false.
 */
export async function claimJob(
  on: DataSource | EntityManager,
  jobId: number,
  to: ImportJobStatus,
  set: Partial<Omit<ImportJobEntity, 'id' | 'status'>> = {},
): Promise<boolean> {
  const from = (Object.keys(IMPORT_JOB_TRANSITIONS) as ImportJobStatus[]).filter((s) => canMoveJob(s, to));
  const result = await on
    .createQueryBuilder()
    .update(ImportJobEntity)
    .set({ ...set, status: to })
    .where('id = :id', { id: jobId })
    .andWhere('status IN (:...from)', { from })
    .execute();
  return (result.affected ?? 0) > 0;
}
