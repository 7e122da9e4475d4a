import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { sessionEvents } from './session-events';

/** Any UNAUTHENTICATED answer means the session cookie is gone or expired. */
const authErrorLink = new ErrorLink(({ error, operation }) => {
  if (!CombinedGraphQLErrors.is(error)) return;
  if (operation.operationName === 'Login') return;
  if (error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) sessionEvents.expired();
});

export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    link: ApolloLink.from([
      authErrorLink,
      new HttpLink({
        uri: '/graphql',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
      }),
    ]),
    cache: new InMemoryCache({
      typePolicies: {
        Viewer: { keyFields: [] },
        Customer: { keyFields: false },
        Tracking: { keyFields: false },
        Carrier: { keyFields: ['code'] },
        GridPreference: { keyFields: ['grid'] },
        ContinuitySubscription: { keyFields: ['id'] },
      },
    }),
  });
}
