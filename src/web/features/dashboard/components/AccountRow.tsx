import { useRef, useState, type ReactNode } from 'react';
import type { DashboardAccount } from '../../../../shared/contracts/dashboard.js';
import { rowFigures } from '../../../../shared/accounts.js';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog.js';
import { money, signed } from '../../../lib/format.js';
import { errorsOf } from '../../../lib/use-form.js';
import { useDeleteAccount, useSetAccountHidden } from '../api/dashboard.js';

/**
 * One account: the figure it counts toward the totals (labelled for what it is), the figures
 * beside it for context, and the choice between hiding it (reversible) and removing it.
 */
export function AccountRow({ account, institutionName, tracker }: { account: DashboardAccount; institutionName: string; tracker: ReactNode }) {
  const remove = useDeleteAccount();
  const visibility = useSetAccountHidden();
  const [confirming, setConfirming] = useState<'hide' | 'remove' | null>(null);
  const label = `${account.name}${account.mask ? ` ••${account.mask}` : ''}`;
  const { counted, context } = rowFigures(account);
  const tone = signed(counted.cents ?? 0);
  const problem = errorsOf(remove.error ?? visibility.error).message;
  const close = () => setConfirming(null);
  const row = useRef<HTMLLIElement>(null);
  // Once removed, the row (and the button that opened the dialog) goes: focus its bank's heading.
  const removed = useRef(false);
  const bankHeading = () => (removed.current ? (row.current?.closest('article')?.querySelector<HTMLElement>('h3') ?? null) : null);
  return (
    <li ref={row} className={account.hidden ? 'account hidden-account' : 'account'}>
      <div className="account-name">
        <strong>{account.name}</strong>
        <span className="muted small">
          {account.mask && <>••{account.mask} · </>}
          {account.subtype ?? account.type}
          {account.hidden && <> · hidden, not counted</>}
        </span>
      </div>
      <dl className="account-figures">
        <div className="counted">
          <dt>{counted.label}</dt>
          <dd className={tone.className}>{money(counted.cents, account.currency)}</dd>
        </div>
        {context.map((figure) => (
          <div key={figure.label}>
            <dt>{figure.label}</dt>
            <dd>{money(figure.cents, account.currency)}</dd>
          </div>
        ))}
      </dl>
      <div className="account-actions">
        {account.hidden ? (
          <button type="button" className="button secondary small" disabled={visibility.isPending} onClick={() => visibility.mutate({ id: account.id, hidden: false })}>
            Show<span className="visually-hidden"> account {label} in totals</span>
          </button>
        ) : (
          <button type="button" className="button secondary small" onClick={() => setConfirming('hide')}>
            Hide<span className="visually-hidden"> account {label}</span>
          </button>
        )}
        <button type="button" className="button danger-outline small" onClick={() => setConfirming('remove')}>
          Remove<span className="visually-hidden"> account {label}</span>
        </button>
      </div>
      {problem && (
        <p className="notice error account-problem" role="alert">
          {problem}
        </p>
      )}
      {tracker && <div className="account-tracker">{tracker}</div>}
      <ConfirmDialog
        open={confirming === 'hide'}
        title={`Hide ${label}?`}
        confirmLabel="Hide account"
        tone="neutral"
        busy={visibility.isPending}
        onCancel={close}
        onConfirm={() => visibility.mutate({ id: account.id, hidden: true }, { onSuccess: close })}
      >
        <p>
          Hiding keeps {label} listed under {institutionName} and up to date, but leaves it out of every total and of your net worth. You can
          show it again at any time. Nothing is deleted.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming === 'remove'}
        title={`Remove ${label}?`}
        confirmLabel="Remove account"
        busy={remove.isPending}
        returnFocusTo={bankHeading}
        onCancel={close}
        onConfirm={() =>
          remove.mutate(account.id, {
            onSuccess: () => {
              removed.current = true;
              close();
            },
          })
        }
      >
        <p>
          Removing deletes {label}, its transactions and its budget from CashView for good: refreshing {institutionName} will not bring it back.
          The bank stays linked. To keep the account but leave it out of your totals, choose Hide instead.
        </p>
      </ConfirmDialog>
    </li>
  );
}

