import { useEffect, useState } from 'react';
import type { Notification } from '../../../../shared/contracts/budgets.js';
import { Alert } from '../../../components/ui/Alert.js';
import { day, money } from '../../../lib/format.js';
import { errorsOf } from '../../../lib/use-form.js';
import { useMarkNotificationsRead, useNotifications } from '../api/notifications.js';

const CHANNEL_WORD = { sms: 'text', email: 'e-mail', webhook: 'webhook' } as const;
const KIND_WORD = {
  budgetSummary: 'Budget',
  budgetThreshold: 'Budget threshold',
  connection: 'Connection needs you',
  largeTransaction: 'Large transaction',
  lowBalance: 'Low balance',
  verification: 'Verification',
} as const;

/** The badge (its tone and words) and the one sentence that says why, without repeating "not sent". */
export function deliveryOf(n: Notification): { tone: 'ok' | 'bad' | 'warn' | 'info'; status: string; why: string | null } {
  const why = n.detail?.replace(/^(not sent|outcome unknown):\s*/i, '') ?? null;
  switch (n.status) {
    case 'sent':
      return { tone: 'ok', status: `Sent by ${CHANNEL_WORD[n.channel]}`, why: null };
    case 'pending':
    case 'sending':
      return { tone: 'info', status: n.status === 'pending' ? 'Waiting to send' : 'Sending', why: null };
    case 'failed':
      return { tone: 'bad', status: 'Not sent', why };
    case 'unknown':
      return { tone: 'warn', status: 'Outcome unknown', why };
    case 'skipped':
      return why === 'sandbox profile'
        ? { tone: 'info', status: 'Recorded', why: 'demo-data profiles are shown their reminders here, never texted' }
        : { tone: 'warn', status: 'Not sent', why };
  }
}

export function NotificationsPage() {
  const notifications = useNotifications();
  const markRead = useMarkNotificationsRead();
  // What was unread when the page opened keeps its "New" mark while the page is open.
  const [fresh, setFresh] = useState<Set<string> | null>(null);
  const data = notifications.data;
  useEffect(() => {
    if (!data || fresh) return;
    setFresh(new Set(data.notifications.filter((n) => !n.read).map((n) => n.id)));
    if (data.unreadCount > 0) markRead.mutate();
  }, [data, fresh, markRead]);

  return (
    <section aria-labelledby="notifications-title">
      <h1 id="notifications-title">Notifications</h1>
      {notifications.isError && <Alert>{errorsOf(notifications.error).message}</Alert>}
      {data?.notifications.length === 0 && (
        <div className="card empty-state">
          <h2>No notifications yet</h2>
          <p className="muted">Set a monthly budget on a checking or credit card account, and its reminders will be listed here.</p>
        </div>
      )}
      <ul className="notifications">
        {data?.notifications.map((n) => {
          const delivery = deliveryOf(n);
          return (
            <li key={n.id} className="card notification">
              <p>
                {fresh?.has(n.id) && <span className="badge info new-mark">New</span>} <span className="muted small">{KIND_WORD[n.kind]} ·</span>{' '}
                <strong>
                  {n.institutionName && <>{n.institutionName} · </>}
                  {n.accountName ?? n.title}
                  {n.accountMask && <> ••{n.accountMask}</>}
                </strong>
                {n.kind === 'budgetSummary' && (
                  <>
                    {' '}
                    — {money(n.spentCents)} spent of {money(n.thresholdCents)}
                  </>
                )}
              </p>
              <p className="muted small">
                {n.dueOn ? `Due ${day(n.dueOn)}` : day(n.createdAt.slice(0, 10))} · {CHANNEL_WORD[n.channel]} · <span className={`badge ${delivery.tone}`}>{delivery.status}</span>
                {delivery.why && <> · {delivery.why}</>}
              </p>
              <p className="small">“{n.body}”</p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
