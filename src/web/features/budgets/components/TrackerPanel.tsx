import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import type { DashboardAccount } from '../../../../shared/contracts/dashboard.js';
import { budgetLevel } from '../../../../shared/accounts.js';
import { parseAmount } from '../../../../shared/money.js';
import { Alert } from '../../../components/ui/Alert.js';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog.js';
import { Field } from '../../../components/ui/Field.js';
import { day, money } from '../../../lib/format.js';
import { errorsOf, useForm } from '../../../lib/use-form.js';
import { useDeleteTracker, useSaveTracker } from '../api/trackers.js';

/** The transactions behind "spent": this account, this month so far, only what budgets count. */
function spentLink(accountId: string): string {
  const now = new Date();
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return `/transactions?${new URLSearchParams({ accountId, from: `${today.slice(0, 8)}01`, to: today, budgeted: 'true' })}`;
}

const LEVEL_WORD = { under: 'on track', near: 'close to the budget', over: 'over budget' } as const;

function TrackerForm({ account, onDone }: { account: DashboardAccount; onDone(): void }) {
  const tracker = account.budgetTracker;
  const save = useSaveTracker(account.id, tracker !== null);
  const form = useForm({ threshold: tracker ? (tracker.thresholdCents / 100).toFixed(2) : '', frequency: String(tracker?.frequencyDays ?? 7) });
  // What is checked here before asking the server: an amount in dollars becomes cents.
  const [local, setLocal] = useState<Record<string, string>>({});
  const server = errorsOf(save.error);
  const fields = { ...server.fields, ...local };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const thresholdCents = parseAmount(form.values.threshold);
    const frequencyDays = Number(form.values.frequency);
    const problems: Record<string, string> = {};
    if (thresholdCents === null || thresholdCents <= 0) problems.thresholdCents = 'must be an amount above 0, such as 500.00';
    if (!Number.isInteger(frequencyDays) || frequencyDays < 1 || frequencyDays > 15) problems.frequencyDays = 'must be a whole number of days from 1 to 15';
    setLocal(problems);
    if (Object.keys(problems).length === 0) save.mutate({ thresholdCents: thresholdCents!, frequencyDays }, { onSuccess: onDone });
  };

  return (
    <form className="tracker-form" onSubmit={submit} noValidate aria-label={`Budget for ${account.name}`}>
      <Alert>{Object.keys(server.fields).length === 0 ? server.message : undefined}</Alert>
      <div className="row">
        <Field label="Monthly budget ($)" inputMode="decimal" error={fields.thresholdCents} {...form.bind('threshold')} />
        <Field label="Text me every (days)" type="number" min={1} max={15} error={fields.frequencyDays} {...form.bind('frequency')} />
      </div>
      <div className="actions start">
        <button type="submit" className="button primary small" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : tracker ? 'Save budget' : 'Set budget'}
        </button>
        <button type="button" className="button secondary small" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The budget tracker under a checking, PayPal or credit card account. */
export function TrackerPanel({ account }: { account: DashboardAccount }) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteTracker(account.id);
  const tracker = account.budgetTracker;

  if (editing) return <TrackerForm account={account} onDone={() => setEditing(false)} />;
  if (!tracker) {
    return (
      <button type="button" className="link-button tracker-add" onClick={() => setEditing(true)}>
        Set a monthly budget<span className="visually-hidden"> for {account.name}</span>
      </button>
    );
  }
  const used = tracker.spentCents / tracker.thresholdCents;
  const state = budgetLevel(tracker.spentCents, tracker.thresholdCents);
  const nextOn = day(tracker.nextNotificationOn, { month: 'short', day: 'numeric' });
  return (
    <div className="tracker" aria-label={`Budget for ${account.name}`} role="group">
      <p className="tracker-line">
        <Link href={spentLink(account.id)} className="spent-link">
          <strong>{money(tracker.spentCents, account.currency)}</strong> spent
          <span className="visually-hidden"> on {account.name}: see the transactions</span>
        </Link>{' '}
        of {money(tracker.thresholdCents, account.currency)} this month —{' '}
        <span className={`tracker-word ${state}`}>{LEVEL_WORD[state]}</span>
      </p>
      <div
        className={`progress ${state}`}
        role="progressbar"
        aria-label={`Spent of the ${account.name} budget`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(used * 100)}
        aria-valuetext={`${Math.round(used * 100)}%`}
      >
        <span style={{ width: `${Math.min(100, used * 100)}%` }} />
      </div>
      <p className="muted small">
        {/* No full stop after the date: some locales end a short date with one ("4. Dez."). */}
        A text every {tracker.frequencyDays} day{tracker.frequencyDays === 1 ? '' : 's'} · next on {nextOn}
      </p>
      <div className="actions start">
        <button type="button" className="button secondary small" onClick={() => setEditing(true)}>
          Edit budget<span className="visually-hidden"> for {account.name}</span>
        </button>
        <button type="button" className="button danger-outline small" onClick={() => setConfirming(true)}>
          Delete budget<span className="visually-hidden"> for {account.name}</span>
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={`Delete the budget for ${account.name}?`}
        confirmLabel="Delete budget"
        busy={remove.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => remove.mutate(undefined, { onSuccess: () => setConfirming(false) })}
      >
        <p>No more budget texts for this account. Notifications already sent stay listed.</p>
      </ConfirmDialog>
    </div>
  );
}
