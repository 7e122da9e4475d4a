import { useMemo } from 'react';
import { useSelection } from '../../components/selection';
import { filterKey, type GridView } from './url-state';

export interface GridConnection<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: T }[];
}

/** The variables every grid query takes: the filter plus sort and page from the view. */
export function gridQueryVariables<F>(view: GridView, filter: F) {
  return {
    filter,
    sort: { field: view.sort, direction: view.direction },
    first: Number(view.size),
    after: view.after || null,
  };
}

/** A page's rows and their selection, which starts empty whenever the filter, page or sort changes. */
export function useGridRows<T extends { id: string }>(conn: GridConnection<T> | undefined, view: GridView) {
  const rows = useMemo(() => conn?.edges.map((e) => e.node) ?? [], [conn]);
  const keys = useMemo(() => rows.map((r) => r.id), [rows]);
  const selection = useSelection(
    keys,
    `${filterKey(view)}|${view.after}|${view.size}|${view.sort}|${view.direction}`,
  );
  return { rows, keys, selection };
}
