import { typed, type UserError } from '../../app/gql';

export type Role = 'ADMIN' | 'SUPPORT' | 'PARTNER';
export interface Viewer {
  role: Role;
  user: { id: string; email: string; role: Role } | null;
  partner: { id: string; name: string } | null;
}

export const VIEWER = typed<{ viewer: Viewer | null }>`
  query Viewer {
    viewer {
      role
      user { id email role }
      partner { id name }
    }
  }
`;

export const LOGIN = typed<
  { login: { user: { id: string } | null; userErrors: UserError[] } },
  { input: { email: string; password: string } }
>`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      user { id }
      userErrors { field code message }
    }
  }
`;

export const LOGOUT = typed<{ logout: boolean }>`
  mutation Logout {
    logout
  }
`;
