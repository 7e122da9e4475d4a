import { lazy, Suspense, useMemo } from 'react';
import { ApolloProvider } from '@apollo/client/react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { createApolloClient } from './apollo';
import { AuthProvider } from './auth';
import { RequireAuth } from './RequireAuth';
import { Layout } from './Layout';
import { Loading } from '../components/Loading';

const SignInPage = lazy(() => import('../features/auth/SignInPage'));
const FindOrdersPage = lazy(() => import('../features/orders/FindOrdersPage'));
const OrderDetailPage = lazy(() => import('../features/orders/OrderDetailPage'));
const FulfillmentsPage = lazy(() => import('../features/fulfillments/FulfillmentsPage'));
const FulfillmentPage = lazy(() => import('../features/fulfillments/FulfillmentPage'));
const PartnersPage = lazy(() => import('../features/admin/PartnersPage'));
const UsersPage = lazy(() => import('../features/admin/UsersPage'));
const CarriersPage = lazy(() => import('../features/admin/CarriersPage'));
const MailPage = lazy(() => import('../features/notifications/MailPage'));
const InboundEmailsPage = lazy(() => import('../features/notifications/InboundEmailsPage'));
const ActionLogPage = lazy(() => import('../features/action-log/ActionLogPage'));
const ImportWizardPage = lazy(() => import('../features/imports/ImportWizardPage'));

export function App() {
  const client = useMemo(() => createApolloClient(), []);
  return (
    <ApolloProvider client={client}>
      <BrowserRouter>
        <AuthProvider>
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route path="/sign-in" element={<SignInPage />} />
              <Route
                element={
                  <RequireAuth>
                    <Layout />
                  </RequireAuth>
                }
              >
                <Route index element={<Navigate to="/orders" replace />} />
                <Route path="/orders" element={<FindOrdersPage />} />
                <Route path="/orders/:id" element={<OrderDetailPage />} />
                <Route path="/fulfillments" element={<FulfillmentsPage />} />
                <Route path="/fulfillments/:id" element={<FulfillmentPage />} />
                <Route path="/import/:id" element={<ImportWizardPage />} />
                <Route path="/actions" element={<ActionLogPage />} />
                <Route path="/admin/partners" element={<PartnersPage />} />
                <Route path="/admin/users" element={<UsersPage />} />
                <Route path="/admin/carriers" element={<CarriersPage />} />
                <Route path="/admin/mail" element={<MailPage />} />
                <Route path="/admin/inbound" element={<InboundEmailsPage />} />
                <Route path="*" element={<Navigate to="/orders" replace />} />
              </Route>
            </Routes>
          </Suspense>
        </AuthProvider>
      </BrowserRouter>
    </ApolloProvider>
  );
}
