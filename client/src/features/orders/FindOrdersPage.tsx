import { useCallback, useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { GridPage } from '../grid/GridPage';
import { ANY_RISK } from '../grid/lookups';
import { toOrderFilter, useGridView } from '../grid/url-state';
import { gridQueryVariables, useGridRows } from '../grid/useGridRows';
import type { BulkTarget } from '../grid/bulk-queries';
import type { ViewTab } from '../grid/ViewTabs';
import { FIND_ORDERS } from './queries';
import { ORDER_GRID_COLUMNS, orderColumnTitle, orderColumns } from './columns';

export default function FindOrdersPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const [view, setView] = useGridView();
  const tabs = useMemo<ViewTab[]>(
    () => [
      { id: 'all', label: t('views.tab.all'), preset: { orderStatus: '', fulfillmentStatus: '', risk: '' } },
      {
        id: 'awaiting',
        label: t('views.tab.awaiting'),
        preset: { orderStatus: '', fulfillmentStatus: 'HOLD', risk: '' },
      },
      {
        id: 'shipped',
        label: t('views.tab.shipped'),
        preset: { orderStatus: '', fulfillmentStatus: 'SHIPPED', risk: '' },
      },
      {
        id: 'delivered',
        label: t('views.tab.delivered'),
        preset: { orderStatus: '', fulfillmentStatus: 'DELIVERED', risk: '' },
      },
      {
        id: 'problems',
        label: t('views.tab.problems'),
        // Shipped lines at risk for any reason. A filter's conditions all hold at once, so this tab
        // cannot also show lines marked not shipping or returned; the status filter finds those.
        preset: { orderStatus: '', fulfillmentStatus: '', risk: ANY_RISK },
      },
    ],
    [t],
  );
  const filter = useMemo(() => toOrderFilter(view), [view]);
  const { data, previousData, loading, error } = useQuery(FIND_ORDERS, {
    variables: gridQueryVariables(view, filter),
    fetchPolicy: 'cache-and-network',
  });
  const conn = (data ?? previousData)?.orders;
  const { rows, selection } = useGridRows(conn, view);

  const resolveTarget = useCallback(async (): Promise<BulkTarget> => {
    if (!selection.allMatching) {
      const ids = rows
        .filter((o) => selection.selected.has(o.id))
        .flatMap((o) => o.fulfillments.map((f) => f.id));
      return { ids };
    }
    // Selecting an order means all its fulfillments: the server expands the order filter itself.
    return { filter: { order: filter } };
  }, [filter, rows, selection.allMatching, selection.selected]);

  return (
    <GridPage
      grid="orders"
      view={view}
      onViewChange={setView}
      title={t('orders.title')}
      searchLabel={t('orders.search')}
      gridLabel={t('orders.gridLabel')}
      empty={t('orders.empty')}
      offeredColumns={ORDER_GRID_COLUMNS}
      columnTitle={(c) => orderColumnTitle(t, c)}
      columns={(visible, actions) => orderColumns(t, fmt, visible, actions)}
      conn={conn}
      rows={rows}
      rowLabel={(o) => o.reference}
      selection={selection}
      loading={loading}
      error={error}
      resolveTarget={resolveTarget}
      tabs={tabs}
      onRowOpen={(o) => navigate(`/orders/${encodeURIComponent(o.id)}`)}
    />
  );
}
