import type PgBoss from 'pg-boss';
import { JOB_EXPIRY_SECONDS } from './queue.js';
import { runLink } from '../services/banking/link-item.js';
import { runRefresh, runSync } from '../services/banking/refresh-item.js';
import { runRevocations } from '../services/banking/remove-item.js';
import { runDaily } from '../services/daily.js';
import type { JobAttempt, JobName, ServiceDeps } from '../services/deps.js';

type Handler = (deps: ServiceDeps, data: Record<string, string>, attempt: JobAttempt) => Promise<unknown>;

const HANDLERS: Record<JobName, Handler> = {
  'link-item': (deps, data, attempt) => runLink(deps, { itemId: data.itemId!, publicToken: data.publicToken! }, attempt),
  'refresh-item': (deps, data, attempt) => runRefresh(deps, data.itemId!, attempt),
  'sync-item': (deps, data) => runSync(deps, data.itemId!),
  'revoke-items': (deps) => runRevocations(deps),
  daily: (deps, data) => runDaily(deps, { concurrency: Number(data.concurrency ?? 8) }),
};

/** Takes jobs of one name, one at a time. */
export async function startWorker(boss: PgBoss, deps: ServiceDeps, name: JobName, pollingIntervalSeconds = 1): Promise<void> {
  const handler = HANDLERS[name];
  await boss.work<Record<string, string>>(name, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds }, async ([job]) => {
    if (!job) return;
    await handler(deps, job.data, { final: job.retryCount >= job.retryLimit });
  });
}

/** Each job calls one service; pg-boss retries a thrown error with backoff until its limit. */
export async function startWorkers(
  boss: PgBoss,
  deps: ServiceDeps,
  pollingIntervalSeconds = 1,
  daily: { cron: string; concurrency: number } | null = { cron: '0 12 * * *', concurrency: 8 },
): Promise<void> {
  for (const name of Object.keys(HANDLERS) as JobName[]) await startWorker(boss, deps, name, pollingIntervalSeconds);
  // Revocations that failed wait in their table; sweep them up regularly.
  await boss.schedule('revoke-items', '*/10 * * * *', {});
  // Once a day (12:00 UTC unless DAILY_JOB_CRON says otherwise); pg-boss runs a schedule once across instances.
  if (daily) await boss.schedule('daily', daily.cron, { concurrency: String(daily.concurrency) }, { tz: 'UTC', retryLimit: 1, expireInSeconds: JOB_EXPIRY_SECONDS.daily });
}
