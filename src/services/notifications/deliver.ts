import { findNotificationsOfUser, claimPending, countUnread, finishNotification, markAbandoned, markAllRead, nextHeldDelivery } from '../../db/repositories/notifications.js';
import { SmsError } from '../../integrations/twilio/sms.js';
import { EmailError } from '../../integrations/email/sender.js';
import { deliverWebhook, WebhookError } from '../../integrations/webhooks/deliver.js';
import { findAlertSettings } from '../../db/repositories/alerts.js';
import { WEBHOOK_SECRET_CONTEXT } from '../alerts/settings.js';
import type { Notification } from '../../shared/contracts/budgets.js';
import type { NotificationRow } from '../../db/schema/index.js';
import type { ServiceDeps } from '../deps.js';

// One row per claim: a process that dies leaves only the message it was sending in doubt.
const BATCH = 1;
/** A row still `sending` this long after its claim belongs to a process that stopped. */
const ABANDONED_AFTER_MS = 10 * 60_000;

/**
 * Delivers pending outbox rows, at most once each, on their channel (SMS, e-mail, webhook). A row
 * is claimed (`sending`, committed) before anything is sent and finished after; a process that
 * dies in between leaves it `sending`, and the next run marks it `unknown` instead of sending
 * again. Rows held by quiet hours wait until then. Sandbox profiles are never texted; a channel
 * not configured, removed or paused since is recorded as not sent, with why.
 */
export async function deliverNotifications(deps: ServiceDeps): Promise<Record<string, number>> {
  const counts: Record<string, number> = { sent: 0, failed: 0, unknown: 0, skipped: 0 };
  counts.unknown! += await markAbandoned(deps.db, new Date(deps.now().getTime() - ABANDONED_AFTER_MS), deps.now());
  for (;;) {
    deps.crashPoint?.('deliver:before-claim');
    const batch = await claimPending(deps.db, deps.now(), BATCH);
    if (batch.length === 0) {
      // Messages held by quiet hours: a run of this job when the first of them may go.
      const next = await nextHeldDelivery(deps.db, deps.now());
      if (next) await deps.jobs.send('deliver-alerts', {}, { startAfter: next, singletonKey: `held-${next.toISOString()}` });
      return counts;
    }
    for (const { row, user } of batch) {
      deps.crashPoint?.('deliver:after-claim');
      const finish = async (status: 'sent' | 'failed' | 'unknown' | 'skipped', detail: string | null, providerId?: string) => {
        await finishNotification(deps.db, row.id, status, detail, deps.now(), providerId);
        counts[status]!++;
      };
      const send = SENDERS[row.channel];
      const ready = user ? await send.prepare(deps, row, user) : { skip: 'not sent: the profile is gone' };
      if ('skip' in ready) {
        await finish('skipped', ready.skip);
        continue;
      }
      deps.crashPoint?.('deliver:before-send');
      try {
        const { id } = await ready.send();
        deps.crashPoint?.('deliver:after-send');
        await finish('sent', null, id);
      } catch (error) {
        if (!(error instanceof SmsError || error instanceof EmailError || error instanceof WebhookError)) throw error;
        deps.crashPoint?.('deliver:after-send');
        if (error.kind === 'rejected') await finish('failed', error.message);
        else await finish('unknown', `outcome unknown: ${error.message} Not sent again.`);
      }
      deps.crashPoint?.('deliver:after-finish');
    }
  }
}

type Person = { id: string; profileType: string; phoneSealed: string };
type Prepared = { skip: string } | { send: () => Promise<{ id: string }> };

/** Per channel: what to check just before sending (it may have been paused or removed since), and the send. */
const SENDERS: Record<NotificationRow['channel'], { prepare(deps: ServiceDeps, row: NotificationRow, user: Person): Promise<Prepared> }> = {
  sms: {
    async prepare(deps, row, user) {
      if (user.profileType === 'sandbox') return { skip: 'not sent: sandbox profile' };
      if (!deps.sms.configured) return { skip: 'not sent: SMS not configured' };
      if ((await findAlertSettings(deps.db, user.id))?.smsPaused && row.kind !== 'verification') return { skip: 'not sent: text messages are paused' };
      const phone = deps.keyring.open(user.phoneSealed, 'users.phone');
      return { send: () => deps.sms.send(phone, row.body) };
    },
  },
  email: {
    async prepare(deps, row, user) {
      const settings = await findAlertSettings(deps.db, user.id);
      if (!deps.email.configured) return { skip: 'not sent: e-mail not configured' };
      if (!settings?.email) return { skip: 'not sent: no e-mail address any more' };
      if (settings.emailPaused && row.kind !== 'verification') return { skip: 'not sent: e-mail is paused' };
      const to = settings.email;
      return { send: () => deps.email.send({ to, subject: row.title ?? 'CashView', text: row.body, html: emailHtml(row.title ?? 'CashView', row.body) }) };
    },
  },
  webhook: {
    async prepare(deps, row, user) {
      const settings = await findAlertSettings(deps.db, user.id);
      if (!settings?.webhookUrl || !settings.webhookSecretSealed) return { skip: 'not sent: no webhook any more' };
      if (settings.webhookPaused && row.kind !== 'verification') return { skip: 'not sent: the webhook is paused' };
      const url = settings.webhookUrl;
      const secret = deps.keyring.open(settings.webhookSecretSealed, WEBHOOK_SECRET_CONTEXT);
      const payload = { id: row.id, kind: row.kind, title: row.title, message: row.body, createdAt: row.createdAt.toISOString(), data: row.data ?? {} };
      return { send: async () => ({ id: String((await deliverWebhook(url, secret, payload, deps.webhooks)).status) }) };
    },
  },
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** The same words as the plain text, with markup only: readable with images off. */
const emailHtml = (title: string, body: string) =>
  `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5"><h1 style="font-size:18px">${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p></body></html>`;

export async function listNotifications(deps: Pick<ServiceDeps, 'db'>, userId: string): Promise<{ notifications: Notification[]; unreadCount: number }> {
  const [rows, unreadCount] = await Promise.all([findNotificationsOfUser(deps.db, userId), countUnread(deps.db, userId)]);
  return { notifications: rows.map(toNotification), unreadCount };
}

export const markNotificationsRead = (deps: Pick<ServiceDeps, 'db' | 'now'>, userId: string) => markAllRead(deps.db, userId, deps.now());

function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    channel: row.channel,
    title: row.title,
    accountName: row.accountName,
    accountMask: row.accountMask,
    institutionName: row.institutionName,
    dueOn: row.dueOn,
    spentCents: row.spentCents,
    thresholdCents: row.thresholdCents,
    // A code proves the channel reaches its owner: it is shown only where it was sent.
    body: row.kind === 'verification' ? `A verification code was sent by ${row.channel === 'sms' ? 'text' : row.channel === 'email' ? 'e-mail' : 'webhook'}.` : row.body,
    status: row.status,
    detail: row.detail,
    createdAt: row.createdAt.toISOString(),
    read: row.readAt !== null,
  };
}
