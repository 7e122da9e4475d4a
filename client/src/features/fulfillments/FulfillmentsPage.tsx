import { useCallback, useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { GridPage } from '../grid/GridPage';
import { toFulfillmentFilter, useGridView } from '../grid/url-state';
import { gridQueryVariables, useGridRows } from '../grid/useGridRows';
import type { BulkTarget } from '../grid/bulk-queries';
import { FULFILLMENTS } from './queries';
import { FULFILLMENT_GRID_COLUMNS, fulfillmentColumnTitle, fulfillmentColumns } from './columns';

export default function FulfillmentsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [view, setView] = useGridView();
  const filter = useMemo(() => toFulfillmentFilter(view), [view]);
  const { data, previousData, loading, error } = useQuery(FULFILLMENTS, {
    variables: gridQueryVariables(view, filter),
    fetchPolicy: 'cache-and-network',
  });
  const conn = (data ?? previousData)?.fulfillments;
  const { rows, keys, selection } = useGridRows(conn, view);

  const resolveTarget = useCallback(
    async (): Promise<BulkTarget> =>
      selection.allMatching ? { filter } : { ids: keys.filter((k) => selection.selected.has(k)) },
    [filter, keys, selection.allMatching, selection.selected],
  );

  return (
    <GridPage
      grid="fulfillments"
      view={view}
      onViewChange={setView}
      title={t('fulfillments.title')}
      searchLabel={t('fulfillments.search')}
      gridLabel={t('fulfillments.gridLabel')}
      empty={t('fulfillments.empty')}
      offeredColumns={FULFILLMENT_GRID_COLUMNS}
      columnTitle={(c) => fulfillmentColumnTitle(t, c)}
      columns={(visible, actions) => fulfillmentColumns(t, fmt, visible, actions)}
      conn={conn}
      rows={rows}
      rowLabel={(f) => `${f.order.reference} ${f.sku}`}
      selection={selection}
      loading={loading}
      error={error}
      resolveTarget={resolveTarget}
    />
  );
}
