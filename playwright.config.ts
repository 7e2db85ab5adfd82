import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { alertEnv, E2E_PORT } from './e2e/fixtures/server-env.js';

// The browser tests drive the real server (`npm start`'s entry point) on a fresh built-in PostgreSQL
// in Debian's Chromium: no browser download, no outside network.
const port = E2E_PORT;
// Made once by the runner; its workers load this file again and inherit the variable, so specs that
// run commands against the server (npm run jobs:daily) find the server's own data directory.
process.env.CASHVIEW_E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'cashview-e2e-'));
const dataDir = process.env.CASHVIEW_E2E_DATA_DIR;

export default defineConfig({
  testDir: 'e2e',
  globalTeardown: './e2e/teardown.ts',
  outputDir: 'test-results/playwright-artifacts',
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  // Generous: on a loaded 2-core machine a whole link takes a while; every wait is for a condition.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: 'node --import tsx src/server/main.ts',
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    // Stopped as a person would stop it, so it stops its PostgreSQL too.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    timeout: 60_000,
    env: {
      HOST: '127.0.0.1',
      PORT: String(port),
      CASHVIEW_DATA_DIR: dataDir,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
      SIGN_UPS_PER_HOUR: '1000',
      SIGN_IN_ATTEMPTS_PER_HOUR: '1000',
      // Every call to the simulated Plaid takes a moment, as Plaid's do: a link is seen "linking".
      PLAID_SIM_LATENCY_MS: '250',
      ...alertEnv,
    },
  },
});
