import { useMemo } from 'react';
import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ImportKind } from '@ft/shared';
import { useFormat } from '../../app/format';
import {
  changedFulfillmentsQuery,
  IMPORT_ROWS,
  type ChangedFulfillment,
  type ImportJobData,
} from './queries';
import { RowsTable } from './RowsTable';
import { countsInWords } from './verdicts';

const MAX_LINKS = 50;
/** Rows read for the links: with their cells, a thousand would cost more than one query may. */
const ROWS_READ = 100;

/** Links to what the import changed (at most 50), so the user can check a few by hand. */
function ChangedLinks({ job }: { job: ImportJobData }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const rows = useQuery(IMPORT_ROWS, {
    variables: { id: job.id, outcome: 'CHANGE', first: ROWS_READ, after: null },
    fetchPolicy: 'network-only',
  });
  const applied = useMemo(() => (rows.data?.importJob?.rows ?? []).filter((r) => r.applied), [rows.data]);
  const ids = useMemo(() => [...new Set(applied.flatMap((r) => r.fulfillmentIds))], [applied]);
  const shown = ids.slice(0, MAX_LINKS);
  // Rows past those read change at least one fulfillment each.
  const more = ids.length - shown.length + Math.max(0, job.appliedCount - applied.length);
  const doc = useMemo(
    () =>
      gql(changedFulfillmentsQuery(Math.max(shown.length, 1))) as TypedDocumentNode<
        Record<string, ChangedFulfillment | null>
      >,
    [shown.length],
  );
  const details = useQuery(doc, {
    variables: Object.fromEntries(shown.map((id, i) => [`id${i}`, id])),
    skip: shown.length === 0,
  });
  if (rows.loading) return <p className="muted">{t('common.loading')}</p>;
  if (shown.length === 0) return null;
  return (
    <section aria-labelledby="changed-title">
      <h3 id="changed-title">{t('imports.summary.changedTitle')}</h3>
      <ul className="changed-links">
        {shown.map((id, i) => {
          const f = details.data?.[`f${i}`];
          return (
            <li key={id}>
              {f ? (
                <Link to={`/orders/${encodeURIComponent(f.order.id)}`}>
                  {f.order.reference} · {f.sku}
                </Link>
              ) : (
                <Link to={`/fulfillments/${encodeURIComponent(id)}`}>{details.loading ? '…' : id}</Link>
              )}
            </li>
          );
        })}
      </ul>
      {more > 0 && <p>{t('imports.summary.more', { count: more, formatted: fmt.number(more) })}</p>}
    </section>
  );
}

export function SummaryStep({ kind, job }: { kind: ImportKind; job: ImportJobData }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const n = (count: number) => ({ count, formatted: fmt.number(count) });
  return (
    <div className="card wizard-step">
      <p className="success" role="status">
        {t('imports.summary.done', { fileName: job.fileName })}{' '}
        {countsInWords(t, fmt.number, job, t('imports.summary.changed', n(job.appliedCount))).join(' ')}
      </p>
      <div className="row-actions">
        <Link className="btn primary" to={`/import/new?kind=${kind}`}>
          {t('imports.summary.again')}
        </Link>
        <Link className="btn" to="/orders">
          {t('imports.summary.toOrders')}
        </Link>
        <Link className="btn" to="/fulfillments">
          {t('imports.summary.toFulfillments')}
        </Link>
      </div>
      <ChangedLinks job={job} />
      {job.errorCount + job.unchangedCount > 0 && (
        <RowsTable kind={kind} job={job} initial={job.errorCount > 0 ? 'ERROR' : ''} />
      )}
    </div>
  );
}
