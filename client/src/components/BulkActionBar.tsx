import { isValidDateOnly } from '@ft/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { todayIso, useFormat } from '../app/format';
import { messageText } from '../app/messages';
import type { Selection } from './selection';
import type { BulkOutcome } from '../features/grid/useBulkActions';
import { skipGroups } from '../features/grid/skip-groups';
import { DateInput } from './DateInput';
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
  onShip: (shippedOn: string) => void;
  onNotShipping: (reason: string) => void;
  onUndo: (actionId: string) => void;
  onDismiss: () => void;
}

export function BulkActionBar(p: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [shippedOn, setShippedOn] = useState(todayIso());
  const shippedOnUnreadable = shippedOn !== '' && !isValidDateOnly(shippedOn);
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
              <DateInput
                value={shippedOn}
                aria-describedby={shippedOnUnreadable ? 'bulk-shipped-on-error' : undefined}
                onChange={setShippedOn}
              />
              {shippedOnUnreadable && (
                <span id="bulk-shipped-on-error" className="field-error">
                  {t('dateInput.invalid', { text: shippedOn })}
                </span>
              )}
            </Field>
            <button
              type="button"
              className="btn primary"
              disabled={p.busy || shippedOnUnreadable}
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
            {/* The summary and Undo first: however many lines were skipped, Undo stays within reach. */}
            <div className="bulk-outcome-head">
              <p>
                {p.outcome.error
                  ? messageText(t, p.outcome.error)
                  : p.outcome.kind === 'undo'
                    ? [
                        t('bulk.undone', { count: p.outcome.changed, skipped: p.outcome.skippedCount }),
                        p.outcome.alreadyNotified
                          ? t('actionLog.alreadyEmailed', { count: p.outcome.alreadyNotified })
                          : '',
                      ]
                        .filter(Boolean)
                        .join(' ')
                    : t('bulk.summary', { changed: p.outcome.changed, skipped: p.outcome.skippedCount })}
              </p>
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
            {!p.outcome.error && <SkipGroups outcome={p.outcome} />}
          </div>
        )}
      </div>
    </>
  );
}

/** Lines named per reason before the rest fold away. */
const NAMED_PER_REASON = 5;

/** "Already shipped (12): NW-10119 · CAP-1, …", one reason a line, the names beyond the first few folded. */
function SkipGroups({ outcome }: { outcome: BulkOutcome }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const groups = skipGroups(t, outcome);
  if (groups.length === 0) return null;
  return (
    <ul className="skip-groups" aria-label={t('bulk.skippedLabel')}>
      {groups.map((g) => {
        const shown = g.names.slice(0, NAMED_PER_REASON);
        const folded = g.names.slice(NAMED_PER_REASON);
        const unlisted = g.count - g.names.length;
        return (
          <li key={g.key} className="skip-group">
            <strong>{t('bulk.reasonCount', { reason: g.label, formatted: fmt.number(g.count) })}</strong>
            {shown.length > 0 && <span>: {shown.join(', ')}</span>}
            {folded.length > 0 && (
              <details className="skip-more">
                <summary>
                  {t('bulk.showMore', { count: folded.length, formatted: fmt.number(folded.length) })}
                </summary>
                <p className="skip-names">{folded.join(', ')}</p>
              </details>
            )}
            {unlisted > 0 && shown.length > 0 && (
              <span className="muted">
                {' '}
                {t('bulk.notListed', { count: unlisted, formatted: fmt.number(unlisted) })}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
