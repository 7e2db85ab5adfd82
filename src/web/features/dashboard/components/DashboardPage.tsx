import { useDeferredValue, useEffect, useRef, type ReactNode } from 'react';
import { useSearchParams } from 'wouter';
import type { DashboardAccount } from '../../../../shared/contracts/dashboard.js';
import type { User } from '../../../../shared/contracts/users.js';
import { Alert } from '../../../components/ui/Alert.js';
import type { LinkTarget } from '../../../lib/link-target.js';
import { errorsOf } from '../../../lib/use-form.js';
import { useDashboard } from '../api/dashboard.js';
import { Breakdown } from './Breakdown.js';
import { InstitutionCard } from './InstitutionCard.js';
import { NetWorth, staleness } from './NetWorth.js';

const PALETTE = ['#1f5fbf', '#2e7d32', '#6a1b9a', '#c62828', '#37474f', '#ad1457', '#ef6c00', '#00838f'];

export interface DashboardPageProps {
  user: User;
  /** Linking comes from the link feature, composed in src/web/app. */
  link: { start(target: LinkTarget): void; busy: boolean; error: string | undefined };
  /** What each budget-trackable account shows of its budget (the budgets feature's panel). */
  renderTracker(account: DashboardAccount): ReactNode;
  /** Net worth over time (the history feature), shown under the summary. */
  history?: ReactNode;
}

export function DashboardPage({ user, link, renderTracker, history }: DashboardPageProps) {
  const dashboard = useDashboard();
  // The figures render in a deferred pass that React splits into short tasks, so the page stays
  // responsive while a large dashboard (60 accounts) is drawn.
  const data = useDeferredValue(dashboard.data);
  const startLink = link.start;

  // A "connection needs you" alert links here with ?relogin=<institution>: its sign-in opens at once.
  const [params, setParams] = useSearchParams();
  const relogin = params.get('relogin');
  const opened = useRef(false);
  useEffect(() => {
    const target = relogin ? data?.institutions.find((i) => i.id === relogin) : undefined;
    if (!target || opened.current) return;
    opened.current = true;
    startLink({ kind: 'relogin', id: target.id, name: target.name ?? 'this bank' });
    setParams(new URLSearchParams(), { replace: true });
  }, [relogin, data, startLink, setParams]);

  const colors = new Map((data?.institutions ?? []).map((i, index) => [i.id, i.primaryColor ?? PALETTE[index % PALETTE.length]!]));
  const attention = (data?.institutions ?? []).filter((i) => i.status === 'error' || staleness(i) !== null);

  return (
    <section aria-labelledby="dashboard-title" className="dashboard">
      <div className="page-head">
        <h1 id="dashboard-title">Hello, {user.firstName}</h1>
        <button type="button" className="button primary" onClick={() => startLink({ kind: 'new' })} disabled={link.busy}>
          Link an institution
        </button>
      </div>
      <Alert>{link.error}</Alert>
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
          {history}
          <h2 className="section-title">Institutions</h2>
          <div className="institutions">
            {data.institutions.map((institution) => (
              <InstitutionCard
                key={institution.id}
                institution={institution}
                color={colors.get(institution.id)!}
                onRelogin={(id) => startLink({ kind: 'relogin', id, name: institution.name ?? 'this bank' })}
                renderTracker={renderTracker}
              />
            ))}
          </div>
        </>
      )}
    </section>
  );
}
