import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayIso, useFormat } from '../app/format';
import type { Selection } from './selection';
import type { BulkOutcome } from '../features/grid/useBulkActions';
import { Field } from './Field';

interface Props {
  selection: Selection;
  /** Rows matching the filter across all pages. */
  total: number;
  /** Rows on this page. */
  pageCount: number;
  noun: 'orders' | 'fulfillments';
  busy: boolean;
  outcome: BulkOutcome | null;
  describe: (fulfillmentId: string) => string;
  onShip: (shippedOn: string) => void;
  onNotShipping: (reason: string) => void;
  onUndo: (actionId: string) => void;
  onDismiss: () => void;
}

export function BulkActionBar(p: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [shippedOn, setShippedOn] = useState(todayIso());
  const [reason, setReason] = useState('');
  const { selection } = p;
  const count = selection.allMatching ? p.total : selection.count;

  return (
    <>
      {count > 0 && (
        <section className="bulk-bar" aria-label={t('bulk.label')}>
          <p className="bulk-count">
            {t(`bulk.selected_${p.noun}`, { count, formatted: fmt.number(count) })}
          </p>
          {selection.pageSelected && !selection.allMatching && p.total > p.pageCount && (
            <button type="button" className="btn link" onClick={() => selection.setAllMatching(true)}>
              {t('bulk.selectAllMatching', { count: p.total, formatted: fmt.number(p.total) })}
            </button>
          )}
          <div className="bulk-action">
            <Field label={t('bulk.shippedOn')} className="inline">
              <input type="date" value={shippedOn} onChange={(e) => setShippedOn(e.target.value)} />
            </Field>
            <button
              type="button"
              className="btn primary"
              disabled={p.busy}
              onClick={() => p.onShip(shippedOn)}
            >
              {t('bulk.markShipped')}
            </button>
          </div>
          <div className="bulk-action">
            <Field label={t('bulk.reason')} className="inline">
              <input type="text" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
            </Field>
            <button type="button" className="btn" disabled={p.busy} onClick={() => p.onNotShipping(reason)}>
              {t('bulk.markNotShipping')}
            </button>
          </div>
          <button type="button" className="btn link" onClick={selection.clear}>
            {t('bulk.clear')}
          </button>
        </section>
      )}
      <div role="status" aria-live="polite" className="bulk-status">
        {p.outcome && (
          <div className={`bulk-outcome ${p.outcome.error ? 'is-error' : ''}`}>
            <p>
              {p.outcome.error
                ? p.outcome.error
                : p.outcome.kind === 'undo'
                  ? t('bulk.undone', { count: p.outcome.changed, skipped: p.outcome.skippedCount })
                  : t('bulk.summary', { changed: p.outcome.changed, skipped: p.outcome.skippedCount })}
            </p>
            {p.outcome.skipped.length > 0 && (
              <ul className="skips">
                {p.outcome.skipped.slice(0, 50).map((s) => (
                  <li key={s.id}>
                    <strong>{p.describe(s.id)}</strong>: {t(`errors.${s.code}`, { defaultValue: s.message })}
                  </li>
                ))}
                {p.outcome.skippedCount > 50 && (
                  <li>{t('bulk.moreSkips', { count: p.outcome.skippedCount - 50 })}</li>
                )}
              </ul>
            )}
            <div className="row-actions">
              {p.outcome.actionId && p.outcome.changed > 0 && (
                <button
                  type="button"
                  className="btn"
                  disabled={p.busy}
                  onClick={() => p.onUndo(p.outcome!.actionId!)}
                >
                  {t('bulk.undo')}
                </button>
              )}
              <button type="button" className="btn link" onClick={p.onDismiss}>
                {t('common.dismiss')}
              </button>
            </div>
          </div>
        )}
      </div>
    </>
  );
}
