import { DataDirLockedError } from '../db/lock.js';
import { startWorkers } from '../jobs/workers.js';
import { ensureDemo } from '../services/demo/demo-user.js';
import { buildApp, servicesOf } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { newControlSecret, writeControlFile } from './control.js';
import { startRuntime, type Runtime } from './runtime.js';

const SHUTDOWN_DEADLINE_MS = 10_000;

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
  handleShutdown(app, runtime, removeControlFile);
}

/** Stop taking work, finish what is in flight, release jobs, close the database, gone within 10 s. */
function handleShutdown(app: { close(): Promise<void>; log: { info(msg: string): void } }, runtime: Runtime, cleanUp: () => void) {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info(`${signal} received: finishing requests in flight, then stopping`);
    const deadline = setTimeout(() => {
      console.error(`CashView did not stop within ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting anyway.`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
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

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(error.message);
  } else {
    console.error('CashView could not start:', error);
  }
  process.exit(1);
});
