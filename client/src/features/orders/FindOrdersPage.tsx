import { useCallback, useMemo } from 'react';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '@ft/shared';
import { useFormat } from '../../app/format';
import { GridPage } from '../grid/GridPage';
import { toOrderFilter, useGridView } from '../grid/url-state';
import { gridQueryVariables, useGridRows } from '../grid/useGridRows';
import type { BulkTarget } from '../grid/bulk-queries';
import type { MatchingOrderIdsQuery } from '../../gql/generated';
import { FIND_ORDERS, MATCHING_ORDER_IDS } from './queries';
import { ORDER_GRID_COLUMNS, orderColumnTitle, orderColumns } from './columns';

type OrderIdsPage = MatchingOrderIdsQuery['orders'];

export default function FindOrdersPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useApolloClient();
  const [view, setView] = useGridView();
  const filter = useMemo(() => toOrderFilter(view), [view]);
  const { data, previousData, loading, error } = useQuery(FIND_ORDERS, {
    variables: gridQueryVariables(view, filter),
    fetchPolicy: 'cache-and-network',
  });
  const conn = (data ?? previousData)?.orders;
  const { rows, selection } = useGridRows(conn, view);

  const resolveTarget = useCallback(async (): Promise<BulkTarget> => {
    if (!selection.allMatching) {
      const ids = rows.filter((o) => selection.selected.has(o.id)).flatMap((o) => o.fulfillments.map((f) => f.id));
      return { ids };
    }
    // Selecting an order means all its fulfillments: collect the matching orders' ids.
    const orderIds: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: { data?: MatchingOrderIdsQuery } = await client.query({
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
      columns={(visible) => orderColumns(t, fmt, visible)}
      conn={conn}
      rows={rows}
      rowLabel={(o) => o.reference}
      selection={selection}
      loading={loading}
      error={error}
      resolveTarget={resolveTarget}
      describe={describe}
    />
  );
}
