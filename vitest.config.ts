import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // One throwaway PostgreSQL cluster per run for the store tests (or TEST_DATABASE_URL).
    globalSetup: ['tests/support/postgres-cluster.ts'],
  },
});
