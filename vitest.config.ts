import { defineConfig } from 'vitest/config';

// Database suites (tests/integration) run on PostgreSQL: TEST_DATABASE_URL's, or the built-in
// server started once for the run (tests/setup/postgres-template.ts); each test file gets a
// database of its own, copied from a migrated template.
export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true as const, test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'tests/system/**/*.test.ts'] } },
      // Restarts the machine's Postgres: run on its own (`.ci/run`), never beside other suites.
      ...(process.env.PG_RESTART_COMMAND ? [{ extends: true as const, test: { name: 'pg-restart', include: ['tests/restart/**/*.test.ts'] } }] : []),
      {
        extends: true as const,
        test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], globalSetup: 'tests/setup/postgres-template.ts' },
      },
    ],
  },
});
