import { GraphQLError } from 'graphql';

/** Top-level errors: only authentication, authorisation, limits and faults (SPEC §3). */
export const unauthenticated = () =>
  new GraphQLError('Sign in or send an API key', {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });
export const forbidden = (why = 'Your role may not do this') =>
  new GraphQLError(why, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
export const badInput = (message: string, code = 'BAD_USER_INPUT') =>
  new GraphQLError(message, { extensions: { code } });
