import { localDay } from '../domain/budgets.js';
import { claimForDailyRefresh, findLinkedItemIds } from '../db/repositories/items.js';
import { runRefresh } from './banking/refresh-item.js';
import { forEachLimit } from './concurrency.js';
import { resetDemo } from './demo/demo-user.js';
import type { ServiceDeps } from './deps.js';
import { deliverNotifications } from './notifications/deliver.js';
import { evaluateDueTrackers } from './notifications/evaluate.js';

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
  await forEachLimit(await findLinkedItemIds(deps.db), options.concurrency ?? 8, async (itemId) => {
    if (!(await claimForDailyRefresh(deps.db, itemId, day))) return;
    await runRefresh(deps, itemId, { final: true });
    refreshed++;
  });
  const { notified } = await evaluateDueTrackers(deps, asOf);
  const delivered = await deliverNotifications(deps);
  if (options.resetDemo !== false) await resetDemo(deps).catch(() => undefined);
  return { day, refreshed, notified, delivered };
}
