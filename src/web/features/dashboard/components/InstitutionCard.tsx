import { useRef, useState, type ReactNode } from 'react';
import type { DashboardAccount, DashboardInstitution } from '../../../../shared/contracts/dashboard.js';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog.js';
import { asOf, money, signed } from '../../../lib/format.js';
import { errorsOf } from '../../../lib/use-form.js';
import { useDeleteInstitution, useRefreshInstitution } from '../api/dashboard.js';
import { ACCOUNT_KINDS, accountKind, countedCents } from '../../../../shared/accounts.js';
import { AccountRow } from './AccountRow.js';
import { StatusBadge } from './StatusBadge.js';

function Logo({ institution, color }: { institution: DashboardInstitution; color: string }) {
  if (institution.logo) return <img className="logo" src={`data:image/png;base64,${institution.logo}`} alt="" width={40} height={40} />;
  return (
    <span className="logo initial" style={{ background: color }} aria-hidden="true">
      {(institution.name ?? '?').slice(0, 1)}
    </span>
  );
}

function Total({ label, cents }: { label: string; cents: number }) {
  const { className, word } = signed(cents);
  return (
    <div>
      <dt>{label}</dt>
      <dd className={className}>
        {money(cents)} <span className="visually-hidden">({word})</span>
      </dd>
    </div>
  );
}

export function InstitutionCard({
  institution,
  color,
  onRelogin,
  renderTracker,
}: {
  institution: DashboardInstitution;
  color: string;
  onRelogin(id: string): void;
  renderTracker(account: DashboardAccount): ReactNode;
}) {
  const refresh = useRefreshInstitution();
  const remove = useDeleteInstitution();
  const [confirming, setConfirming] = useState(false);
  // Once removed, the card goes with the button that opened the dialog: focus the page's heading.
  const removed = useRef(false);
  const [open, setOpen] = useState(true);
  const name = institution.name ?? 'New institution';
  const busy = institution.refreshing || refresh.isPending;
  const refreshError = errorsOf(refresh.error).message;
  const listId = `accounts-${institution.id}`;

  return (
    <article className="card institution" aria-labelledby={`inst-${institution.id}`} aria-busy={busy || institution.status === 'linking'}>
      <header className="institution-head">
        <Logo institution={institution} color={color} />
        <div className="institution-title">
          <h3 id={`inst-${institution.id}`}>{name}</h3>
          <p className="muted small">{institution.status === 'ready' ? asOf(institution.refreshedAt) : ' '}</p>
        </div>
        <StatusBadge institution={institution} />
      </header>
      {institution.error && <p className={institution.status === 'error' ? 'notice error' : 'notice'}>{institution.error.message}</p>}
      {refreshError && <p className="notice error" role="alert">{refreshError}</p>}
      {institution.status === 'ready' && (
        <dl className="totals">
          <Total label="Total without loans" cents={institution.totals.withoutLoansCents} />
          <Total label="Total with loans" cents={institution.totals.withLoansCents} />
        </dl>
      )}
      <div className="institution-actions">
        {institution.status === 'ready' && (
          <button type="button" className="button secondary small" onClick={() => refresh.mutate(institution.id)} disabled={busy}>
            {busy && <span className="spinner" aria-hidden="true" />}
            {busy ? 'Refreshing…' : 'Refresh'}
            <span className="visually-hidden"> {name}</span>
          </button>
        )}
        {(institution.health === 'needs_relogin' || institution.health === 'pending_disconnect') && (
          <button type="button" className="button primary small" onClick={() => onRelogin(institution.id)}>
            Sign in again<span className="visually-hidden"> to {name}</span>
          </button>
        )}
        {institution.accounts.length > 0 && (
          <button type="button" className="button secondary small" aria-expanded={open} aria-controls={listId} onClick={() => setOpen(!open)}>
            {open ? 'Collapse accounts' : `Show ${institution.accounts.length} accounts`}
          </button>
        )}
        {/* Always allowed, even while linking: the link stops and its Plaid item is revoked. */}
        <button type="button" className="button danger-outline small" onClick={() => setConfirming(true)}>
          Remove<span className="visually-hidden"> {name}</span>
        </button>
      </div>
      {open && institution.accounts.length > 0 && (
        <div id={listId} className="account-groups">
          {ACCOUNT_KINDS.map(({ kind, title }) => {
            const accounts = institution.accounts.filter((account) => accountKind(account.type) === kind);
            if (accounts.length === 0) return null;
            const subtotal = accounts.reduce((sum, account) => sum + countedCents(account), 0);
            const headingId = `${listId}-${kind}`;
            return (
              <section key={kind} className="account-group" aria-labelledby={headingId}>
                <h4 id={headingId} className="group-head">
                  <span>
                    {title}
                    {kind === 'loans' && <span className="muted small"> · counted with loans only</span>}
                  </span>
                  <span className={signed(subtotal).className}>
                    <span className="visually-hidden">{title} subtotal </span>
                    {money(subtotal)}
                  </span>
                </h4>
                <ul className="accounts">
                  {accounts.map((account) => (
                    <AccountRow key={account.id} account={account} institutionName={name} tracker={account.budgetTrackable ? renderTracker(account) : null} />
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title={`Remove ${name}?`}
        confirmLabel={`Remove ${name}`}
        busy={remove.isPending}
        returnFocusTo={() => (removed.current ? document.querySelector<HTMLElement>('main h1') : null)}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          remove.mutate(institution.id, {
            onSuccess: () => {
              removed.current = true;
              setConfirming(false);
            },
          })
        }
      >
        <p>
          {institution.status === 'linking'
            ? `Linking stops, and whatever Plaid has already connected for ${name} is revoked.`
            : `${name} and its ${institution.accounts.length} accounts, their transactions and budgets will be removed from CashView, and its link through Plaid revoked.`}{' '}
          This cannot be undone.
        </p>
      </ConfirmDialog>
    </article>
  );
}
