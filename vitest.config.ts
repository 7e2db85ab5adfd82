import { defineConfig } from 'vitest/config';

// Database suites (tests/integration) run on PGlite always, and on Postgres too when
// TEST_DATABASE_URL is set; each test file gets a database of its own either way.
const databaseProjects = [
  { name: 'pglite', globalSetup: 'tests/setup/pglite-snapshot.ts' },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'postgres', globalSetup: 'tests/setup/postgres-template.ts' }] : []),
];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true as const, test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'tests/system/**/*.test.ts'] } },
      // Restarts the machine's Postgres: run on its own (`.ci/run`), never beside other suites.
      ...(process.env.PG_RESTART_COMMAND ? [{ extends: true as const, test: { name: 'pg-restart', include: ['tests/restart/**/*.test.ts'] } }] : []),
      ...databaseProjects.map(({ name, globalSetup }) => ({
        extends: true as const,
        test: { name, include: ['tests/integration/**/*.test.ts'], globalSetup, env: { TEST_DB: name } },
      })),
    ],
  },
});
