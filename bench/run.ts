import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { runDaily } from '../src/services/daily.js';
import { firstLoadJs, LIMIT_KB } from '../scripts/check-bundle.mjs';
import { person, seedBalanceHistory, seedDashboard, seedItems, startBench } from './harness.js';
import { lighthouseScores } from './lighthouse.js';
import { startSimulatorProcess } from './simulator-process.js';

// `npm run bench` (full) or `npm run bench -- --quick` (under two minutes, run in CI).
const quick = process.argv.includes('--quick');
// `-- --only daily` runs only the steps whose name contains that text.
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
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
  const label = databaseUrl ? 'DATABASE_URL' : 'built-in PostgreSQL';
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
    results[databaseUrl ? 'dashboard_database_url' : 'dashboard_builtin'] = { rps: dashboard.requests.average, pingRps: ping.requests.average, ratio, p50: dashboard.latency.p50, p99: dashboard.latency.p99, non2xx: dashboard.non2xx };
    report(`dashboard on ${label} (10 inst., 60 acc., 50k tx)`, `${dashboard.requests.average.toFixed(0)} req/s = ${ratio.toFixed(2)} × /api/ping (${ping.requests.average.toFixed(0)} req/s); p50 ${ms(dashboard.latency.p50)}, p99 ${ms(dashboard.latency.p99)} at 10 connections`, 'ratio ≥ 0.6');
  } finally {
    await bench.close();
  }
}

/**
 * The daily job over many items with 200 ms per Plaid call, the simulated Plaid in a process of its
 * own (so the CPU counted is CashView's): time against items × latency ÷ concurrency and CPU per
 * item, then the API's p99 for other people while the job runs again (the next day).
 */
async function dailyJob() {
  const count = quick ? 1_000 : 10_000;
  const concurrency = quick ? 50 : 100;
  console.log(`Daily job over ${count} items…`);
  const simulator = await startSimulatorProcess(200);
  const bench = await startBench({ PLAID_SIM_URL: simulator.url });
  try {
    const { user } = await person(bench.deps);
    await seedItems(bench, user.id, count, simulator);
    const cpuBefore = process.cpuUsage();
    const started = Date.now();
    const outcome = await runDaily(bench.deps, { concurrency, resetDemo: false });
    const elapsed = (Date.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuPerItemMs = (cpu.user + cpu.system) / 1000 / count;
    // Each item is two Plaid calls in a row (live balances, then the transactions sync).
    const bound = (count * 2 * 0.2) / concurrency;
    const failed = Number((await bench.deps.db.execute(sql`select count(*)::int as n from items where health is not null`) as unknown as { rows: { n: number }[] }).rows[0]!.n);
    results.daily = { items: count, concurrency, elapsedSeconds: elapsed, boundSeconds: bound, ratio: elapsed / bound, refreshed: outcome.refreshed, failed, cpuPerItemMs };
    report(`daily job, ${count} items, 200 ms Plaid, concurrency ${concurrency}`, `${elapsed.toFixed(1)} s vs bound ${bound.toFixed(1)} s (${(elapsed / bound).toFixed(2)} ×); ${outcome.refreshed} refreshed, ${failed} failed`, 'close to the bound');
    report('daily job CPU per item (CashView process)', `${cpuPerItemMs.toFixed(2)} ms`, '≤ 3 ms');

    // Other people read their dashboards while the job runs again.
    const reader = await person(bench.deps);
    await seedDashboard(bench.deps, reader.user.id, { institutions: 3, accountsPer: 4, transactions: 2_000, days: 90 });
    await load(`${bench.url}/api/dashboard`, { headers: reader.headers, duration: 2 }); // warm up
    const quiet = await load(`${bench.url}/api/dashboard`, { headers: reader.headers, duration: 5 });
    const nextDay = new Date(Date.now() + 24 * 3600_000);
    const running = runDaily(bench.deps, { concurrency, resetDemo: false, asOf: nextDay });
    const busy = await load(`${bench.url}/api/dashboard`, { headers: reader.headers, duration: Math.max(5, Math.min(20, Math.floor(bound * 0.8))) });
    const again = await running;
    results.apiDuringDaily = { p50: busy.latency.p50, p99: busy.latency.p99, quietP99: quiet.latency.p99, rps: busy.requests.average, refreshedMeanwhile: again.refreshed, non2xx: busy.non2xx };
    report(
      `API p99 while the daily job refreshes ${count} items (same process)`,
      `GET /api/dashboard p99 ${ms(busy.latency.p99)} (p50 ${ms(busy.latency.p50)}; ${(busy.latency.p99 / Math.max(quiet.latency.p99, 0.1)).toFixed(1)} × its p99 with no job) at 10 connections, ${busy.non2xx} errors`,
      '< 100 ms',
    );

    // The same, with the job in a process of its own (`npm run jobs:daily`, as a worker would run it).
    const built = spawnSync('node', ['scripts/build-if-stale.mjs', '--server'], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error('the server could not be built');
    const dayAfter = new Date(Date.now() + 48 * 3600_000).toISOString().slice(0, 10);
    const worker = spawn(process.execPath, ['dist/server/cli.js', 'daily', '--reset-demo', 'false', '--as-of', dayAfter], {
      env: { ...process.env, DATABASE_URL: bench.runtime.database.url, CASHVIEW_DATA_DIR: bench.runtime.config.dataDir, PLAID_SIM_URL: simulator.url, DAILY_JOB_CONCURRENCY: String(concurrency), LOG_LEVEL: 'silent', NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let workerOutput = '';
    worker.stdout!.on('data', (chunk) => (workerOutput += chunk));
    const workerDone = new Promise<number | null>((resolve) => worker.on('exit', resolve));
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // let it get going
    const split = await load(`${bench.url}/api/dashboard`, { headers: reader.headers, duration: Math.max(5, Math.min(20, Math.floor(bound * 0.8))) });
    const workerExit = await workerDone;
    results.apiDuringDailyElsewhere = { p50: split.latency.p50, p99: split.latency.p99, non2xx: split.non2xx, workerExit, worker: workerOutput.trim() };
    report(
      `API p99 while a separate process runs the daily job on ${count} items`,
      `GET /api/dashboard p99 ${ms(split.latency.p99)} (p50 ${ms(split.latency.p50)}) at 10 connections, ${split.non2xx} errors; the job: ${workerExit === 0 ? workerOutput.match(/"refreshed":\d+/)?.[0] ?? 'done' : `exit ${workerExit}`}`,
      '< 100 ms',
    );
  } finally {
    await bench.close();
    await simulator.close();
  }
}

/**
 * The dashboard of a person whose data changes under them: a sync writes 2,000 transactions in
 * 500-row statements, one transaction at a time, while 10 readers ask; every version is computed
 * once (single flight) and answered fresh.
 */
async function dashboardUnderWrites() {
  console.log('Cold dashboard with 10 readers while a sync writes…');
  const bench = await startBench({});
  try {
    const { user, headers } = await person(bench.deps);
    await seedDashboard(bench.deps, user.id);
    const { rows: [account] } = (await bench.deps.db.execute(sql`select id, item_id from accounts where user_id = ${user.id} and subtype = 'checking' limit 1`)) as unknown as { rows: { id: string; item_id: string }[] };
    let writing = true;
    let commits = 0;
    const writer = (async () => {
      for (let batch = 0; writing; batch++) {
        await bench.deps.db.transaction(async (tx) => {
          for (let part = 0; part < 4; part++) {
            await tx.execute(sql`insert into transactions (item_id, user_id, plaid_transaction_id, account_id, amount_cents, currency, date, pending, name, category_primary)
              select ${account!.item_id}, ${user.id}, 'sync-' || ${batch} || '-' || ${part} || '-' || g, ${account!.id}, 100 + g, 'USD', current_date, false, 'Sync', 'FOOD_AND_DRINK' from generate_series(1, 500) g`);
          }
        });
        commits++;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();
    const ping = await load(`${bench.url}/api/ping`, { duration: 5 });
    const readers = await load(`${bench.url}/api/dashboard`, { headers, duration: quick ? 5 : 15 });
    writing = false;
    await writer;
    results.dashboardUnderWrites = { p50: readers.latency.p50, p99: readers.latency.p99, rps: readers.requests.average, pingP99: ping.latency.p99, versions: commits, non2xx: readers.non2xx };
    report(
      'cold dashboard, 10 readers, a sync committing 2,000 rows every 250 ms',
      `p50 ${ms(readers.latency.p50)}, p99 ${ms(readers.latency.p99)}, ${readers.requests.average.toFixed(0)} req/s over ${commits} versions, ${readers.non2xx} errors`,
      'reported',
    );
  } finally {
    await bench.close();
  }
}

/**
 * History at scale (quality.md): one person with 60 accounts, 500,000 transactions over 5 years and
 * a balance per account and day for 5 years. Each read's p99 as one person meets it (one request
 * after another), beside /api/ping's measured the same way in the same run; the first page again at
 * 10 connections (ten people at once); and the CSV export's memory while it streams every row.
 */
async function historyAtScale() {
  console.log('History at scale: seeding 500,000 transactions and 5 years of daily balances…');
  const bench = await startBench({});
  try {
    const { user, headers } = await person(bench.deps);
    const days = 5 * 365 + 1;
    await seedDashboard(bench.deps, user.id, { institutions: 10, accountsPer: 6, transactions: 500_000, days });
    await seedBalanceHistory(bench.deps, user.id, days);
    const { rows: [account] } = (await bench.deps.db.execute(sql`select id from accounts where user_id = ${user.id} and subtype = 'checking' limit 1`)) as unknown as { rows: { id: string }[] };
    const today = new Date().toISOString().slice(0, 10);
    const dayBack = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    // A cursor 200 pages deep: keyset paging costs the same there as on page 1.
    let cursor = '';
    for (let page = 0; page < 40; page++) {
      const answer = (await (await fetch(`${bench.url}/api/transactions?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers })).json()) as { nextCursor: string };
      cursor = answer.nextCursor;
    }
    const reads: [string, string][] = [
      ['transactions, first page', '/api/transactions'],
      ['transactions, page 400 (by cursor)', `/api/transactions?cursor=${encodeURIComponent(cursor)}`],
      ['transactions, search (common word)', '/api/transactions?search=starbucks'],
      ['transactions, search (no match)', '/api/transactions?search=zqxv'],
      ['transactions, one account', `/api/transactions?accountId=${account!.id}`],
      ['transactions, one category', '/api/transactions?category=TRAVEL'],
      ['transactions, a month', `/api/transactions?from=${dayBack(400)}&to=${dayBack(370)}`],
      ['transactions, pending only', '/api/transactions?pending=true'],
      ['transactions, amount range', '/api/transactions?minAmountCents=-1500&maxAmountCents=-1400'],
      ['transactions, budget-counted in a month', `/api/transactions?budgeted=true&from=${dayBack(30)}&to=${today}`],
      ['net worth history, all 5 years', '/api/net-worth/history'],
      ['net worth history, 1 year', `/api/net-worth/history?from=${dayBack(365)}`],
      ['a day explained', `/api/net-worth/history/${dayBack(1000)}`],
      ['spending by category, this month', '/api/spending'],
      ['spending by category, 3 years ago', `/api/spending?month=${dayBack(1095).slice(0, 7)}`],
    ];
    const duration = quick ? 3 : 8;
    const ping = await load(`${bench.url}/api/ping`, { duration, connections: 1 });
    const figures: Record<string, { p50: number; p99: number; ratioToPing: number; non2xx: number }> = {};
    for (const [name, url] of reads) {
      await load(`${bench.url}${url}`, { headers, amount: 20 }); // warm up
      const r = await load(`${bench.url}${url}`, { headers, duration, connections: 1 });
      // Latencies come in whole milliseconds, and ping's p99 at one connection is 0 or 1 ms: the ratio is of the means.
      figures[name] = { p50: r.latency.p50, p99: r.latency.p99, ratioToPing: r.latency.average / Math.max(ping.latency.average, 0.01), non2xx: r.non2xx };
      report(
        `${name} (500k tx, 60 acc., 5 y)`,
        `p99 ${ms(r.latency.p99)} (ping's ${ms(ping.latency.p99)}); mean ${ms(r.latency.average)} = ${figures[name].ratioToPing.toFixed(1)} × ping's mean; ${r.non2xx} errors`,
        'p99 < 50 ms',
      );
    }
    const pingBusy = await load(`${bench.url}/api/ping`, { duration });
    const busy = await load(`${bench.url}/api/transactions`, { headers, duration });
    figures['first page at 10 connections'] = { p50: busy.latency.p50, p99: busy.latency.p99, ratioToPing: busy.latency.p99 / Math.max(pingBusy.latency.p99, 0.1), non2xx: busy.non2xx };
    report(
      'transactions, first page, 10 connections at once',
      `p99 ${ms(busy.latency.p99)} = ${(busy.latency.p99 / Math.max(pingBusy.latency.p99, 0.1)).toFixed(1)} × /api/ping's p99 at 10 connections (${ms(pingBusy.latency.p99)}); ${busy.requests.average.toFixed(0)} req/s`,
      'reported',
    );
    // The history computed afresh (the first read after data changed), one request at a time.
    const cold: number[] = [];
    for (let i = 0; i < (quick ? 3 : 10); i++) {
      await bench.deps.db.execute(sql`update users set data_version = data_version + 1 where id = ${user.id}`);
      const started = performance.now();
      await (await fetch(`${bench.url}/api/net-worth/history`, { headers })).arrayBuffer();
      cold.push(performance.now() - started);
    }
    cold.sort((a, b) => a - b);
    report('net worth history after a change (computed afresh)', `median ${ms(cold[Math.floor(cold.length / 2)]!)}, worst ${ms(cold.at(-1)!)}`, 'reported (then served from the cache)');

    // The export: the process's memory while streaming every row. Garbage not yet collected moves
    // RSS too, so what shows "flat" is the growth over the last 400,000 rows against the first 100,000.
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const started = performance.now();
    const response = await fetch(`${bench.url}/api/export/transactions.csv`, { headers });
    let bytes = 0;
    let lines = 0;
    let peakAtFirst100k = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (const byte of chunk) if (byte === 10) lines++;
      if (!peakAtFirst100k && lines > 100_000) peakAtFirst100k = Math.max(peak, process.memoryUsage().rss);
    }
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const mb = (n: number) => n / 2 ** 20;
    const first = mb(peakAtFirst100k - before);
    const rest = mb(peak - peakAtFirst100k);
    figures.csv = { p50: 0, p99: performance.now() - started, ratioToPing: 0, non2xx: response.ok ? 0 : 1 };
    results.historyExport = { rows: lines - 1, megabytes: mb(bytes), growthFirst100kMb: first, growthLast400kMb: rest, seconds: (performance.now() - started) / 1000 };
    report(
      'transactions CSV export (500,000 rows)',
      `${mb(bytes).toFixed(0)} MB, ${lines - 1} rows in ${((performance.now() - started) / 1000).toFixed(1)} s; process memory grew ${first.toFixed(0)} MB over the first 100,000 rows and ${rest.toFixed(0)} MB over the last 400,000`,
      'memory flat (not proportional to rows)',
    );
    results.history = figures;
  } finally {
    await bench.close();
  }
}

/** Proportional set size (kB) of a process: its private memory plus its share of what it shares. */
function pssKb(pid: number): number {
  try {
    return Number(/^Pss:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** A process and all its descendants (PostgreSQL's postmaster and its backends). */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const ppid = Number(fs.readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // gone meanwhile
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

/** The demo refreshes its bank (the server's first Plaid call loads the SDK); PSS of all processes once idle again. */
async function pssAfterFirstPlaidCall(port: number, serverPid: number, postmaster: number): Promise<number> {
  const base = `http://127.0.0.1:${port}`;
  const anon = await fetch(`${base}/api/session`);
  const pre = anon.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await anon.json()) as { csrfToken: string };
  const signIn = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: pre, 'x-csrf-token': csrfToken }, body: JSON.stringify({ username: 'Test_User', password: 'pass_good' }) });
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = ((await signIn.json()) as { csrfToken: string }).csrfToken;
  type Board = { institutions: { id: string; refreshedAt: string | null }[] };
  const board = async () => (await (await fetch(`${base}/api/dashboard`, { headers: { cookie } })).json()) as Board;
  const before = (await board()).institutions[0]!;
  await fetch(`${base}/api/institutions/${before.id}/refresh`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: '{}' });
  for (let i = 0; i < 200 && (await board()).institutions[0]!.refreshedAt === before.refreshedAt; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  return (pssKb(serverPid) + processTree(postmaster).reduce((sum, pid) => sum + pssKb(pid), 0)) / 1024;
}

/**
 * `npm start`'s compiled server on an empty data directory (first start: the built-in PostgreSQL
 * created, the demo linked), then on the same one again (restart): time to the first healthy
 * answer, and the idle PSS of every CashView process, PostgreSQL's included, after some traffic.
 */
async function startup() {
  console.log('Start-up time and memory…');
  const built = spawnSync('node', ['scripts/build-if-stale.mjs', '--server'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('the server could not be built');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cashview-bench-start-'));
  fs.chmodSync(dataDir, 0o755);
  const port = 3000 + Math.floor(Math.random() * 2000) + 20000;
  const start = async () => {
    const began = Date.now();
    const child = spawn(process.execPath, ['dist/server/main.js'], {
      env: { ...process.env, CASHVIEW_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '' },
      stdio: 'ignore',
    });
    for (;;) {
      // Only a start that will never come ends this wait; the step's own limit reports it.
      if (Date.now() - began > 240_000) throw new Error('CashView did not start within 240 s');
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
      if (ok) return { child, seconds: (Date.now() - began) / 1000 };
      await new Promise((resolve) => setTimeout(resolve, 20));
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
    let idlePssMb = 0;
    let serverPssMb = 0;
    let afterPlaidPssMb = 0;
    for (let i = 0; i < (quick ? 2 : 5); i++) {
      const run = await start();
      runs.push(run.seconds);
      await load(`http://127.0.0.1:${port}/api/ping`, { amount: 2000 });
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const postmaster = Number(fs.readFileSync(path.join(dataDir, 'postgres', 'cluster', 'postmaster.pid'), 'utf8').split('\n')[0]);
      const server = pssKb(run.child.pid!) / 1024;
      const all = server + processTree(postmaster).reduce((sum, pid) => sum + pssKb(pid), 0) / 1024;
      idlePssMb = Math.max(idlePssMb, all);
      serverPssMb = Math.max(serverPssMb, server);
      if (i === 0) afterPlaidPssMb = await pssAfterFirstPlaidCall(port, run.child.pid!, postmaster);
      await stop(run.child);
    }
    const sorted = [...runs].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    results.startup = { firstStartSeconds: first.seconds, restartSeconds: runs, medianRestartSeconds: median, idlePssMb, serverPssMb, afterPlaidPssMb };
    report('first start (empty data directory: PostgreSQL created, demo linked)', `${first.seconds.toFixed(2)} s`, '≤ 5 s');
    report('restart (existing data)', `median ${median.toFixed(2)} s of ${runs.length} (min ${sorted[0]!.toFixed(2)}, max ${sorted.at(-1)!.toFixed(2)})`, '≤ 1.2 s');
    report('idle PSS of all CashView processes (PostgreSQL included)', `${idlePssMb.toFixed(0)} MB (the Node server ${serverPssMb.toFixed(0)} MB)`, '≤ 160 MB');
    report('the same, idle again after its first Plaid call (the SDK loaded)', `${afterPlaidPssMb.toFixed(0)} MB`, '≤ 160 MB');
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
  if (only && !name.includes(only)) return;
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
await step('dashboard throughput (built-in PostgreSQL)', minutes(5), () => dashboardThroughput());
if (process.env.DATABASE_URL) await step('dashboard throughput (DATABASE_URL)', minutes(5), () => dashboardThroughput(process.env.DATABASE_URL));
await step('dashboard under writes', minutes(5), dashboardUnderWrites);
await step('daily job', minutes(quick ? 5 : 15), dailyJob);
await step('history at scale', minutes(15), historyAtScale);
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
