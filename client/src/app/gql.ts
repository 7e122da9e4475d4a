import type { LoginMutation } from '../gql/generated';

/**
 * Operation result and variable types are generated from server/schema.graphql into
 * src/gql/generated.ts (`pnpm --filter @ft/client codegen`); never edit that file by hand.
 * Operations are plain `gql` documents typed as `TypedDocumentNode<XQuery, XQueryVariables>`.
 */

/** Every mutation selects its user errors as `userErrors { field code message }`; the client also makes its own. */
export type UserError = Omit<LoginMutation['login']['userErrors'][number], '__typename'>;
