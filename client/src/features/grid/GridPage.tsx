import type { Grid, GridColumn } from '@ft/shared';
import { DataGrid, type ColumnDef } from '../../components/DataGrid';
import { ColumnChooser } from '../../components/ColumnChooser';
import { BulkActionBar } from '../../components/BulkActionBar';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useGridColumns } from '../../components/grid-preference';
import type { Selection } from '../../components/selection';
import { FilterBar } from './FilterBar';
import { GridPager } from './GridPager';
import { GridActions } from './GridActions';
import { nextDirection, type GridView } from './url-state';
import { useBulkActions } from './useBulkActions';
import type { BulkTarget } from './bulk-queries';
import type { GridConnection } from './useGridRows';

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
  columns: (visible: readonly GridColumn[]) => ColumnDef<T>[];
  conn: GridConnection<T> | undefined;
  rows: T[];
  rowLabel: (row: T) => string;
  selection: Selection;
  loading: boolean;
  error: Error | undefined;
  /** The fulfillments a bulk action applies to. */
  resolveTarget: () => Promise<BulkTarget>;
}

/** The layout both grids share: actions, column chooser, filters, bulk bar, the grid and the pager. */
export function GridPage<T extends { id: string }>(p: Props<T>) {
  const { view, onViewChange: setView, conn, rows, selection } = p;
  const orderLevel = p.grid === 'orders';
  const columns = useGridColumns(p.grid, p.offeredColumns);
  const bulk = useBulkActions(p.resolveTarget, selection.clear);

  return (
    <section className="page grid-page" aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title">{p.title}</h1>
        <GridActions view={view} orderLevel={orderLevel} />
        <ColumnChooser
          offered={p.offeredColumns}
          visible={columns.visible}
          title={p.columnTitle}
          onToggle={columns.toggle}
        />
      </div>
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
      <DataGrid
        label={p.gridLabel}
        rows={rows}
        rowKey={(r) => r.id}
        rowLabel={p.rowLabel}
        columns={p.columns(columns.visible)}
        sort={{ field: view.sort, direction: view.direction }}
        onSort={(field) =>
          setView({ sort: field as typeof view.sort, direction: nextDirection(view, field) })
        }
        selection={selection}
        loading={p.loading}
        empty={p.empty}
      />
      <GridPager
        shown={rows.length}
        total={conn?.totalCount ?? 0}
        isFirst={!view.after}
        hasNext={conn?.pageInfo.hasNextPage ?? false}
        onFirst={() => setView({ after: '' })}
        onNext={() => setView({ after: conn?.pageInfo.endCursor ?? '' })}
        size={view.size}
        onSize={(size) => setView({ size })}
      />
    </section>
  );
}
