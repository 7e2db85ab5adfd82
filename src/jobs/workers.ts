import type PgBoss from 'pg-boss';
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

/** Each job calls one service; pg-boss retries a thrown error with backoff until its limit. */
export async function startWorkers(
  boss: PgBoss,
  deps: ServiceDeps,
  pollingIntervalSeconds = 1,
  daily: { cron: string; concurrency: number } | null = { cron: '0 12 * * *', concurrency: 8 },
): Promise<void> {
  for (const [name, handler] of Object.entries(HANDLERS)) {
    await boss.work<Record<string, string>>(name, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds }, async ([job]) => {
      if (!job) return;
      await handler(deps, job.data, { final: job.retryCount >= job.retryLimit });
    });
  }
  // Revocations that failed wait in their table; sweep them up regularly.
  await boss.schedule('revoke-items', '*/10 * * * *', {});
  // Once a day (12:00 UTC unless DAILY_JOB_CRON says otherwise); pg-boss runs a schedule once across instances.
  if (daily) await boss.schedule('daily', daily.cron, { concurrency: String(daily.concurrency) }, { tz: 'UTC', retryLimit: 1 });
}
