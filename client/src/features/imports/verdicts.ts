import type { TFunction } from 'i18next';
import { messageText } from '../../app/messages';
import type { ImportJobData, ImportRowData } from './queries';

/** Verdicts the client words itself from their params; others show the server's message. */
const WORDED = new Set([
  'NO_TRACKING',
  'NOT_A_RETURN',
  'VOIDED',
  'SUPERSEDED',
  'DUPLICATE_ROW',
  // Rows previewed before the message catalogue, whose params name the verdict instead of a variant.
  'SHIPPED_IN_FUTURE',
]);

function paramsOf(json: string | null | undefined): Record<string, unknown> {
  if (!json) return {};
  try {
    const params: unknown = JSON.parse(json);
    return params && typeof params === 'object' && !Array.isArray(params)
      ? (params as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** A row's verdict in the UI language, falling back to the server's English. */
export function verdictText(
  t: TFunction,
  row: Pick<ImportRowData, 'code' | 'message' | 'params' | 'outcome'>,
): string {
  const params = paramsOf(row.params);
  const key = typeof params.verdict === 'string' ? params.verdict : row.code;
  if (!key || !WORDED.has(key))
    return row.message ? messageText(t, { ...row, code: row.code ?? row.outcome }) : '';
  return t(`importRows.verdict.${key}`, { ...params, defaultValue: row.message ?? '' });
}

/** Rows of the job with this verdict code. */
const verdictCount = (job: Pick<ImportJobData, 'verdictCounts'>, code: string) =>
  job.verdictCounts.filter((c) => c.code === code).reduce((sum, c) => sum + c.count, 0);

/**
 * “6 will change, 39 untouched, 0 errors” (`first` words the changes otherwise), then the rules that left
 * rows alone, one sentence each.
 */
export function countsInWords(
  t: TFunction,
  number: (n: number) => string,
  job: Pick<ImportJobData, 'changeCount' | 'unchangedCount' | 'errorCount' | 'verdictCounts'>,
  first?: string,
): string[] {
  const n = (count: number) => ({ count, formatted: number(count) });
  const superseded = verdictCount(job, 'SUPERSEDED');
  const voided = verdictCount(job, 'VOIDED');
  const untouched = job.unchangedCount - superseded - voided;
  const lines = [
    [
      first ?? t('importRows.count.change', n(job.changeCount)),
      t('importRows.count.untouched', n(untouched)),
      t('importRows.count.error', n(job.errorCount)),
    ].join(', '),
  ];
  if (superseded > 0) lines.push(t('importRows.superseded', n(superseded)));
  if (voided > 0) lines.push(t('importRows.voided', n(voided)));
  return lines;
}

/** What a date like 03/04/2026 means read day first and month first, in the UI language. */
export function dateReadings(
  example: string,
  language: string,
): { dayFirst: string; monthFirst: string } | null {
  const m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/.exec(example.trim());
  if (!m) return null;
  const [a, b, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const f = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' });
  return { dayFirst: f.format(Date.UTC(y, b - 1, a)), monthFirst: f.format(Date.UTC(y, a - 1, b)) };
}
