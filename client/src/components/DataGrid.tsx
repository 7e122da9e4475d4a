import { useEffect, useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { Selection } from './selection';

export interface ColumnDef<T> {
  id: string;
  title: string;
  width: number;
  render: (row: T) => ReactNode;
  /** A server sort field; the header becomes a sort button. */
  sortField?: string;
}

interface GridSort {
  field: string;
  direction: 'ASC' | 'DESC';
}

interface Props<T> {
  id?: string;
  label: string;
  rows: readonly T[];
  rowKey: (row: T) => string;
  rowLabel: (row: T) => string;
  columns: ColumnDef<T>[];
  sort: GridSort;
  onSort: (field: string) => void;
  selection: Selection;
  loading: boolean;
  empty: string;
  /** Clicking a row (outside its links and controls) or Enter on the focused row opens it. */
  onRowOpen?: (row: T) => void;
}

/** Clicks on these inside a row do their own thing and do not open the row. */
const INTERACTIVE = 'a, button, input, select, textarea, label, summary, [role="dialog"]';

const ROW_HEIGHT = 41;

/**
 * A plain table (so assistive tech and browser tests can read it) whose body
 * renders only the rows in view, padded above and below.
 */
export function DataGrid<T>({
  id,
  label,
  rows,
  rowKey,
  rowLabel,
  columns,
  sort,
  onSort,
  selection,
  loading,
  empty,
  onRowOpen,
}: Props<T>) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const selectAllRef = useRef<HTMLInputElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  useEffect(() => {
    if (selectAllRef.current) {
      selectAllRef.current.indeterminate = selection.somePageSelected && !selection.pageSelected;
    }
  }, [selection.somePageSelected, selection.pageSelected]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [rows]);

  const items = virtualizer.getVirtualItems();
  const padTop = items.length > 0 ? items[0].start : 0;
  const padBottom = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  const width = 44 + columns.reduce((sum, c) => sum + c.width, 0);

  return (
    <div className="grid-scroll" ref={scrollRef} aria-busy={loading}>
      <table
        id={id}
        className="grid"
        style={{ minWidth: width }}
        aria-label={label}
        aria-rowcount={rows.length + 1}
      >
        <colgroup>
          <col style={{ width: 44 }} />
          {columns.map((c) => (
            <col key={c.id} style={{ width: c.width }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th scope="col" className="select-cell">
              <input
                ref={selectAllRef}
                type="checkbox"
                aria-label={t('grid.selectAll')}
                checked={selection.pageSelected}
                disabled={rows.length === 0}
                onChange={(e) => selection.togglePage(e.target.checked)}
              />
            </th>
            {columns.map((c) => {
              const active = c.sortField && sort.field === c.sortField;
              return (
                <th
                  key={c.id}
                  scope="col"
                  aria-sort={active ? (sort.direction === 'ASC' ? 'ascending' : 'descending') : undefined}
                >
                  {c.sortField ? (
                    <button type="button" className="sort-button" onClick={() => onSort(c.sortField!)}>
                      {c.title}
                      <span aria-hidden="true" className="sort-mark">
                        {active ? (sort.direction === 'ASC' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  ) : (
                    c.title
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {padTop > 0 && (
            <tr aria-hidden="true" className="pad">
              <td colSpan={columns.length + 1} style={{ height: padTop }} />
            </tr>
          )}
          {items.map((item) => {
            const row = rows[item.index];
            const key = rowKey(row);
            const checked = selection.allMatching || selection.selected.has(key);
            return (
              <tr
                key={key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                aria-rowindex={item.index + 2}
                className={
                  [checked ? 'selected' : '', onRowOpen ? 'openable' : ''].join(' ').trim() || undefined
                }
                tabIndex={onRowOpen ? 0 : undefined}
                aria-label={onRowOpen ? rowLabel(row) : undefined}
                onClick={
                  onRowOpen &&
                  ((e) => {
                    if ((e.target as Element).closest(INTERACTIVE)) return;
                    // Selecting text in a row is not a click on it.
                    if (window.getSelection()?.toString()) return;
                    onRowOpen(row);
                  })
                }
                onKeyDown={
                  onRowOpen &&
                  ((e) => {
                    if (e.key === 'Enter' && e.target === e.currentTarget) {
                      e.preventDefault();
                      onRowOpen(row);
                    }
                  })
                }
              >
                <td className="select-cell">
                  <input
                    type="checkbox"
                    aria-label={t('grid.selectRow', { label: rowLabel(row) })}
                    checked={checked}
                    // onClick, not onChange: only the click carries shiftKey for range selection.
                    onClick={(e) => selection.toggle(item.index, e.currentTarget.checked, e.shiftKey)}
                    onChange={() => undefined}
                  />
                </td>
                {columns.map((c) => (
                  <td key={c.id}>{c.render(row)}</td>
                ))}
              </tr>
            );
          })}
          {padBottom > 0 && (
            <tr aria-hidden="true" className="pad">
              <td colSpan={columns.length + 1} style={{ height: padBottom }} />
            </tr>
          )}
          {rows.length === 0 && !loading && (
            <tr>
              <td colSpan={columns.length + 1} className="empty">
                {empty}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
