import { openDatabase, type Database } from '../db/client.js';
import { DataDirLockedError } from '../db/lock.js';
import { ensureDemoUser } from '../services/demo/demo-user.js';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { loadKeyring } from './encryption-key.js';

const SHUTDOWN_DEADLINE_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const keyring = loadKeyring(config);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    await ensureDemoUser({ db: database.db, keyring, now: () => new Date() });
    app = await buildApp({ config, database, keyring });
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app?.close();
    await database.close();
    throw error;
  }
  const where = config.databaseUrl ? 'Postgres' : `the embedded database in ${config.dataDir}`;
  app.log.info(`CashView is ready on http://${config.host}:${config.port} (data: ${where})`);
  handleShutdown(app, database);
}

/** Stop taking work, finish what is in flight, close the database, and be gone within 10 s. */
function handleShutdown(app: { close(): Promise<void>; log: { info(msg: string): void } }, database: Database) {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info(`${signal} received: finishing requests in flight, then stopping`);
    const deadline = setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    app
      .close()
      .then(() => database.close())
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
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
