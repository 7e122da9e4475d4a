import { useCallback, useMemo } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { DEFAULT_GRID_COLUMNS, GRID_COLUMNS, type Grid, type GridColumn } from '@ft/shared';
import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  GridPreferenceQuery,
  GridPreferenceQueryVariables,
  SetGridPreferenceMutation,
  SetGridPreferenceMutationVariables,
} from '../gql/generated';

const GRID_PREFERENCE: TypedDocumentNode<GridPreferenceQuery, GridPreferenceQueryVariables> = gql`
  query GridPreference($grid: String!) {
    gridPreference(grid: $grid) {
      grid
      columns
    }
  }
`;

const SET_GRID_PREFERENCE: TypedDocumentNode<SetGridPreferenceMutation, SetGridPreferenceMutationVariables> =
  gql`
    mutation SetGridPreference($input: SetGridPreferenceInput!) {
      setGridPreference(input: $input) {
        preference {
          grid
          columns
        }
        userErrors {
          field
          code
          message
          params
        }
      }
    }
  `;

const isColumn = (c: string): c is GridColumn => (GRID_COLUMNS as readonly string[]).includes(c);

/**
 * The columns a user chose for a grid, stored on the server so they follow the user
 * to any browser. `offered` is the canonical order; chosen columns keep it.
 */
export function useGridColumns(grid: Grid, offered: readonly GridColumn[]) {
  const { data, loading } = useQuery(GRID_PREFERENCE, { variables: { grid } });
  const [save] = useMutation(SET_GRID_PREFERENCE);
  const visible = useMemo(() => {
    const chosen = data?.gridPreference?.columns.filter(isColumn) ?? DEFAULT_GRID_COLUMNS[grid];
    return offered.filter((c) => c === 'order' || chosen.includes(c));
  }, [data, grid, offered]);

  const setVisible = useCallback(
    (columns: GridColumn[]) => {
      const ordered = offered.filter((c) => columns.includes(c));
      void save({
        variables: { input: { grid, columns: ordered } },
        optimisticResponse: {
          setGridPreference: {
            __typename: 'SetGridPreferencePayload',
            preference: { __typename: 'GridPreference', grid, columns: ordered },
            userErrors: [],
          },
        },
      });
    },
    [grid, offered, save],
  );

  const toggle = useCallback(
    (column: GridColumn, on: boolean) =>
      setVisible(on ? [...visible, column] : visible.filter((c) => c !== column)),
    [visible, setVisible],
  );

  return { visible, loading: loading && !data, toggle, set: setVisible };
}
