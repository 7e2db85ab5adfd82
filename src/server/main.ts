import { Worker } from 'node:worker_threads';
import { DataDirLockedError } from '../db/lock.js';
import { startWorkers } from '../jobs/workers.js';
import { ensureDemo } from '../services/demo/demo-user.js';
import { buildApp, servicesOf } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { newControlSecret, writeControlFile } from './control.js';
import { startRuntime, type Runtime } from './runtime.js';

// quality.md says 10 s; the watchdog fires before that, so the whole process tree is gone by then
// even on a busy machine (the wrapper processes need a moment to follow).
const SHUTDOWN_DEADLINE_MS = 7_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const runtime = await startRuntime(config);
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let removeControlFile = () => {};
  try {
    const controlSecret = newControlSecret();
    const deps = { config, database: runtime.database, keyring: runtime.keyring, plaid: runtime.plaid, jobs: runtime.queue, sms: runtime.sms, crashPoint: runtime.crashPoint, controlSecret };
    app = await buildApp(deps);
    const services = servicesOf(deps);
    runtime.queue.boss.on('error', (error) => app!.log.error({ err: error }, 'job queue error'));
    await ensureDemo(services);
    await app.listen({ host: config.host, port: config.port });
    await startWorkers(runtime.queue.boss, services, 1, config.daily);
    const port = (app.server.address() as { port: number }).port;
    removeControlFile = writeControlFile(config.dataDir, port, controlSecret);
  } catch (error) {
    await app?.close();
    await runtime.close();
    throw error;
  }
  const where = config.databaseUrl ? 'Postgres' : `the embedded database in ${config.dataDir}`;
  app.log.info(`CashView is ready on http://${config.host}:${config.port} (data: ${where}; Plaid: ${config.plaid.mode})`);
  if (config.hangOnExit) process.on('exit', () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0));
  handleShutdown(app, runtime, removeControlFile);
}

/**
 * Stop taking work, finish what is in flight, release jobs, close the database: gone within 10 s,
 * unconditionally. The deadline is kept by a watchdog thread, not a timer on this thread: a
 * timer cannot fire while the thread is stuck (an `exit` listener such as the logger's final
 * flush spinning on a stdout pipe nobody reads), and an unref'd one may never fire at all.
 */
function handleShutdown(app: { close(): Promise<void>; log: { info(msg: string): void } }, runtime: Runtime, cleanUp: () => void) {
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
    app.log.info(`${signal} received: finishing requests in flight, then stopping`);
    cleanUp();
    app
      .close()
      .then(() => runtime.close())
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

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(error.message);
  } else {
    console.error('CashView could not start:', error);
  }
  process.exit(1);
});
