import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { LOGIN, LOGOUT, VIEWER, type Viewer } from '../features/auth/queries';
import { sessionEvents } from './session-events';
import type { UserError } from './gql';

interface AuthState {
  viewer: Viewer | null;
  loading: boolean;
  /** Set when the server said UNAUTHENTICATED while the user thought they were signed in. */
  sessionExpired: boolean;
  signIn(email: string, password: string): Promise<UserError[]>;
  signOut(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const client = useApolloClient();
  const { data, loading, refetch } = useQuery(VIEWER, { fetchPolicy: 'network-only' });
  const [sessionExpired, setSessionExpired] = useState(false);
  const [signedOut, setSignedOut] = useState(false);
  const viewer = signedOut ? null : (data?.viewer ?? null);

  useEffect(
    () =>
      sessionEvents.onExpired(() => {
        setSessionExpired(true);
        setSignedOut(true);
        void client.clearStore();
      }),
    [client],
  );

  const signIn = useCallback(
    async (email: string, password: string) => {
      const res = await client.mutate({ mutation: LOGIN, variables: { input: { email, password } } });
      const errors = res.data?.login.userErrors ?? [];
      if (errors.length === 0) {
        await client.clearStore();
        await refetch();
        setSessionExpired(false);
        setSignedOut(false);
      }
      return errors;
    },
    [client, refetch],
  );

  const signOut = useCallback(async () => {
    await client.mutate({ mutation: LOGOUT });
    setSignedOut(true);
    setSessionExpired(false);
    await client.clearStore();
  }, [client]);

  const value = useMemo(
    () => ({ viewer, loading, sessionExpired, signIn, signOut }),
    [viewer, loading, sessionExpired, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
