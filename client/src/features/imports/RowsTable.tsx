import { useEffect, useState } from 'react';
import { useApolloClient } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import type { ImportKind } from '@ft/shared';
import { useFormat } from '../../app/format';
import { ErrorMessage } from '../../components/ErrorMessage';
import { toCsv, saveText } from './csv';
import { columnOf, identifierOf } from './fields';
import { IMPORT_ROWS, type ImportJobData, type ImportRowData } from './queries';
import { SimpleTable } from '../../components/SimpleTable';
import { verdictText } from './verdicts';
import { Field } from '../../components/Field';

const PAGE = 100;
const OUTCOMES = ['', 'CHANGE', 'UNCHANGED', 'ERROR'] as const;
type Outcome = (typeof OUTCOMES)[number];

/** The import's rows with their verdicts, filterable by outcome, pageable, and downloadable as CSV. */
export function RowsTable({
  kind,
  job,
  initial,
}: {
  kind: ImportKind;
  job: ImportJobData;
  initial: Outcome;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useApolloClient();
  const [outcome, setOutcome] = useState<Outcome>(initial);
  const [rows, setRows] = useState<ImportRowData[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [downloading, setDownloading] = useState(false);

  async function page(after: string | null, first = PAGE): Promise<ImportRowData[]> {
    const res = await client.query({
      query: IMPORT_ROWS,
      variables: { id: job.id, outcome: outcome || null, first, after },
      fetchPolicy: 'network-only',
    });
    return res.data?.importJob?.rows ?? [];
  }

  async function load(after: string | null) {
    setLoading(true);
    setError(null);
    try {
      const next = await page(after);
      setRows((prev) => (after ? [...prev, ...next] : next));
      setHasMore(next.length === PAGE);
    } catch (e) {
      setError(e as Error);
    } finally {
      setLoading(false);
    }
  }

  // Reload when the filter or the verdicts change (a new preview, an apply).
  useEffect(() => {
    void load(null);
  }, [outcome, job.id, job.status, job.changeCount, job.errorCount, job.unchangedCount]);

  async function downloadCsv() {
    setDownloading(true);
    setError(null);
    try {
      const all: ImportRowData[] = [];
      for (let after: string | null = null; ;) {
        const next = await page(after);
        all.push(...next);
        if (next.length < PAGE) break;
        after = String(next[next.length - 1]!.line);
      }
      const head = [
        t('imports.rows.line'),
        t('imports.rows.outcome'),
        t('imports.rows.column'),
        t('imports.rows.code'),
        t('imports.rows.message'),
        ...job.headers,
      ];
      const body = all.map((r) => [
        String(r.line),
        outcomeLabel(r),
        columnOf(t, job.mapping, r.field),
        r.code ?? '',
        verdictText(t, r),
        ...r.cells,
      ]);
      const base = job.fileName.replace(/\.[^.]+$/, '') || 'import';
      saveText(toCsv([head, ...body]), `${base}-${(outcome || 'all').toLowerCase()}.csv`);
    } catch (e) {
      setError(e as Error);
    } finally {
      setDownloading(false);
    }
  }

  const outcomeLabel = (r: ImportRowData) =>
    r.outcome === 'CHANGE' && r.applied
      ? t('imports.outcome.APPLIED')
      : t(`imports.outcome.${r.outcome}`, { defaultValue: r.outcome });
  const counts: Record<Outcome, number> = {
    '': job.rowCount,
    CHANGE: job.changeCount,
    UNCHANGED: job.unchangedCount,
    ERROR: job.errorCount,
  };
  const total = counts[outcome];

  return (
    <section className="rows-table" aria-labelledby="rows-title">
      <div className="rows-head">
        <h3 id="rows-title">{t('imports.rows.title')}</h3>
        <Field label={t('imports.rows.show')} className="inline">
          <select value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)}>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`imports.rows.filter.${o || 'ALL'}`)} ({fmt.number(counts[o])})
              </option>
            ))}
          </select>
        </Field>
        <button
          type="button"
          className="btn"
          onClick={() => void downloadCsv()}
          disabled={downloading || total === 0}
        >
          {downloading ? t('imports.rows.downloading') : t('imports.rows.download')}
        </button>
      </div>
      {error && <ErrorMessage error={error} />}
      <div className="table-wrap">
        <SimpleTable
          headers={[
            t('imports.rows.line'),
            t('imports.rows.reference'),
            t('imports.rows.outcome'),
            t('imports.rows.column'),
            t('imports.rows.code'),
            t('imports.rows.message'),
          ]}
          caption={t('imports.rows.title')}
        >
          {rows.map((r) => (
            <tr key={r.line} className={`outcome-${r.outcome.toLowerCase()}`}>
              <td>{r.line}</td>
              <td>{identifierOf(kind, job.headers, job.mapping, r.cells)}</td>
              <td>
                <span className={`badge badge-outcome-${r.outcome.toLowerCase()}`}>{outcomeLabel(r)}</span>
              </td>
              <td>{columnOf(t, job.mapping, r.field)}</td>
              <td>{r.code && <code>{r.code}</code>}</td>
              <td className="message">{verdictText(t, r)}</td>
            </tr>
          ))}
          {!loading && rows.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                {t('imports.rows.none')}
              </td>
            </tr>
          )}
        </SimpleTable>
      </div>
      <div className="pager">
        <span>{t('imports.rows.showing', { shown: fmt.number(rows.length), total: fmt.number(total) })}</span>
        {hasMore && (
          <button
            type="button"
            className="btn"
            disabled={loading}
            onClick={() => void load(String(rows[rows.length - 1]!.line))}
          >
            {t('imports.rows.more')}
          </button>
        )}
      </div>
    </section>
  );
}
