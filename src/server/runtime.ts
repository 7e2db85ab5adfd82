import path from 'node:path';
import { openDatabase, type Database } from '../db/client.js';
import { PlaidClient } from '../integrations/plaid/client.js';
import { PlaidSimulator, SIMULATOR_CLIENT_ID, SIMULATOR_SECRET } from '../integrations/plaid/simulator/server.js';
import { createSmsSender, type SmsSender } from '../integrations/twilio/sms.js';
import { startQueue, type StartedQueue } from '../jobs/queue.js';
import type { Keyring } from '../services/crypto/keyring.js';
import type { Config } from './config.js';
import { loadKeyring } from './encryption-key.js';

/** Everything CashView runs on, wired from the configuration: for `npm start` and the commands. */
export interface Runtime {
  config: Config;
  database: Database;
  keyring: Keyring;
  plaid: PlaidClient;
  queue: StartedQueue;
  sms: SmsSender;
  simulator?: PlaidSimulator;
  crashPoint?: (name: string) => void;
  close(): Promise<void>;
}

export async function startRuntime(config: Config, onQueueError: (error: Error) => void = () => {}): Promise<Runtime> {
  const keyring = loadKeyring(config);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let simulator: PlaidSimulator | undefined;
  try {
    if (config.plaid.mode === 'simulated') {
      // The simulated sandbox keeps its items beside the data, so linked banks survive restarts.
      simulator = await PlaidSimulator.start({
        port: config.plaid.simulatorPort,
        latencyMs: config.plaid.simulatorLatencyMs,
        stateFile: path.join(config.dataDir, 'plaid-simulator.json'),
      });
    }
    const plaid = new PlaidClient(
      simulator
        ? { mode: 'simulated', basePath: simulator.url, clientId: SIMULATOR_CLIENT_ID, secret: SIMULATOR_SECRET }
        : { mode: config.plaid.mode, clientId: config.plaid.clientId!, secret: config.plaid.secret! },
    );
    const queue = await startQueue(database, {}, onQueueError);
    return {
      config,
      database,
      keyring,
      plaid,
      queue,
      sms: createSmsSender(config.twilio),
      simulator,
      crashPoint: config.crashAfter ? crashAfter(config.crashAfter) : undefined,
      async close() {
        await queue.stop().catch(() => undefined);
        await simulator?.close();
        await database.close();
      },
    };
  } catch (error) {
    await simulator?.close();
    await database.close();
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
