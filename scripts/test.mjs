// `npm test`: Vitest (unit + integration, on PGlite and, with TEST_DATABASE_URL, Postgres too),
// then Playwright in Debian's Chromium. Ends with one line: "tests: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
fs.mkdirSync('test-results', { recursive: true });
const run = (cmd, args, env = {}) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
const readJson = (file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null);

let passed = 0;
let failed = 0;
let skipped = 0;

fs.rmSync('test-results/vitest.json', { force: true });
const vitestStatus = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json']);
const vitest = readJson('test-results/vitest.json');
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  skipped += vitest.numPendingTests + vitest.numTodoTests;
  // A suite that failed to load has no tests to count: it counts as one failure of its own.
  failed += vitest.testResults.filter((suite) => suite.status === 'failed' && suite.assertionResults.length === 0).length;
}
if (vitestStatus !== 0 && failed === 0) failed += 1; // the run itself broke (a suite failed to load)

let e2eStatus = 0;
if (!fs.existsSync(chromium)) {
  const how = 'install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH)';
  if (ci) {
    console.error(`\nBrowser tests need Chromium at ${chromium}, and CI must run them: ${how}.`);
    failed += 1;
    e2eStatus = 1;
  } else {
    console.warn(`\n*** NOTICE: browser tests SKIPPED: no Chromium at ${chromium}; ${how}. ***\n`);
  }
} else {
  e2eStatus = run('node', ['scripts/build-if-stale.mjs']);
  if (e2eStatus === 0) {
    fs.rmSync('test-results/playwright.json', { force: true });
    e2eStatus = run('npx', ['playwright', 'test'], { CHROMIUM_PATH: chromium });
    const report = readJson('test-results/playwright.json');
    if (report) {
      passed += report.stats.expected + report.stats.flaky;
      failed += report.stats.unexpected;
      skipped += report.stats.skipped;
    }
  }
  if (e2eStatus !== 0 && failed === 0) failed += 1;
}

console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(vitestStatus !== 0 || e2eStatus !== 0 || failed > 0 ? 1 : 0);
