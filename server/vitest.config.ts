import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql 16 ships CJS and ESM builds; Node (and so type-graphql) loads the CJS
// one, so our code must too, or `instanceof GraphQLScalarType` fails across copies.
const graphqlCjs = createRequire(import.meta.url).resolve('graphql');

// Every integration test runs twice: on SQLite and on MariaDB (TEST_DB), each
// test file on a fresh database of its own.
export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlCjs }] },
  test: {
    pool: 'forks',
    setupFiles: ['reflect-metadata'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      // *.mariadb.test.ts need a real server connection to break (KILL); they run in the MariaDB project only.
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['test/**/*.test.ts'],
          env: { TEST_DB: 'sqlite' },
          exclude: ['test/**/*.mariadb.test.ts', 'test/**/*.galera.test.ts', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'mariadb',
          include: ['test/**/*.test.ts'],
          env: { TEST_DB: 'mariadb' },
          exclude: ['test/**/*.galera.test.ts', '**/node_modules/**'],
        },
      },
      // *.galera.test.ts run servers on the nodes of the cluster scripts/galera-cluster.sh starts.
      {
        extends: true,
        test: { name: 'galera', env: { TEST_DB: 'mariadb' }, include: ['test/**/*.galera.test.ts'] },
      },
    ],
  },
});
