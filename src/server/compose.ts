import path from 'node:path';
import type { FastifyServerOptions } from 'fastify';
import { openDatabase, type Database } from '../db/client.js';
import { PlaidClient } from '../integrations/plaid/client.js';
import { PlaidSimulator, SIMULATOR_CLIENT_ID, SIMULATOR_SECRET } from '../integrations/plaid/simulator/server.js';
import { createSmsSender, type SmsSender } from '../integrations/twilio/sms.js';
import { createEmailSender, type EmailSender } from '../integrations/email/sender.js';
import type { WebhookOptions } from '../integrations/webhooks/deliver.js';
import { startQueue, type QueueOptions, type StartedQueue } from '../jobs/queue.js';
import type { Keyring } from '../services/crypto/keyring.js';
import type { ServiceDeps } from '../services/deps.js';
import { servicesOf, type AppDeps } from './app.js';
import type { Config } from './config.js';
import { loadKeyring } from './encryption-key.js';

/** What a caller brings instead of what the configuration would make (tests: their own database, clock, logs). */
export interface CashViewOverrides {
  database?: Database;
  keyring?: Keyring;
  plaid?: PlaidClient;
  sms?: SmsSender;
  email?: EmailSender;
  webhooks?: WebhookOptions;
  now?: () => Date;
  log?: ServiceDeps['log'];
  fastify?: FastifyServerOptions;
  queue?: QueueOptions;
  /** Progress of slow first-start work, for the person watching the terminal. */
  progress?: (message: string) => void;
}

/** Everything CashView runs on, wired once from the configuration: for `npm start`, the commands, the benchmark and the tests. */
export interface CashView {
  config: Config;
  database: Database;
  keyring: Keyring;
  plaid: PlaidClient;
  queue: StartedQueue;
  sms: SmsSender;
  simulator?: PlaidSimulator;
  /** What `buildApp` takes. */
  appDeps: AppDeps;
  /** What use cases and jobs take. */
  services: ServiceDeps;
  /** Stops the queue and closes what this call opened (not what was passed in). */
  close(): Promise<void>;
}

export async function composeCashView(config: Config, overrides: CashViewOverrides = {}): Promise<CashView> {
  const keyring = overrides.keyring ?? loadKeyring(config);
  const database = overrides.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log: overrides.progress }));
  const ownsDatabase = !overrides.database;
  let simulator: PlaidSimulator | undefined;
  try {
    if (!overrides.plaid && config.plaid.mode === 'simulated' && !config.plaid.simulatorUrl) {
      // The simulated sandbox keeps its items beside the data, so linked banks survive restarts.
      simulator = await PlaidSimulator.start({
        port: config.plaid.simulatorPort,
        latencyMs: config.plaid.simulatorLatencyMs,
        stateFile: path.join(config.dataDir, 'plaid-simulator.json'),
      });
    }
    const plaid =
      overrides.plaid ??
      new PlaidClient(
        config.plaid.mode === 'simulated'
          ? { mode: 'simulated', basePath: config.plaid.simulatorUrl ?? simulator!.url, clientId: SIMULATOR_CLIENT_ID, secret: SIMULATOR_SECRET }
          : { mode: config.plaid.mode, clientId: config.plaid.clientId!, secret: config.plaid.secret! },
      );
    const queue = await startQueue(database, overrides.queue);
    const sms = overrides.sms ?? createSmsSender(config.twilio);
    const appDeps: AppDeps = {
      config,
      database,
      keyring,
      plaid,
      jobs: queue,
      sms,
      email: overrides.email ?? createEmailSender(config.email),
      webhooks: overrides.webhooks ?? config.webhooks,
      now: overrides.now,
      crashPoint: config.crashAfter ? crashAfter(config.crashAfter) : undefined,
      fastify: overrides.fastify,
      log: overrides.log,
    };
    return {
      config,
      database,
      keyring,
      plaid,
      queue,
      sms,
      simulator,
      appDeps,
      services: servicesOf(appDeps),
      async close() {
        await queue.stop().catch(() => undefined);
        await simulator?.close();
        if (ownsDatabase) await database.close();
      },
    };
  } catch (error) {
    await simulator?.close();
    if (ownsDatabase) await database.close();
    throw error;
  }
}

/** Fault injection: SIGKILL at the Nth crash point, as a power cut would stop the process. */
function crashAfter(hits: number) {
  let seen = 0;
  return (name: string) => {
    if (++seen === hits) {
      process.stderr.write(`fault injection: killed at crash point ${hits} (${name})\n`);
      process.kill(process.pid, 'SIGKILL');
    }
  };
}
