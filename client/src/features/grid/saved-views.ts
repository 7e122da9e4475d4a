import { useCallback } from 'react';
import { gql, type TypedDocumentNode } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import type { Grid } from '@ft/shared';
import type {
  CreateSavedViewMutation,
  CreateSavedViewMutationVariables,
  DeleteSavedViewMutation,
  DeleteSavedViewMutationVariables,
  SavedViewInput,
  SavedViewsQuery,
  SavedViewsQueryVariables,
  UpdateSavedViewMutation,
  UpdateSavedViewMutationVariables,
} from '../../gql/generated';

export type SavedView = SavedViewsQuery['savedViews'][number];

const SAVED_VIEW_FIELDS = gql`
  fragment SavedViewFields on SavedView {
    id
    grid
    name
    filters {
      key
      value
    }
    columns
    sort
    direction
  }
`;

const SAVED_VIEWS: TypedDocumentNode<SavedViewsQuery, SavedViewsQueryVariables> = gql`
  query SavedViews($grid: String!) {
    savedViews(grid: $grid) {
      ...SavedViewFields
    }
  }
  ${SAVED_VIEW_FIELDS}
`;

const CREATE_SAVED_VIEW: TypedDocumentNode<CreateSavedViewMutation, CreateSavedViewMutationVariables> = gql`
  mutation CreateSavedView($input: SavedViewInput!) {
    createSavedView(input: $input) {
      view {
        ...SavedViewFields
      }
      userErrors {
        field
        code
        message
        params
      }
    }
  }
  ${SAVED_VIEW_FIELDS}
`;

const UPDATE_SAVED_VIEW: TypedDocumentNode<UpdateSavedViewMutation, UpdateSavedViewMutationVariables> = gql`
  mutation UpdateSavedView($id: ID!, $input: SavedViewInput!) {
    updateSavedView(id: $id, input: $input) {
      view {
        ...SavedViewFields
      }
      userErrors {
        field
        code
        message
        params
      }
    }
  }
  ${SAVED_VIEW_FIELDS}
`;

const DELETE_SAVED_VIEW: TypedDocumentNode<DeleteSavedViewMutation, DeleteSavedViewMutationVariables> = gql`
  mutation DeleteSavedView($id: ID!) {
    deleteSavedView(id: $id) {
      deletedId
      userErrors {
        field
        code
        message
        params
      }
    }
  }
`;

type UserErrors = { code: string; message: string; params?: string | null }[];

/** The signed-in person's saved views of a grid, and saving, replacing and deleting them. */
export function useSavedViews(grid: Grid) {
  const list = useQuery(SAVED_VIEWS, { variables: { grid } });
  const refetchQueries = [{ query: SAVED_VIEWS, variables: { grid } }];
  const [create] = useMutation(CREATE_SAVED_VIEW, { refetchQueries, awaitRefetchQueries: true });
  const [update] = useMutation(UPDATE_SAVED_VIEW, { refetchQueries, awaitRefetchQueries: true });
  const [remove] = useMutation(DELETE_SAVED_VIEW, { refetchQueries, awaitRefetchQueries: true });

  const save = useCallback(
    async (input: SavedViewInput, id?: string): Promise<{ view: SavedView | null; errors: UserErrors }> => {
      if (id) {
        const res = await update({ variables: { id, input } });
        const p = res.data?.updateSavedView;
        return { view: p?.view ?? null, errors: p?.userErrors ?? [] };
      }
      const res = await create({ variables: { input } });
      const p = res.data?.createSavedView;
      return { view: p?.view ?? null, errors: p?.userErrors ?? [] };
    },
    [create, update],
  );
  const del = useCallback(
    async (id: string): Promise<UserErrors> =>
      (await remove({ variables: { id } })).data?.deleteSavedView.userErrors ?? [],
    [remove],
  );
  return { views: list.data?.savedViews ?? [], save, remove: del };
}
