import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { runDaily } from '../src/services/daily.js';
import { firstLoadJs, LIMIT_KB } from '../scripts/check-bundle.mjs';
import { person, seedDashboard, seedItems, startBench } from './harness.js';
import { lighthouseScores } from './lighthouse.js';

// `npm run bench` (full) or `npm run bench -- --quick` (under two minutes, run in CI).
const quick = process.argv.includes('--quick');
const results: Record<string, unknown> = { mode: quick ? 'quick' : 'full', machine: `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`, at: new Date().toISOString() };
const rows: [string, string, string][] = [];
const report = (name: string, value: string, target: string) => {
  rows.push([name, value, target]);
  console.log(`  ${name}: ${value}   (${target})`);
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function load(url: string, options: Partial<autocannon.Options>) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    autocannon({ url, connections: 10, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** Link, refresh and delete answer at once while every simulated Plaid call takes 5 s. */
async function apiLatencyWithSlowPlaid() {
  console.log('API latency with the simulated Plaid at 5 s per call…');
  const bench = await startBench({ PLAID_SIM_LATENCY_MS: '5000' });
  try {
    const { user, headers: withJson } = await person(bench.deps);
    const { 'content-type': _json, ...headers } = withJson;
    const ids = (await seedItems(bench, user.id, quick ? 400 : 1200)).slice();
    const amount = quick ? 300 : 1000;
    const token = 'public-sandbox-00000000-0000-4000-8000-000000000000';
    const link = async (n: number) => load(`${bench.url}/api/institutions`, { method: 'POST', headers: withJson, body: JSON.stringify({ publicToken: token }), amount: n });
    let next = 0;
    const refresh = async (n: number) => load(bench.url, { headers, amount: n, requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, path: `/api/institutions/${ids[next++ % 40]}/refresh` }) }] });
    let victim = 40;
    const remove = async (n: number) => load(bench.url, { headers, amount: n, requests: [{ method: 'DELETE', setupRequest: (req) => ({ ...req, path: `/api/institutions/${ids[victim++]}` }) }] });
    // Warm-up (first requests compile routes and queries), not measured.
    await link(30);
    await refresh(30);
    await remove(30);
    const measured = { link: await link(amount), refresh: await refresh(amount), remove: await remove(amount) };
    for (const [name, r, expected] of [['link (POST /api/institutions)', measured.link, 202], ['refresh', measured.refresh, 202], ['delete institution', measured.remove, 204]] as const) {
      const ok = r.statusCodeStats?.[`${expected}`]?.count ?? 0;
      results[`latency_${name.split(' ')[0]}`] = { p50: r.latency.p50, p99: r.latency.p99, ok, total: r.requests.total };
      report(`${name} with Plaid at 5 s`, `p50 ${ms(r.latency.p50)}, p99 ${ms(r.latency.p99)}, ${ok}/${r.requests.total} answered ${expected}`, 'p99 well under 100 ms');
    }
  } finally {
    await bench.close();
  }
}

/** GET /api/dashboard for 10 institutions, 60 accounts, 50,000 transactions, against a trivial route, in one run. */
async function dashboardThroughput(databaseUrl?: string) {
  const label = databaseUrl ? 'Postgres' : 'PGlite';
  console.log(`Dashboard throughput on ${label}…`);
  const bench = await startBench(databaseUrl ? { DATABASE_URL: databaseUrl } : {});
  try {
    const { user, headers } = await person(bench.deps);
    await seedDashboard(bench.deps, user.id);
    const duration = quick ? 5 : 20;
    await load(`${bench.url}/api/dashboard`, { headers, duration: 2 }); // warm up
    const ping = await load(`${bench.url}/api/ping`, { duration });
    const dashboard = await load(`${bench.url}/api/dashboard`, { headers, duration });
    const ratio = dashboard.requests.average / ping.requests.average;
    results[`dashboard_${label.toLowerCase()}`] = { rps: dashboard.requests.average, pingRps: ping.requests.average, ratio, p50: dashboard.latency.p50, p99: dashboard.latency.p99, non2xx: dashboard.non2xx };
    report(`dashboard on ${label} (10 inst., 60 acc., 50k tx)`, `${dashboard.requests.average.toFixed(0)} req/s = ${ratio.toFixed(2)} × /api/ping (${ping.requests.average.toFixed(0)} req/s); p50 ${ms(dashboard.latency.p50)}, p99 ${ms(dashboard.latency.p99)} at 10 connections`, 'ratio ≥ 0.3');
  } finally {
    await bench.close();
  }
}

/** The daily job over many items with 200 ms per Plaid call, against items × latency ÷ concurrency. */
async function dailyJob() {
  const count = quick ? 300 : 10_000;
  const concurrency = quick ? 30 : 100;
  console.log(`Daily job over ${count} items…`);
  const bench = await startBench({ PLAID_SIM_LATENCY_MS: '200' });
  try {
    const { user } = await person(bench.deps);
    await seedItems(bench, user.id, count);
    const started = Date.now();
    const outcome = await runDaily(bench.deps, { concurrency, resetDemo: false });
    const elapsed = (Date.now() - started) / 1000;
    // Each item is two Plaid calls in a row (live balances, then the transactions sync).
    const bound = (count * 2 * 0.2) / concurrency;
    const peaks = Object.fromEntries(bench.runtime.simulator!.switches.peakPerItemPerMinute);
    const failed = Number((await bench.deps.db.execute(sql`select count(*)::int as n from items where health is not null`) as unknown as { rows: { n: number }[] }).rows[0]!.n);
    results.daily = { items: count, concurrency, elapsedSeconds: elapsed, boundSeconds: bound, ratio: elapsed / bound, refreshed: outcome.refreshed, failed, peakCallsPerItemPerMinute: peaks };
    report(`daily job, ${count} items, 200 ms Plaid, concurrency ${concurrency}`, `${elapsed.toFixed(1)} s vs bound ${bound.toFixed(1)} s (${(elapsed / bound).toFixed(2)} ×); ${outcome.refreshed} refreshed, ${failed} failed`, 'close to the bound');
    report('highest per-item Plaid calls per minute', Object.entries(peaks).map(([k, v]) => `${k} ${v}`).join(', '), 'balance ≤ 5, sync ≤ 50');
  } finally {
    await bench.close();
  }
}

/** `npm start` on an existing data directory: time to the first healthy answer, and peak RSS under load. */
async function startup() {
  console.log('Start-up time and memory…');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cashview-bench-start-'));
  const port = 3000 + Math.floor(Math.random() * 2000) + 20000;
  const start = async () => {
    const began = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { ...process.env, CASHVIEW_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '' },
      stdio: 'ignore',
    });
    for (;;) {
      // Only a start that will never come ends this wait; the step's own limit reports it.
      if (Date.now() - began > 240_000) throw new Error('CashView did not start within 240 s');
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
      if (ok) return { child, seconds: (Date.now() - began) / 1000 };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const stop = async (child: ReturnType<typeof spawn>) => {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.on('exit', resolve));
  };
  try {
    const first = await start();
    await stop(first.child);
    const runs: number[] = [];
    let rssMb = 0;
    for (let i = 0; i < (quick ? 1 : 3); i++) {
      const run = await start();
      runs.push(run.seconds);
      await load(`http://127.0.0.1:${port}/api/ping`, { amount: 2000 });
      const status = fs.readFileSync(`/proc/${run.child.pid}/status`, 'utf8');
      rssMb = Math.max(rssMb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
      await stop(run.child);
    }
    const median = runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
    results.startup = { firstStartSeconds: first.seconds, restartSeconds: runs, medianSeconds: median, peakRssMb: rssMb };
    report('npm start to first healthy answer (existing data)', `${median.toFixed(2)} s (first start ${first.seconds.toFixed(2)} s)`, '< 5 s');
    report('peak RSS of the server', `${rssMb.toFixed(0)} MB`, 'reported');
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Lighthouse's mobile profile on the dashboard of a person with 10 institutions and 60 accounts. */
async function lighthouse() {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(chromium) || !fs.existsSync('dist/web/index.html')) {
    report('Lighthouse on the dashboard', `not run (${fs.existsSync(chromium) ? 'web app not built: npm run build' : `no Chromium at ${chromium}`})`, 'performance and accessibility ≥ 95');
    return;
  }
  console.log('Lighthouse on the dashboard…');
  const bench = await startBench({});
  try {
    const { user, headers } = await person(bench.deps);
    await seedDashboard(bench.deps, user.id);
    // A browser that fails to start is reported, not allowed to take the other figures with it.
    const scores = await lighthouseScores(`${bench.url}/dashboard`, headers.cookie).catch((error: Error) => error);
    if (scores instanceof Error) {
      results.lighthouse = { error: scores.message };
      report('Lighthouse on the dashboard (mobile profile)', `could not run: ${scores.message}`, 'performance and accessibility ≥ 95');
      return;
    }
    results.lighthouse = scores;
    report('Lighthouse on the dashboard (mobile profile)', `performance ${scores.performance}, accessibility ${scores.accessibility}`, 'performance and accessibility ≥ 95');
  } finally {
    await bench.close();
  }
}

function bundle() {
  if (!fs.existsSync('dist/web/index.html')) {
    report('first-load JavaScript', 'not built (npm run build)', `≤ ${LIMIT_KB} KB gz`);
    return;
  }
  const { totalKb } = firstLoadJs('dist/web');
  results.firstLoadJsKb = totalKb;
  report('first-load JavaScript', `${totalKb.toFixed(1)} KB gzipped`, `≤ ${LIMIT_KB} KB gz`);
}

/**
 * One step of the benchmark: one that fails or runs past its limit is reported in the table
 * (and the JSON), and every other step still runs and is written (a slow machine never loses them all).
 */
async function step(name: string, limitMs: number, run: () => Promise<void> | void) {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not finish within ${limitMs / 1000} s`)), limitMs);
  });
  try {
    await Promise.race([Promise.resolve().then(run), limit]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    failedSteps[name] = message;
    report(name, `not measured: ${message}`, 'a figure');
  } finally {
    clearTimeout(timer);
  }
}

const failedSteps: Record<string, string> = {};
results.failedSteps = failedSteps;
const began = Date.now();
const minutes = (n: number) => n * 60_000;
await step('API latency with Plaid at 5 s', minutes(quick ? 4 : 10), apiLatencyWithSlowPlaid);
await step('dashboard throughput (embedded database)', minutes(5), () => dashboardThroughput());
if (process.env.DATABASE_URL) await step('dashboard throughput (Postgres)', minutes(5), () => dashboardThroughput(process.env.DATABASE_URL));
await step('daily job', minutes(quick ? 5 : 15), dailyJob);
await step('start-up time and memory', minutes(8), startup);
await step('Lighthouse', minutes(10), lighthouse);
await step('first-load JavaScript', minutes(1), bundle);

results.rows = rows;
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync('bench/results/latest.json', `${JSON.stringify(results, null, 2)}\n`);
const width = Math.max(...rows.map((r) => r[0].length));
console.log(`\nCashView benchmark (${results.mode}) on ${results.machine}, ${((Date.now() - began) / 1000).toFixed(0)} s\n`);
console.log(`${'figure'.padEnd(width)} | measured | target`);
console.log(`${'-'.repeat(width)}-|----------|-------`);
for (const [name, value, target] of rows) console.log(`${name.padEnd(width)} | ${value} | ${target}`);
console.log('\nWritten to bench/results/latest.json');
process.exit(0);
