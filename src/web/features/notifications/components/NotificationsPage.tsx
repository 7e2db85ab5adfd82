import type { Notification } from '../../../../shared/contracts/budgets.js';
import { Alert } from '../../../components/ui/Alert.js';
import { money } from '../../../lib/format.js';
import { errorsOf } from '../../../lib/use-form.js';
import { useNotifications } from '../api/notifications.js';

const STATUS: Record<Notification['status'], string> = {
  pending: 'Waiting to send',
  sending: 'Sending',
  sent: 'Sent by text',
  failed: 'Not sent',
  unknown: 'Outcome unknown',
  skipped: 'Not sent',
};

export function NotificationsPage() {
  const notifications = useNotifications();
  return (
    <section aria-labelledby="notifications-title">
      <h1 id="notifications-title">Notifications</h1>
      {notifications.isError && <Alert>{errorsOf(notifications.error).message}</Alert>}
      {notifications.data?.notifications.length === 0 && (
        <div className="card empty-state">
          <h2>No notifications yet</h2>
          <p className="muted">Set a monthly budget on a checking or credit card account, and its reminders will be listed here.</p>
        </div>
      )}
      <ul className="notifications">
        {notifications.data?.notifications.map((n) => (
          <li key={n.id} className="card notification">
            <p>
              <strong>{n.accountName}</strong> — {money(n.spentCents)} spent of {money(n.thresholdCents)}
            </p>
            <p className="muted small">
              Due {new Date(`${n.dueOn}T12:00:00Z`).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })} ·{' '}
              <span className={`badge ${n.status === 'sent' ? 'ok' : n.status === 'failed' ? 'bad' : 'warn'}`}>{STATUS[n.status]}</span>
              {n.detail && <> · {n.detail}</>}
            </p>
            <p className="small">“{n.body}”</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
