import { useState } from 'react';
import type { DashboardAccount } from '../../../../shared/contracts/dashboard.js';
import { cardFigures } from '../../../../shared/accounts.js';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog.js';
import { money } from '../../../lib/format.js';
import { TrackerPanel } from '../../budgets/components/TrackerPanel.js';
import { useDeleteAccount } from '../api/dashboard.js';

export function AccountRow({ account }: { account: DashboardAccount }) {
  const remove = useDeleteAccount();
  const [confirming, setConfirming] = useState(false);
  const label = `${account.name}${account.mask ? ` ••${account.mask}` : ''}`;
  return (
    <li className="account">
      <div className="account-name">
        <strong>{account.name}</strong>
        <span className="muted small">
          {account.mask && <>••{account.mask} · </>}
          {account.subtype ?? account.type}
        </span>
      </div>
      <dl className="account-figures">
        {cardFigures(account).map((figure) => (
          <div key={figure.label}>
            <dt>{figure.label}</dt>
            <dd>{money(figure.cents, account.currency)}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="icon-button" onClick={() => setConfirming(true)} aria-label={`Remove account ${label}`}>
        ✕
      </button>
      {account.budgetTrackable && (
        <div className="account-tracker">
          <TrackerPanel account={account} />
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title={`Remove ${label}?`}
        confirmLabel="Remove account"
        busy={remove.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => remove.mutate(account.id, { onSuccess: () => setConfirming(false) })}
      >
        <p>The account, its transactions and its budget are removed from CashView. The bank stays linked.</p>
      </ConfirmDialog>
    </li>
  );
}
