import type { LoginMutation } from '../gql/generated';

/**
 * Operation result and variable types are generated from server/schema.graphql into
 * src/gql/generated.ts (`pnpm --filter @ft/client codegen`); never edit that file by hand.
 * Operations are plain `gql` documents typed as `TypedDocumentNode<XQuery, XQueryVariables>`.
 */

type SelectedUserError = Omit<LoginMutation['login']['userErrors'][number], '__typename'>;

/**
 * Every mutation selects its user errors as `userErrors { field code message }`; the client also makes its own.
 * Login also selects `params`, the values its messages name, so the sign-in page can word them itself.
 */
export type UserError = Omit<SelectedUserError, 'params'> & Partial<Pick<SelectedUserError, 'params'>>;

/** A userError's `params` (a JSON object); empty when it has none or they cannot be read. */
export function userErrorParams(error: UserError): Record<string, unknown> {
  if (!error.params) return {};
  try {
    const params: unknown = JSON.parse(error.params);
    return params && typeof params === 'object' && !Array.isArray(params)
      ? (params as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
