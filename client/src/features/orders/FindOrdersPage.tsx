import { useCallback, useMemo } from 'react';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '@ft/shared';
import { useFormat } from '../../app/format';
import { DataGrid } from '../../components/DataGrid';
import { ColumnChooser } from '../../components/ColumnChooser';
import { BulkActionBar } from '../../components/BulkActionBar';
import { useGridColumns } from '../../components/grid-preference';
import { useSelection } from '../../components/selection';
import { FilterBar } from '../grid/FilterBar';
import { GridPager } from '../grid/GridPager';
import { GridActions } from '../grid/GridActions';
import { filterKey, nextDirection, toOrderFilter, useGridView } from '../grid/url-state';
import { useBulkActions } from '../grid/useBulkActions';
import type { BulkTarget } from '../grid/bulk-queries';
import { ErrorMessage } from '../../components/ErrorMessage';
import { FIND_ORDERS, MATCHING_ORDER_IDS } from './queries';
import { ORDER_GRID_COLUMNS, orderColumnTitle, orderColumns } from './columns';

type OrderIdsPage = { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string } }[] };

export default function FindOrdersPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useApolloClient();
  const [view, setView] = useGridView();
  const filter = useMemo(() => toOrderFilter(view), [view]);
  const { data, previousData, loading, error } = useQuery(FIND_ORDERS, {
    variables: {
      filter,
      sort: { field: view.sort, direction: view.direction },
      first: Number(view.size),
      after: view.after || null,
    },
    fetchPolicy: 'cache-and-network',
  });
  const conn = (data ?? previousData)?.orders;
  const rows = useMemo(() => conn?.edges.map((e) => e.node) ?? [], [conn]);
  const keys = useMemo(() => rows.map((r) => r.id), [rows]);
  const selection = useSelection(keys, `${filterKey(view)}|${view.after}|${view.size}|${view.sort}|${view.direction}`);
  const columns = useGridColumns('orders', ORDER_GRID_COLUMNS);

  const resolveTarget = useCallback(async (): Promise<BulkTarget> => {
    if (!selection.allMatching) {
      const ids = rows.filter((o) => selection.selected.has(o.id)).flatMap((o) => o.fulfillments.map((f) => f.id));
      return { ids };
    }
    // Selecting an order means all its fulfillments: collect the matching orders' ids.
    const orderIds: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: { data?: { orders: OrderIdsPage } } = await client.query({
        query: MATCHING_ORDER_IDS,
        variables: { filter, first: LIMITS.pageSizeMax, after },
        fetchPolicy: 'network-only',
      });
      const page: OrderIdsPage = res.data!.orders;
      orderIds.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    return { filter: { orderIds, search: null, statuses: null, carrierCodes: null, partnerIds: null, hasTracking: null, placed: null, shipped: null } };
  }, [client, filter, rows, selection.allMatching, selection.selected]);

  const bulk = useBulkActions(resolveTarget, selection.clear);
  const describe = useCallback(
    (id: string) => {
      for (const o of rows) {
        const f = o.fulfillments.find((x) => x.id === id);
        if (f) return `${o.reference} ${f.sku}`;
      }
      return id;
    },
    [rows],
  );

  return (
    <section className="page grid-page" aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title">{t('orders.title')}</h1>
        <GridActions view={view} orderLevel={true} />
        <ColumnChooser
          offered={ORDER_GRID_COLUMNS}
          visible={columns.visible}
          title={(c) => orderColumnTitle(t, c)}
          onToggle={columns.toggle}
        />
      </div>
      <FilterBar view={view} onChange={setView} searchLabel={t('orders.search')} showOrderStatus />
      <BulkActionBar
        selection={selection}
        total={conn?.totalCount ?? 0}
        pageCount={rows.length}
        noun="orders"
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
        label={t('orders.gridLabel')}
        rows={rows}
        rowKey={(o) => o.id}
        rowLabel={(o) => o.reference}
        columns={orderColumns(t, fmt, columns.visible)}
        sort={{ field: view.sort, direction: view.direction }}
        onSort={(field) =>
          setView({
            sort: field as typeof view.sort,
            direction: nextDirection(view, field),
          })
        }
        selection={selection}
        loading={loading}
        empty={t('orders.empty')}
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
