import { useCallback, useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { DataGrid } from '../../components/DataGrid';
import { ColumnChooser } from '../../components/ColumnChooser';
import { BulkActionBar } from '../../components/BulkActionBar';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useGridColumns } from '../../components/grid-preference';
import { useSelection } from '../../components/selection';
import { FilterBar } from '../grid/FilterBar';
import { GridPager } from '../grid/GridPager';
import { GridActions } from '../grid/GridActions';
import { filterKey, nextDirection, toFulfillmentFilter, useGridView } from '../grid/url-state';
import { useBulkActions } from '../grid/useBulkActions';
import type { BulkTarget } from '../grid/bulk-queries';
import { FULFILLMENTS } from './queries';
import { FULFILLMENT_GRID_COLUMNS, fulfillmentColumnTitle, fulfillmentColumns } from './columns';

export default function FulfillmentsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [view, setView] = useGridView();
  const filter = useMemo(() => toFulfillmentFilter(view), [view]);
  const { data, previousData, loading, error } = useQuery(FULFILLMENTS, {
    variables: {
      filter,
      sort: { field: view.sort, direction: view.direction },
      first: Number(view.size),
      after: view.after || null,
    },
    fetchPolicy: 'cache-and-network',
  });
  const conn = (data ?? previousData)?.fulfillments;
  const rows = useMemo(() => conn?.edges.map((e) => e.node) ?? [], [conn]);
  const keys = useMemo(() => rows.map((r) => r.id), [rows]);
  const selection = useSelection(keys, `${filterKey(view)}|${view.after}|${view.size}|${view.sort}|${view.direction}`);
  const columns = useGridColumns('fulfillments', FULFILLMENT_GRID_COLUMNS);

  const resolveTarget = useCallback(
    async (): Promise<BulkTarget> =>
      selection.allMatching ? { filter } : { ids: keys.filter((k) => selection.selected.has(k)) },
    [filter, keys, selection.allMatching, selection.selected],
  );
  const bulk = useBulkActions(resolveTarget, selection.clear);
  const describe = useCallback(
    (id: string) => {
      const f = rows.find((r) => r.id === id);
      return f ? `${f.order.reference} ${f.sku}` : id;
    },
    [rows],
  );

  return (
    <section className="page grid-page" aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title">{t('fulfillments.title')}</h1>
        <GridActions view={view} orderLevel={false} />
        <ColumnChooser
          offered={FULFILLMENT_GRID_COLUMNS}
          visible={columns.visible}
          title={(c) => fulfillmentColumnTitle(t, c)}
          onToggle={columns.toggle}
        />
      </div>
      <FilterBar view={view} onChange={setView} searchLabel={t('fulfillments.search')} showOrderStatus={false} />
      <BulkActionBar
        selection={selection}
        total={conn?.totalCount ?? 0}
        pageCount={rows.length}
        noun="fulfillments"
        busy={bulk.busy}
        outcome={bulk.outcome}
        describe={describe}
        onShip={bulk.markShipped}
        onNotShipping={bulk.markNotShipping}
        onUndo={bulk.undo}
        onDismiss={bulk.dismiss}
      />
      {error && <ErrorMessage error={error} />}
      <DataGrid
        label={t('fulfillments.gridLabel')}
        rows={rows}
        rowKey={(f) => f.id}
        rowLabel={(f) => `${f.order.reference} ${f.sku}`}
        columns={fulfillmentColumns(t, fmt, columns.visible)}
        sort={{ field: view.sort, direction: view.direction }}
        onSort={(field) => setView({ sort: field as typeof view.sort, direction: nextDirection(view, field) })}
        selection={selection}
        loading={loading}
        empty={t('fulfillments.empty')}
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
