import { findNotificationsOfUser, claimPending, countUnread, finishNotification, markAbandoned, markAllRead } from '../../db/repositories/notifications.js';
import { SmsError } from '../../integrations/twilio/sms.js';
import type { Notification } from '../../shared/contracts/budgets.js';
import type { NotificationRow } from '../../db/schema/index.js';
import type { ServiceDeps } from '../deps.js';

// One row per claim: a process that dies leaves only the message it was sending in doubt.
const BATCH = 1;
/** A row still `sending` this long after its claim belongs to a process that stopped. */
const ABANDONED_AFTER_MS = 10 * 60_000;

/**
 * Delivers pending outbox rows, at most once each. A row is claimed (`sending`, committed) before
 * Twilio is called and finished after; a process that dies in between leaves it `sending`, and the
 * next run marks it `unknown` instead of sending again. Sandbox profiles and an unconfigured SMS
 * are recorded, not texted.
 */
export async function deliverNotifications(deps: ServiceDeps): Promise<Record<string, number>> {
  const counts: Record<string, number> = { sent: 0, failed: 0, unknown: 0, skipped: 0 };
  counts.unknown! += await markAbandoned(deps.db, new Date(deps.now().getTime() - ABANDONED_AFTER_MS), deps.now());
  for (;;) {
    deps.crashPoint?.('deliver:before-claim');
    const batch = await claimPending(deps.db, deps.now(), BATCH);
    if (batch.length === 0) return counts;
    for (const { row, user } of batch) {
      deps.crashPoint?.('deliver:after-claim');
      const finish = async (status: 'sent' | 'failed' | 'unknown' | 'skipped', detail: string | null, providerId?: string) => {
        await finishNotification(deps.db, row.id, status, detail, deps.now(), providerId);
        counts[status]!++;
      };
      if (!user || user.profileType === 'sandbox') {
        await finish('skipped', 'not sent: sandbox profile');
        continue;
      }
      if (!deps.sms.configured) {
        await finish('skipped', 'not sent: SMS not configured');
        continue;
      }
      const phone = deps.keyring.open(user.phoneSealed, 'users.phone');
      deps.crashPoint?.('deliver:before-send');
      try {
        const { id } = await deps.sms.send(phone, row.body);
        deps.crashPoint?.('deliver:after-send');
        await finish('sent', null, id);
      } catch (error) {
        if (!(error instanceof SmsError)) throw error;
        deps.crashPoint?.('deliver:after-send');
        if (error.kind === 'rejected') await finish('failed', error.message);
        else await finish('unknown', `outcome unknown: ${error.message} Not sent again.`);
      }
      deps.crashPoint?.('deliver:after-finish');
    }
  }
}

export async function listNotifications(deps: Pick<ServiceDeps, 'db'>, userId: string): Promise<{ notifications: Notification[]; unreadCount: number }> {
  const [rows, unreadCount] = await Promise.all([findNotificationsOfUser(deps.db, userId), countUnread(deps.db, userId)]);
  return { notifications: rows.map(toNotification), unreadCount };
}

export const markNotificationsRead = (deps: Pick<ServiceDeps, 'db' | 'now'>, userId: string) => markAllRead(deps.db, userId, deps.now());

function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    accountName: row.accountName,
    accountMask: row.accountMask,
    institutionName: row.institutionName,
    dueOn: row.dueOn,
    spentCents: row.spentCents,
    thresholdCents: row.thresholdCents,
    body: row.body,
    status: row.status,
    detail: row.detail,
    createdAt: row.createdAt.toISOString(),
    read: row.readAt !== null,
  };
}
