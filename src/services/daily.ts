import { localDay } from '../domain/budgets.js';
import { claimForDailyRefresh, findLinkedItemIds, releaseDailyRefresh } from '../db/repositories/items.js';
import { runRefresh } from './banking/refresh-item.js';
import { forEachLimit } from './concurrency.js';
import { resetDemo } from './demo/demo-user.js';
import type { ServiceDeps } from './deps.js';
import { deliverNotifications } from './notifications/deliver.js';
import { evaluateAlerts } from './alerts/evaluate.js';
import { usersWithAlertSettings } from '../db/repositories/alerts.js';
import { evaluateDueTrackers } from './notifications/evaluate.js';

/** Items a lane claims at once, at most: few enough that a crash or an uneven end leaves little undone. */
const CLAIM_BATCH = 5;

export interface DailyOptions {
  /** Run as of another moment (operators and tests: `npm run jobs:daily -- --as-of 2026-12-01`). */
  asOf?: Date;
  concurrency?: number;
  resetDemo?: boolean;
}

/**
 * product.md section 5: refresh every item (bounded concurrency, Plaid's per-item limits kept by
 * the client, one failure never stopping the rest, each item taken once per day however many
 * processes run this), recompute and handle every due tracker, deliver, and reset the demo.
 */
export async function runDaily(deps: ServiceDeps, options: DailyOptions = {}) {
  const asOf = options.asOf ?? deps.now();
  const day = localDay(asOf, 'UTC');
  const counts = { refreshed: 0, failed: 0, skipped: 0 };
  // Each lane claims a few items in one statement, then refreshes them one after the other: the
  // database work per item (on PGlite, on the event loop) is what keeps the job from its bound.
  const ids = await findLinkedItemIds(deps.db);
  const concurrency = options.concurrency ?? 8;
  // Never so large that lanes go idle: a few items keep every lane busy with batches of one.
  const size = Math.max(1, Math.min(CLAIM_BATCH, Math.floor(ids.length / concurrency)));
  const batches = Array.from({ length: Math.ceil(ids.length / size) }, (_, i) => ids.slice(i * size, (i + 1) * size));
  const fail = async (itemId: string, code: string, temporary: boolean, error?: unknown) => {
    counts.failed++;
    deps.log.warn({ job: 'daily', itemId, code, temporary, ...(error !== undefined && { err: error }) }, 'daily refresh failed for an item');
    // A temporary failure (the bank down, a timeout) is released: a later run today takes it again.
    if (temporary) await releaseDailyRefresh(deps.db, itemId, day);
  };
  await forEachLimit(
    batches,
    concurrency,
    async (batch) => {
      const claimed = await claimForDailyRefresh(deps.db, batch, day);
      counts.skipped += batch.length - claimed.length; // another run took them today
      for (const item of claimed) {
        const result = await runRefresh(deps, item, { final: true }, { alerts: false }).catch((error: unknown) => ({ outcome: 'error' as const, error }));
        if (result.outcome === 'error') await fail(item.id, 'UNEXPECTED', true, result.error);
        else if (result.outcome === 'failed') await fail(item.id, result.code, result.temporary);
        else counts[result.outcome]++;
      }
    },
    (batch, error) => {
      counts.failed += batch.length;
      deps.log.error({ job: 'daily', itemIds: batch, err: error }, 'daily refresh could not take a batch of items');
    },
  );
  const { notified } = await evaluateDueTrackers(deps, asOf);
  // Every person's alerts, once all banks are refreshed (a connection without a good refresh for a day shows here).
  let alerted = 0;
  for (const userId of await usersWithAlertSettings(deps.db)) {
    alerted += await evaluateAlerts(deps, userId).catch((error: unknown) => {
      deps.log.error({ job: 'daily', userId, err: error }, 'alerts could not be looked at for a person');
      return 0;
    });
  }
  const delivered = await deliverNotifications(deps);
  if (options.resetDemo !== false) {
    await resetDemo(deps).catch((error: unknown) => deps.log.error({ job: 'daily', err: error }, 'the demo could not be reset'));
  }
  deps.log.info({ job: 'daily', day, ...counts, notified, alerted, delivered }, 'daily job done');
  return { day, ...counts, notified, alerted, delivered };
}
