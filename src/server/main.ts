import { Worker } from 'node:worker_threads';
import { BuiltinPostgresError } from '../db/builtin-postgres.js';
import { startWorkers } from '../jobs/workers.js';
import { ensureDemo } from '../services/demo/demo-user.js';
import { buildApp } from './app.js';
import { composeCashView, type CashView } from './compose.js';
import { ConfigError, loadConfig } from './config.js';
import { serviceLogger } from './logger.js';

// quality.md says 10 s; the watchdog fires before that, so the whole process tree is gone by then
// even on a busy machine (the wrapper processes need a moment to follow).
const SHUTDOWN_DEADLINE_MS = 7_000;

/**
 * `npm start`: by CASHVIEW_ROLE, the web server (HTTP; it queues jobs), the worker (jobs and the
 * daily schedule) or both in this one process (the default, decision 016).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = serviceLogger(config.logLevel, undefined, 'start');
  // Taken from the start: a stop asked for while starting closes what has started so far.
  const running: Running = {};
  handleShutdown(running, log);
  let cashView: CashView;
  try {
    cashView = running.cashView = await composeCashView(config, { progress: (message) => log.info(message) });
    cashView.queue.boss.on('error', (error) => log.error({ err: error }, 'job queue error'));
    if (config.role !== 'worker') {
      const app = (running.app = await buildApp(cashView.appDeps));
      await ensureDemo(cashView.services);
      await app.listen({ host: config.host, port: config.port });
    }
    if (config.role !== 'web') await startWorkers(cashView.queue.boss, cashView.services, 1, config.daily);
  } catch (error) {
    await running.app?.close().catch(() => undefined);
    await running.cashView?.close().catch(() => undefined);
    throw error;
  }
  const where = cashView.database.builtin ? `the built-in PostgreSQL in ${config.dataDir}` : 'the PostgreSQL of DATABASE_URL';
  const serving = running.app ? `ready on http://${config.host}:${config.port}` : 'running jobs (worker role)';
  log.info(`CashView is ${serving} (data: ${where}; Plaid: ${config.plaid.mode}; role: ${config.role})`);
  if (config.hangOnExit) process.on('exit', () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0));
}

interface Running {
  app?: { close(): Promise<void> };
  cashView?: CashView;
}

/**
 * Stop taking work, finish what is in flight, release jobs, close the database (and the built-in
 * server when no other CashView uses it): gone within 10 s, unconditionally. The deadline is kept
 * by a watchdog thread, not a timer on this thread: a timer cannot fire while the thread is stuck
 * (an `exit` listener such as the logger's final flush spinning on a stdout pipe nobody reads),
 * and an unref'd one may never fire at all.
 */
function handleShutdown(running: Running, log: { info(msg: string): void }) {
  let stoppingSince = 0;
  const stop = (signal: string) => {
    if (stoppingSince) {
      // The same signal reaching every process of the group (Ctrl-C, a supervisor) arrives twice
      // through a wrapper: only a later one means "stop now".
      if (Date.now() - stoppingSince > REPEAT_MEANS_NOW_MS) killNow();
      return;
    }
    stoppingSince = Date.now();
    startWatchdog(SHUTDOWN_DEADLINE_MS);
    log.info(`${signal} received: finishing requests in flight, then stopping`);
    Promise.resolve()
      .then(() => running.app?.close())
      .then(() => running.cashView?.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error('CashView could not stop cleanly:', error);
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

const REPEAT_MEANS_NOW_MS = 2_000;
const killNow = () => process.kill(process.pid, 'SIGKILL');

/**
 * A thread that ends the process after `ms`, whatever this thread is doing by then. It writes
 * nothing first: a write to a full stderr pipe would block it too.
 */
function startWatchdog(ms: number) {
  const watchdog = new Worker(
    `const { workerData } = require('node:worker_threads');
     Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.max(0, workerData.deadline - Date.now()));
     process.kill(workerData.pid, 'SIGKILL');`,
    // The deadline counts from the signal, not from when the thread got going on a busy machine.
    { eval: true, workerData: { deadline: Date.now() + ms, pid: process.pid } },
  );
  // It must not keep the process alive once everything else has closed.
  watchdog.unref();
}

main().catch(async (error: unknown) => {
  if (error instanceof ConfigError || error instanceof BuiltinPostgresError) {
    console.error(error.message);
  } else {
    console.error('CashView could not start:', error);
  }
  process.exit(1);
});
