import { Writable } from 'node:stream';
import { buildApp, type App } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { createKeyring, generateKeySpec } from '../../src/services/crypto/keyring.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { createTestDatabase } from './database.js';

export interface TestContext {
  app: App;
  deps: ServiceDeps;
  database: Awaited<ReturnType<typeof createTestDatabase>>;
  clock: { now: Date; advance(ms: number): void };
  /** Every log line the app wrote, to check that secrets stay out of them. */
  logs: string[];
  close(): Promise<void>;
}

/** A CashView with its own database, a clock the test moves, and its logs captured. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', CASHVIEW_DATA_DIR: 'data-unused', ...env });
  const keyring = createKeyring(generateKeySpec());
  const clock = {
    now: new Date(),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const now = () => clock.now;
  const app = await buildApp({ config, database, keyring, now, fastify: { logger: { level: 'info', stream } } });
  return {
    app,
    deps: { db: database.db, keyring, now },
    database,
    clock,
    logs,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
