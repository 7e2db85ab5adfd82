import crypto from 'node:crypto';
import { addDays, isDue, localDay, smsText } from '../../domain/budgets.js';
import * as budgets from '../../db/repositories/budgets.js';
import { insertNotification } from '../../db/repositories/notifications.js';
import { findAlertSettings } from '../../db/repositories/alerts.js';
import { holdUntil } from '../../domain/alerts.js';
import { usableChannels } from '../alerts/settings.js';
import type { ServiceDeps } from '../deps.js';
import { spentByAccount } from '../budgets/trackers.js';

/**
 * For every tracker due in its owner's time zone: one outbox row for (tracker, due date) and the
 * next date set to today + frequency, in one transaction. The row lock (skip locked) and the
 * unique key keep concurrent or repeated runs from writing anything twice; a missed stretch of
 * days is a single row, dated by the tracker's due date.
 */
export async function evaluateDueTrackers(deps: ServiceDeps, asOf: Date = deps.now()): Promise<{ notified: number }> {
  // The furthest-ahead zone is at most 14 h ahead of UTC: nothing due later than that day.
  const latest = localDay(new Date(asOf.getTime() + 14 * 3_600_000), 'UTC');
  let notified = 0;
  for (const candidate of await budgets.findDueTrackerCandidates(deps.db, latest)) {
    const today = localDay(asOf, candidate.timeZone);
    if (!isDue(candidate.tracker.nextNotificationOn, today)) continue;
    deps.crashPoint?.('evaluate:before-transaction');
    const wrote = await deps.db.transaction(async (tx) => {
      const tracker = await budgets.lockDueTracker(tx, candidate.tracker.id, today);
      if (!tracker) return false; // another run has it, or already advanced it
      const spent = (await spentByAccount(tx, [tracker.accountId], today)).get(tracker.accountId) ?? 0;
      // On each channel the person chose for it (by SMS when they chose nothing, as before).
      const settings = await findAlertSettings(tx, tracker.userId);
      const hold = settings?.quietFrom && settings.quietTo ? holdUntil(asOf, candidate.timeZone, { from: settings.quietFrom, to: settings.quietTo }) : null;
      let inserted = false;
      for (const channel of usableChannels(settings, 'budgetSummary')) {
        inserted =
          (await insertNotification(tx, {
            id: crypto.randomUUID(),
            userId: tracker.userId,
            trackerId: tracker.id,
            kind: 'budgetSummary',
            channel,
            title: `CashView budget for ${candidate.accountName}`,
            dueOn: tracker.nextNotificationOn,
            accountName: candidate.accountName,
            accountMask: candidate.accountMask,
            institutionName: candidate.institutionName,
            spentCents: spent,
            thresholdCents: tracker.thresholdCents,
            body: smsText(candidate.accountName, spent, tracker.thresholdCents),
            data: { accountId: tracker.accountId, spentCents: spent, thresholdCents: tracker.thresholdCents },
            holdUntil: hold,
            status: 'pending',
            createdAt: asOf,
          })) || inserted;
      }
      deps.crashPoint?.('evaluate:after-insert');
      await budgets.updateTracker(tx, tracker.id, { nextNotificationOn: addDays(today, tracker.frequencyDays) });
      return inserted;
    });
    deps.crashPoint?.('evaluate:after-commit');
    if (wrote) notified++;
  }
  return { notified };
}
