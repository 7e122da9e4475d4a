import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Client types come from the schema by code generation; never edit the generated file.
 * `pnpm codegen` writes src/gql/generated.ts from server/schema.graphql and the `gql`
 * documents under src/; `pnpm codegen:check` (`--check`, a dry run) fails when that file is
 * stale, and `pnpm typecheck` runs it first. Never edit the generated file by hand.
 *
 * typescript-operations 6 emits the enums and input types the operations use itself, so the
 * `typescript` plugin (every schema type) is not in the list: both in one file declare those
 * types twice.
 */
const config: CodegenConfig = {
  schema: '../server/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  generates: {
    'src/gql/generated.ts': {
      plugins: ['typescript-operations'],
      config: {
        // Enums as string-literal unions (the typescript plugin's `enumsAsTypes`).
        enumType: 'string-literal',
        // Nullable result fields are `T | null`, never optional.
        avoidOptionals: { field: true, object: true, inputValue: false, defaultValue: false },
        scalars: { Date: 'string', DateTime: 'string' },
        // Apollo Client adds __typename to every selection set but the operation's root one.
        nonOptionalTypename: true,
        skipTypeNameForRoot: true,
        useTypeImports: true,
      },
    },
  },
};

export default config;
