import { gql, type TypedDocumentNode } from '@apollo/client';
import type {
  LoginMutation,
  LoginMutationVariables,
  LogoutMutation,
  LogoutMutationVariables,
  ViewerQuery,
  ViewerQueryVariables,
} from '../../gql/generated';

export type Viewer = NonNullable<ViewerQuery['viewer']>;

export const VIEWER: TypedDocumentNode<ViewerQuery, ViewerQueryVariables> = gql`
  query Viewer {
    viewer {
      role
      user {
        id
        email
        role
      }
      partner {
        id
        name
      }
    }
  }
`;

export const LOGIN: TypedDocumentNode<LoginMutation, LoginMutationVariables> = gql`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      user {
        id
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

export const LOGOUT: TypedDocumentNode<LogoutMutation, LogoutMutationVariables> = gql`
  mutation Logout {
    logout
  }
`;
