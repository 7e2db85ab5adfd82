import PgBoss from 'pg-boss';
import type { Database } from '../db/client.js';
import type { JobName, JobQueue } from '../services/deps.js';

export const JOB_NAMES: JobName[] = ['link-item', 'refresh-item', 'sync-item', 'revoke-items', 'daily'];

/**
 * pg-boss on CashView's own database. On PGlite it goes through `executeSql`: statements with
 * parameters as one query, pg-boss's multi-statement scripts (migrations, locks) through exec.
 */
function adapterFor(database: Database, stopped: () => boolean): PgBoss.Db {
  const run: PgBoss.Db['executeSql'] = database.pglite
    ? async (text, values) => {
        if (values && values.length > 0) return database.pglite!.query(text, values);
        const results = await database.pglite!.exec(text);
        return results.at(-1) ?? { rows: [] };
      }
    : (text, values) => database.pool!.query(text, values);
  return {
    // After stop, a job still running past the graceful timeout (waiting on a slow Plaid) must
    // not touch the closing database: its bookkeeping never completes, and the job runs again
    // after the restart (every job is safe to repeat).
    executeSql: (text, values) => (stopped() ? new Promise(() => {}) : run(text, values)),
  };
}

export interface QueueOptions {
  pollingIntervalSeconds?: number;
  retryDelaySeconds?: number;
}

export interface StartedQueue extends JobQueue {
  boss: PgBoss;
  stop(): Promise<void>;
}

export async function startQueue(database: Database, options: QueueOptions = {}, onError: (error: Error) => void = () => {}): Promise<StartedQueue> {
  let stopped = false;
  const boss = new PgBoss({
    db: adapterFor(database, () => stopped),
    schema: 'pgboss',
    // Maintenance (archiving, expiring) every few minutes is plenty for CashView's volumes.
    maintenanceIntervalSeconds: 300,
  });
  boss.on('error', onError);
  await boss.start();
  for (const name of JOB_NAMES) await boss.createQueue(name);
  const retryDelay = options.retryDelaySeconds ?? 5;
  return {
    boss,
    async send(name, data, sendOptions = {}) {
      await boss.send(name, data, {
        retryLimit: sendOptions.retryLimit ?? 5,
        retryDelay,
        retryBackoff: true,
        expireInSeconds: 15 * 60,
        ...(sendOptions.singletonKey && { singletonKey: sendOptions.singletonKey }),
      });
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 8_000, close: false, wait: true });
      stopped = true;
    },
  };
}
