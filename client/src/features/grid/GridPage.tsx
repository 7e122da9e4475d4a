import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Grid, GridColumn } from '@ft/shared';
import { DataGrid, type ColumnDef } from '../../components/DataGrid';
import { ColumnChooser } from '../../components/ColumnChooser';
import { BulkActionBar } from '../../components/BulkActionBar';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useGridColumns } from '../../components/grid-preference';
import type { Selection } from '../../components/selection';
import { TrackingPanel } from '../fulfillments/TrackingPanel';
import { FilterBar } from './FilterBar';
import { GridPager } from './GridPager';
import { GridActions } from './GridActions';
import { SavedViewsMenu } from './SavedViewsMenu';
import { ViewTabs, type ViewTab } from './ViewTabs';
import { cursorFor, rememberCursor } from './page-cursors';
import { filterKey, nextDirection, type GridView } from './url-state';
import { useBulkActions } from './useBulkActions';
import type { BulkTarget } from './bulk-queries';
import type { GridConnection } from './useGridRows';

/** What a grid's cells may ask of the page around them. */
export interface CellActions {
  /** Opens the tracking side panel for a line. */
  updateTracking: (fulfillmentId: string) => void;
}

interface Props<T> {
  /** What a row is; order rows also filter by order status. */
  grid: Grid;
  view: GridView;
  onViewChange: (patch: Partial<GridView>, opts?: { replace?: boolean }) => void;
  title: string;
  searchLabel: string;
  gridLabel: string;
  empty: string;
  offeredColumns: readonly GridColumn[];
  columnTitle: (c: GridColumn) => string;
  columns: (visible: readonly GridColumn[], actions: CellActions) => ColumnDef<T>[];
  conn: GridConnection<T> | undefined;
  rows: T[];
  rowLabel: (row: T) => string;
  selection: Selection;
  loading: boolean;
  error: Error | undefined;
  /** The fulfillments a bulk action applies to. */
  resolveTarget: () => Promise<BulkTarget>;
  /** Preset views shown as tabs above the filters. */
  tabs?: ViewTab[];
  /** Clicking a row or Enter on it opens this. */
  onRowOpen?: (row: T) => void;
}

/** The layout both grids share: tabs, actions, saved views, column chooser, filters, bulk bar, the grid and the pager. */
export function GridPage<T extends { id: string }>(p: Props<T>) {
  const { t } = useTranslation();
  const { view, onViewChange: setView, conn, rows, selection } = p;
  const orderLevel = p.grid === 'orders';
  const columns = useGridColumns(p.grid, p.offeredColumns);
  const bulk = useBulkActions(p.resolveTarget, selection.clear);
  const [tracking, setTracking] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const actions: CellActions = { updateTracking: useCallback((id: string) => setTracking(id), []) };

  const page = Number(view.page);
  const scope = `${p.grid}|${filterKey(view)}|${view.sort}|${view.direction}|${view.size}`;
  const gridId = `${p.grid}-grid`;

  return (
    <section className="page grid-page" aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title">{p.title}</h1>
        <SavedViewsMenu
          grid={p.grid}
          view={view}
          columns={columns.visible}
          onApply={(patch, cols) => {
            setView(patch);
            if (cols) columns.set(cols as GridColumn[]);
          }}
        />
        <GridActions view={view} orderLevel={orderLevel} />
        <ColumnChooser
          offered={p.offeredColumns}
          visible={columns.visible}
          title={p.columnTitle}
          onToggle={columns.toggle}
        />
      </div>
      {p.tabs && (
        <ViewTabs
          tabs={p.tabs}
          view={view}
          label={t('views.tabsLabel')}
          controls={gridId}
          onSelect={setView}
        />
      )}
      <FilterBar view={view} onChange={setView} searchLabel={p.searchLabel} showOrderStatus={orderLevel} />
      <BulkActionBar
        selection={selection}
        total={conn?.totalCount ?? 0}
        pageCount={rows.length}
        noun={p.grid}
        busy={bulk.busy}
        outcome={bulk.outcome}
        onShip={bulk.markShipped}
        onNotShipping={bulk.markNotShipping}
        onUndo={bulk.undo}
        onDismiss={bulk.dismiss}
      />
      {p.error && <ErrorMessage error={p.error} />}
      <p role="status" className="sr-only">
        {announcement}
      </p>
      <DataGrid
        id={gridId}
        label={p.gridLabel}
        rows={rows}
        rowKey={(r) => r.id}
        rowLabel={p.rowLabel}
        columns={p.columns(columns.visible, actions)}
        sort={{ field: view.sort, direction: view.direction }}
        onSort={(field) =>
          setView({ sort: field as typeof view.sort, direction: nextDirection(view, field) })
        }
        selection={selection}
        loading={p.loading}
        empty={p.empty}
        onRowOpen={p.onRowOpen}
      />
      <GridPager
        page={page}
        shown={rows.length}
        total={conn?.totalCount ?? 0}
        hasNext={conn?.pageInfo.hasNextPage ?? false}
        busy={p.loading}
        onPrevious={() => {
          const after = cursorFor(scope, page - 1);
          setView(after === undefined ? { after: '' } : { after, page: String(after ? page - 1 : 1) });
        }}
        onNext={() => {
          const after = conn?.pageInfo.endCursor ?? '';
          rememberCursor(scope, page, view.after);
          rememberCursor(scope, page + 1, after);
          setView({ after, page: String(page + 1) });
        }}
        size={view.size}
        onSize={(size) => setView({ size })}
      />
      {tracking && (
        <TrackingPanel
          fulfillmentId={tracking}
          onClose={(saved) => {
            setTracking(null);
            setAnnouncement(saved ? t('views.trackingSaved', saved) : '');
          }}
        />
      )}
    </section>
  );
}
