import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { RequestContext } from '../auth/context.js';
import { faultForLog, PartlySaved, redactMessage, retryMessage, retryReason } from '../db/errors.js';

/** Top-level errors: only authentication, authorisation, limits and faults (docs/contract.md). */
export const unauthenticated = () =>
  new GraphQLError('Sign in or send an API key', {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });
export const forbidden = (why = 'Your role may not do this') =>
  new GraphQLError(why, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
export const badInput = (message: string, code = 'BAD_USER_INPUT') =>
  new GraphQLError(message, { extensions: { code } });

/** How long a client told RETRYABLE should wait before sending the request again. */
export const RETRY_AFTER_SECONDS = 1;

/**
 * The one place an error becomes what the client sees. Errors that already
 * carry a code pass through; the rest are classified by where they came from:
 * a database failure that may be retried, the request's own mistake, or a
 * fault, which the log gets and production hides.
 */
export function errorFormatter(options: { production: boolean; hideSchemaDetails: boolean }) {
  // Apollo's hideSchemaDetailsFromClientErrors covers validation only; a variable's value gets suggestions too
  // ("Did you mean the enum value …?"), so every message loses them here.
  const shown = (formatted: GraphQLFormattedError): GraphQLFormattedError =>
    options.hideSchemaDetails
      ? { ...formatted, message: formatted.message.replace(/ ?Did you mean(.+?)\?$/, '') }
      : formatted;
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError =>
    shown(classify(formatted, error, options.production));
}

function classify(
  formatted: GraphQLFormattedError,
  error: unknown,
  production: boolean,
): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (code !== 'INTERNAL_SERVER_ERROR' && code !== undefined) return formatted;
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const reason = retryReason(original);
  if (reason) {
    console.warn(
      `[graphql] retryable database failure (${reason}):`,
      redactMessage(String(((original instanceof PartlySaved ? original.cause : original) as Error).message)),
    );
    return {
      message: retryMessage(reason, original instanceof PartlySaved ? original.saved : undefined),
      path: formatted.path,
      extensions: { code: 'RETRYABLE', reason },
    };
  }
  if (aboutTheDocument(error))
    return {
      message: formatted.message,
      locations: formatted.locations,
      extensions: { code: 'BAD_USER_INPUT' },
    };
  console.error('[graphql] fault:', faultForLog(original));
  if (production) return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  return formatted;
}

/**
 * Raised before anything ran, at a place in the client's document, by graphql-js
 * itself (a variable of the wrong type, met when a plugin reads the variables):
 * our code's errors carry a code, and a resolver's carry a path.
 */
function aboutTheDocument(error: unknown): boolean {
  return (
    error instanceof GraphQLError &&
    !error.path &&
    (error.nodes?.length ?? 0) > 0 &&
    (!error.originalError || error.originalError instanceof GraphQLError)
  );
}

/**
 * Apollo takes a status only from errors thrown before execution (and then
 * defaults to 500); an error at a field path answers 200. The status follows the
 * codes the client sees: RETRYABLE anywhere is 503 with Retry-After, and a
 * request refused before it ran for its own mistake is 400.
 */
export function httpStatusPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          const codes = new Set((errors ?? []).map((e) => e.extensions?.code));
          if (codes.has('RETRYABLE')) {
            response.http.status = 503;
            response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
          } else if (
            data === undefined &&
            codes.size > 0 &&
            !codes.has('INTERNAL_SERVER_ERROR') &&
            (response.http.status ?? 500) === 500
          )
            response.http.status = 400;
        },
      };
    },
  };
}
