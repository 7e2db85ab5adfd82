import type PgBoss from 'pg-boss';
import { z } from 'zod';
import { runLink } from '../services/banking/link-item.js';
import { runRefresh, runSync } from '../services/banking/refresh-item.js';
import { runRevocations } from '../services/banking/remove-item.js';
import { runDaily } from '../services/daily.js';
import { deliverNotifications } from '../services/notifications/deliver.js';
import type { JobAttempt, JobName, ServiceDeps } from '../services/deps.js';
import { JOB_EXPIRY_SECONDS } from './queue.js';

const itemJob = z.strictObject({ itemId: z.uuid() });

/**
 * Each job: the payload it takes (checked like any other input: a job is the one input that
 * does not come through a route) and the one service it calls.
 */
const JOBS: { [name in JobName]: { payload: z.ZodType; run: (deps: ServiceDeps, data: never, attempt: JobAttempt) => Promise<unknown> } } = {
  'link-item': {
    payload: z.strictObject({ itemId: z.uuid(), publicToken: z.string().min(1) }),
    run: (deps, data: { itemId: string; publicToken: string }, attempt) => runLink(deps, data, attempt),
  },
  'refresh-item': { payload: itemJob, run: (deps, data: { itemId: string }, attempt) => runRefresh(deps, data.itemId, attempt) },
  'sync-item': { payload: itemJob, run: (deps, data: { itemId: string }) => runSync(deps, data.itemId) },
  'revoke-items': { payload: z.strictObject({}), run: (deps) => runRevocations(deps) },
  'deliver-alerts': { payload: z.strictObject({}), run: (deps) => deliverNotifications(deps) },
  daily: {
    payload: z.strictObject({ concurrency: z.coerce.number().int().min(1).max(1_000).optional() }),
    run: (deps, data: { concurrency?: number }) => runDaily(deps, { concurrency: data.concurrency ?? 8 }),
  },
};

/** A payload no worker can take: it fails (visibly, in the log and in pg-boss), the worker goes on. */
export class BadJobPayload extends Error {
  constructor(name: string, issues: string) {
    super(`The ${name} job's payload was refused: ${issues}`);
    this.name = 'BadJobPayload';
  }
}

/**
 * Runs one job through the one wrapper every job takes: the payload checked, failures logged with
 * the job and item ids, and the error handed back to pg-boss, which retries it with backoff until
 * its limit (a temporary failure gets its next try; a bad payload fails the same way each time).
 */
export async function runJob(deps: ServiceDeps, name: JobName, job: { id: string; data: unknown; retryCount: number; retryLimit: number }): Promise<void> {
  const { payload, run } = JOBS[name];
  const parsed = payload.safeParse(job.data ?? {});
  const itemId = (job.data as { itemId?: unknown } | null)?.itemId;
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'payload'} ${issue.message}`).join('; ');
    deps.log.error({ job: name, jobId: job.id, issues }, 'job payload refused');
    throw new BadJobPayload(name, issues);
  }
  try {
    await run(deps, parsed.data as never, { final: job.retryCount >= job.retryLimit });
  } catch (error) {
    const final = job.retryCount >= job.retryLimit;
    deps.log[final ? 'error' : 'warn']({ job: name, jobId: job.id, itemId, attempt: job.retryCount + 1, final, err: error }, final ? 'job failed for good' : 'job failed; it will be tried again');
    throw error;
  }
}

/** Takes jobs of one name, one at a time. */
export async function startWorker(boss: PgBoss, deps: ServiceDeps, name: JobName, pollingIntervalSeconds = 1): Promise<void> {
  await boss.work<unknown>(name, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds }, async ([job]) => {
    if (job) await runJob(deps, name, job);
  });
}

/** Every job's worker, the revocation sweep and the daily schedule. */
export async function startWorkers(
  boss: PgBoss,
  deps: ServiceDeps,
  pollingIntervalSeconds = 1,
  daily: { cron: string; concurrency: number } | null = { cron: '0 12 * * *', concurrency: 8 },
): Promise<void> {
  for (const name of Object.keys(JOBS) as JobName[]) await startWorker(boss, deps, name, pollingIntervalSeconds);
  // Revocations that failed wait in their table; sweep them up regularly.
  await boss.schedule('revoke-items', '*/10 * * * *', {});
  // Once a day (12:00 UTC unless DAILY_JOB_CRON says otherwise); pg-boss runs a schedule once across instances.
  if (daily) await boss.schedule('daily', daily.cron, { concurrency: daily.concurrency }, { tz: 'UTC', retryLimit: 1, expireInSeconds: JOB_EXPIRY_SECONDS.daily });
}
