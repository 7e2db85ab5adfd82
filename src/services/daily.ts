import { localDay } from '../domain/budgets.js';
import { claimForDailyRefresh, findLinkedItemIds } from '../db/repositories/items.js';
import { runRefresh } from './banking/refresh-item.js';
import { forEachLimit } from './concurrency.js';
import { resetDemo } from './demo/demo-user.js';
import type { ServiceDeps } from './deps.js';
import { deliverNotifications } from './notifications/deliver.js';
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
  let refreshed = 0;
  // Each lane claims a few items in one statement, then refreshes them one after the other: the
  // database work per item (on PGlite, on the event loop) is what keeps the job from its bound.
  const ids = await findLinkedItemIds(deps.db);
  const concurrency = options.concurrency ?? 8;
  // Never so large that lanes go idle: a few items keep every lane busy with batches of one.
  const size = Math.max(1, Math.min(CLAIM_BATCH, Math.floor(ids.length / concurrency)));
  const batches = Array.from({ length: Math.ceil(ids.length / size) }, (_, i) => ids.slice(i * size, (i + 1) * size));
  await forEachLimit(batches, concurrency, async (batch) => {
    for (const item of await claimForDailyRefresh(deps.db, batch, day)) {
      await runRefresh(deps, item, { final: true }).then(() => refreshed++, () => undefined);
    }
  });
  const { notified } = await evaluateDueTrackers(deps, asOf);
  const delivered = await deliverNotifications(deps);
  if (options.resetDemo !== false) await resetDemo(deps).catch(() => undefined);
  return { day, refreshed, notified, delivered };
}
