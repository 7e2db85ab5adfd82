import { lazy, Suspense, useState } from 'react';
import type { User } from '../../../../shared/contracts/users.js';
import { Alert } from '../../../components/ui/Alert.js';
import { errorsOf } from '../../../lib/use-form.js';
import { useLinkToken } from '../../link/api/link.js';
import { ConnectDialog, type ConnectTarget } from '../../link/components/ConnectDialog.js';
import { useDashboard } from '../api/dashboard.js';
import { Breakdown } from './Breakdown.js';
import { InstitutionCard } from './InstitutionCard.js';
import { NetWorth, staleness } from './NetWorth.js';

const PlaidLinkLauncher = lazy(() => import('../../link/components/PlaidLinkLauncher.js'));
const PALETTE = ['#1f5fbf', '#2e7d32', '#6a1b9a', '#c62828', '#37474f', '#ad1457', '#ef6c00', '#00838f'];

export function DashboardPage({ user }: { user: User }) {
  const dashboard = useDashboard();
  const linkToken = useLinkToken();
  const [dialog, setDialog] = useState<ConnectTarget | null>(null);
  const [plaidLink, setPlaidLink] = useState<{ token: string; updateMode: boolean } | null>(null);
  const data = dashboard.data;

  /** Simulated mode opens CashView's dialog; sandbox and production open Plaid Link. */
  const startLink = (target: ConnectTarget) =>
    linkToken.mutate(target.kind === 'relogin' ? target.id : undefined, {
      onSuccess: ({ linkToken: token, mode }) => (mode === 'simulated' ? setDialog(target) : setPlaidLink({ token, updateMode: target.kind === 'relogin' })),
    });

  const colors = new Map((data?.institutions ?? []).map((i, index) => [i.id, i.primaryColor ?? PALETTE[index % PALETTE.length]!]));
  const attention = (data?.institutions ?? []).filter((i) => i.status === 'error' || staleness(i) !== null);

  return (
    <section aria-labelledby="dashboard-title" className="dashboard">
      <div className="page-head">
        <h1 id="dashboard-title">Hello, {user.firstName}</h1>
        <button type="button" className="button primary" onClick={() => startLink({ kind: 'new' })} disabled={linkToken.isPending}>
          Link an institution
        </button>
      </div>
      <Alert>{errorsOf(linkToken.error).message}</Alert>
      {user.isDemo && (
        <Alert kind="info">
          This is the shared demo: everyone who tries it sees and can change the same data, and it is put back to its starting state every day.
        </Alert>
      )}
      {dashboard.isError && (
        <Alert>
          {errorsOf(dashboard.error).message ?? 'Your dashboard could not be loaded.'}{' '}
          <button type="button" className="link-button inline" onClick={() => dashboard.refetch()} disabled={dashboard.isFetching}>
            {dashboard.isFetching ? 'Trying again…' : 'Try again'}
          </button>
        </Alert>
      )}
      {attention.length > 0 && (
        <Alert kind="info">
          Some figures may be out of date: {attention.map((i) => i.name ?? 'a new institution').join(', ')} need{attention.length === 1 ? 's' : ''} attention.
        </Alert>
      )}
      {!data ? (
        <div className="skeleton" aria-busy="true" aria-label="Loading your dashboard" />
      ) : data.institutions.length === 0 ? (
        <div className="card empty-state">
          <h2>No institutions linked yet</h2>
          <p className="muted">Link a bank, card, loan or investment account to see your net worth here.</p>
          <button type="button" className="button primary" onClick={() => startLink({ kind: 'new' })}>
            Link your first institution
          </button>
        </div>
      ) : (
        <>
          <div className="summary">
            <NetWorth netWorth={data.netWorth} institutions={data.institutions} />
            <Breakdown slices={data.breakdown} colors={colors} linking={data.institutions.some((i) => i.status === 'linking')} />
          </div>
          <h2 className="section-title">Institutions</h2>
          <div className="institutions">
            {data.institutions.map((institution) => (
              <InstitutionCard
                key={institution.id}
                institution={institution}
                color={colors.get(institution.id)!}
                onRelogin={(id) => startLink({ kind: 'relogin', id, name: institution.name ?? 'this bank' })}
              />
            ))}
          </div>
        </>
      )}
      <ConnectDialog target={dialog} onClose={() => setDialog(null)} />
      {plaidLink && (
        <Suspense fallback={null}>
          <PlaidLinkLauncher token={plaidLink.token} updateMode={plaidLink.updateMode} onDone={() => setPlaidLink(null)} />
        </Suspense>
      )}
    </section>
  );
}
