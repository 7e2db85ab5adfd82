import { Writable } from 'node:stream';
import { PlaidClient } from '../../src/integrations/plaid/client.js';
import { PlaidSimulator, SIMULATOR_CLIENT_ID, SIMULATOR_SECRET } from '../../src/integrations/plaid/simulator/server.js';
import { createSmsSender } from '../../src/integrations/twilio/sms.js';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, TEST_FROM, TwilioSimulator } from '../../src/integrations/twilio/simulator/server.js';
import type { QueueOptions, StartedQueue } from '../../src/jobs/queue.js';
import { startWorkers } from '../../src/jobs/workers.js';
import { buildApp, type App } from '../../src/server/app.js';
import { composeCashView } from '../../src/server/compose.js';
import { loadConfig } from '../../src/server/config.js';
import { serviceLogger } from '../../src/server/logger.js';
import { createKeyring, generateKeySpec } from '../../src/services/crypto/keyring.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { createTestDatabase } from './database.js';

export interface TestContext {
  app: App;
  deps: ServiceDeps;
  database: Awaited<ReturnType<typeof createTestDatabase>>;
  simulator: PlaidSimulator;
  twilio: TwilioSimulator;
  queue: StartedQueue;
  clock: { now: Date; advance(ms: number): void };
  /** Every log line the app wrote, to check that secrets stay out of them. */
  logs: string[];
  /** The encryption key, for child processes that must read the same sealed values. */
  keySpec: string;
  close(): Promise<void>;
}

/**
 * A whole CashView for one test file: its own database, the simulated Plaid and Twilio on
 * loopback ports reached through the official SDKs, pg-boss workers on that database, a clock the test moves,
 * and captured logs. Webhooks from the simulator are delivered into the app.
 */
export async function createTestApp(env: Record<string, string> = {}, options: { queue?: QueueOptions } = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', CASHVIEW_DATA_DIR: 'data-unused', PLAID_WEBHOOK_URL: 'http://127.0.0.1/api/plaid/webhook', ...env });
  const keySpec = generateKeySpec();
  const keyring = createKeyring(keySpec);
  // Real time plus whatever the test moved it by: other parts (the simulated Plaid's signed
  // webhooks) keep real time, so a clock that stood still would drift away from them.
  let offsetMs = 0;
  const clock = {
    get now() {
      return new Date(Date.now() + offsetMs);
    },
    set now(value: Date) {
      offsetMs = value.getTime() - Date.now();
    },
    advance(ms: number) {
      offsetMs += ms;
    },
  };
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const delivery: { app?: App } = {};
  const simulator = await PlaidSimulator.start({
    deliverWebhook: async (url, body, headers) => {
      await delivery.app?.inject({ method: 'POST', url: new URL(url).pathname, payload: body, headers: { ...headers, 'content-type': 'application/json' } });
    },
  });
  const plaid = new PlaidClient({ mode: 'simulated', basePath: simulator.url, clientId: SIMULATOR_CLIENT_ID, secret: SIMULATOR_SECRET, timeoutMs: 10_000, syncPageSize: 50 });
  const twilio = await TwilioSimulator.start();
  const sms = createSmsSender({ accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN, from: TEST_FROM, baseUrl: twilio.url, timeoutMs: 10_000 });
  const cashView = await composeCashView(config, {
    database,
    keyring,
    plaid,
    sms,
    now: () => clock.now,
    fastify: { logger: { level: 'info', stream } },
    log: serviceLogger('info', stream),
    queue: { retryDelaySeconds: 1, ...options.queue },
  });
  const { queue, services: deps } = cashView;
  const app = await buildApp(cashView.appDeps);
  delivery.app = app;
  // No daily schedule: a test runs the daily job itself when it wants one.
  await startWorkers(queue.boss, deps, 0.5, null);
  return {
    app,
    deps,
    database,
    simulator,
    twilio,
    queue,
    clock,
    logs,
    keySpec,
    async close() {
      await app.close();
      await cashView.close();
      await simulator.close();
      await twilio.close();
      await database.close();
    },
  };
}
