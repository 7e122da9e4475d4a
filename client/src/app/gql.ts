import { gql } from '@apollo/client';
import type { TypedDocumentNode } from '@apollo/client';

/** Hand-written result types for each operation, checked against server/schema.graphql by the e2e suite. */
export function typed<TData, TVars extends Record<string, unknown> = Record<string, never>>(
  strings: TemplateStringsArray,
  ...values: unknown[]
): TypedDocumentNode<TData, TVars> {
  return gql(strings, ...values) as TypedDocumentNode<TData, TVars>;
}

export interface UserError {
  field: string[] | null;
  code: string;
  message: string;
}
