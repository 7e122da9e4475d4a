import { defineConfig } from 'vitest/config';

/** Not part of the suite: writes a screenshot of every screen in both languages to /tmp/screens. */
export default defineConfig({
  test: {
    include: ['screens/**/*.test.ts'],
    globalSetup: ['./support/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 90_000,
  },
});
