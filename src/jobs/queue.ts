import PgBoss from 'pg-boss';
import type { Database } from '../db/client.js';
import type { JobName, JobQueue } from '../services/deps.js';

/**
 * How long a job may stay taken before pg-boss counts its worker as dead and hands it out again
 * (quality.md: a worker killed mid-job leaves nothing stuck for more than a minute). Bank calls
 * time out well within this; the daily job runs for minutes and is taken once per day anyway.
 */
export const JOB_EXPIRY_SECONDS: Record<JobName, number> = {
  'link-item': 40,
  'refresh-item': 40,
  'sync-item': 40,
  'revoke-items': 5 * 60,
  'deliver-alerts': 5 * 60,
  daily: 3 * 60 * 60,
};
export const JOB_NAMES = Object.keys(JOB_EXPIRY_SECONDS) as JobName[];
/** How often expired jobs are looked for: with the expiry above, a dead worker's link is retried within a minute. */
const MAINTENANCE_SECONDS = 15;

/** pg-boss on CashView's own pool (its connections count with the app's). */
function adapterFor(database: Database, stopped: () => boolean): PgBoss.Db {
  return {
    // After stop, a job still running past the graceful timeout (waiting on a slow Plaid) must
    // not touch the closing database: its bookkeeping never completes, and the job runs again
    // after the restart (every job is safe to repeat).
    executeSql: (text, values) => (stopped() ? new Promise(() => {}) : database.pool.query(text, values)),
  };
}

export interface QueueOptions {
  pollingIntervalSeconds?: number;
  retryDelaySeconds?: number;
  /** Tests shorten both to see a dead worker's job taken up again. */
  expireInSeconds?: number;
  maintenanceIntervalSeconds?: number;
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
    // Maintenance (expiring jobs of dead workers, archiving) is a few cheap statements.
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? MAINTENANCE_SECONDS,
  });
  boss.on('error', onError);
  // Processes starting at once against a new database would collide creating pg-boss's schema
  // and deadlock creating the same queues: one at a time, under a lock of the database's own.
  const lock = await database.pool.connect();
  try {
    await lock.query('select pg_advisory_lock(7243912)');
    await boss.start();
    for (const name of JOB_NAMES) if (!(await boss.getQueue(name))) await boss.createQueue(name);
  } finally {
    await lock.query('select pg_advisory_unlock(7243912)').catch(() => undefined);
    lock.release();
  }
  const retryDelay = options.retryDelaySeconds ?? 5;
  return {
    boss,
    async send(name, data, sendOptions = {}) {
      await boss.send(name, data, {
        retryLimit: sendOptions.retryLimit ?? 5,
        retryDelay,
        retryBackoff: true,
        expireInSeconds: options.expireInSeconds ?? JOB_EXPIRY_SECONDS[name],
        ...(sendOptions.singletonKey && { singletonKey: sendOptions.singletonKey }),
        ...(sendOptions.startAfter && { startAfter: sendOptions.startAfter }),
      });
    },
    async stop() {
      // Jobs still running after 5 s are left to expire and be taken up again (the process has 10 s in all).
      await boss.stop({ graceful: true, timeout: 5_000, close: false, wait: true });
      stopped = true;
    },
  };
}
