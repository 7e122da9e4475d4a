import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useAuth } from './auth';
import { Loading } from '../components/Loading';

export function RequireAuth({ children }: { children: ReactNode }) {
  const { viewer, loading } = useAuth();
  const location = useLocation();
  if (loading && !viewer) return <Loading />;
  if (!viewer)
    return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}
