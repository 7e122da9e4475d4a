import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['./support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    // Each file drives its own browser against the one server; a few at a time keeps this machine responsive.
    maxWorkers: 3,
  },
});
