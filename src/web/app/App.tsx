import { lazy, Suspense, useDeferredValue, useEffect, useRef, type ReactNode } from 'react';
import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import type { User } from '../../shared/contracts/users.js';
import { Alert } from '../components/ui/Alert.js';
import { useSignOut } from '../features/auth/api/session.js';
import { useSession } from '../lib/session.js';
import { SignInPage } from '../features/auth/components/SignInPage.js';
import { SignUpPage } from '../features/auth/components/SignUpPage.js';
import { WelcomePage } from '../features/auth/components/WelcomePage.js';
import { TrackerPanel } from '../features/budgets/components/TrackerPanel.js';
import { DashboardPage } from '../features/dashboard/components/DashboardPage.js';
import { LinkFlow } from '../features/link/components/LinkFlow.js';
import { useNotifications } from '../features/notifications/api/notifications.js';
import { NotificationsPage } from '../features/notifications/components/NotificationsPage.js';
import { ProfilePage } from '../features/profile/components/ProfilePage.js';
import { afterSignIn } from '../lib/next-path.js';

// Loaded when first shown: the dashboard's first paint carries only its own code (Lighthouse).
const NetWorthHistory = lazy(() => import('../features/history/components/NetWorthHistory.js').then((m) => ({ default: m.NetWorthHistory })));
const TransactionsPage = lazy(() => import('../features/transactions/components/TransactionsPage.js').then((m) => ({ default: m.TransactionsPage })));
const SpendingPage = lazy(() => import('../features/transactions/components/SpendingPage.js').then((m) => ({ default: m.SpendingPage })));
const AlertsPage = lazy(() => import('../features/alerts/components/AlertsPage.js').then((m) => ({ default: m.AlertsPage })));
const pageLoading = <p className="muted">Loading…</p>;

function NotificationsLink() {
  const unread = useNotifications({ poll: true }).data?.unreadCount ?? 0;
  return (
    <Link href="/notifications">
      Notifications
      {unread > 0 && (
        <span className="nav-count">
          {unread}
          <span className="visually-hidden"> unread</span>
        </span>
      )}
    </Link>
  );
}

function Header({ user }: { user: User | null }) {
  const signOut = useSignOut();
  return (
    <header className="topbar">
      <Link href={user ? '/dashboard' : '/'} className="brand">
        CashView
      </Link>
      {user && (
        <nav aria-label="Main">
          <Link href="/dashboard">Dashboard</Link>
          <Link href="/transactions">Transactions</Link>
          <Link href="/spending">Spending</Link>
          <NotificationsLink />
          <Link href="/alerts">Alerts</Link>
          <Link href="/profile">Profile</Link>
          <button type="button" className="link-button" onClick={() => signOut.mutate()}>
            Sign out
          </button>
        </nav>
      )}
    </header>
  );
}

/** On every route change (not the first page load), focus moves to the new page's heading. */
function useFocusHeadingOnNavigation() {
  const [location] = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // The new page may still be loading (its code, then its heading), and the previous page's
    // heading may be shown until it has: for about two seconds, each new heading that appears takes
    // the focus, unless the person has moved it elsewhere meanwhile.
    let focused: HTMLElement | null = null;
    let tries = 0;
    let frame = 0;
    const focus = () => {
      const active = document.activeElement;
      if (focused && active !== focused && active !== document.body) return;
      const heading = document.querySelector<HTMLElement>('main h1');
      if (heading && heading !== focused) {
        heading.tabIndex = -1;
        heading.focus({ preventScroll: false });
        focused = heading;
      }
      if (tries++ < 120) frame = requestAnimationFrame(focus);
    };
    frame = requestAnimationFrame(focus);
    return () => cancelAnimationFrame(frame);
  }, [location]);
}

export function App() {
  const session = useSession();
  // The first time the session arrives, the page behind it renders in a deferred pass that React
  // splits into short tasks, so the page answers input while it is drawn. Later changes (sign-in,
  // sign-out) apply at once, together with the navigation they come with.
  const deferred = useDeferredValue(session.data);
  const current = deferred === undefined ? deferred : session.data;
  const [location] = useLocation();
  useFocusHeadingOnNavigation();
  if (session.isPending || (session.data && !current)) {
    return (
      <main className="page" aria-busy="true">
        <p className="muted">Loading…</p>
      </main>
    );
  }
  const user = current?.user ?? null;
  const realBanksUnavailable = current?.server?.realBanksUnavailable ?? null;
  const signedIn = (page: (user: User) => ReactNode) => (user ? page(user) : <Redirect to={`/signin?next=${encodeURIComponent(location)}`} />);
  const signedOut = (page: ReactNode) => (user ? <Redirect to={afterSignIn()} /> : page);
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <Header user={user} />
      <main id="main" className="page">
        {session.isError && (
          <Alert>
            CashView could not be reached. Check your connection, then{' '}
            <button type="button" className="link-button inline" onClick={() => session.refetch()} disabled={session.isFetching}>
              {session.isFetching ? 'trying again…' : 'try again'}
            </button>
            .
          </Alert>
        )}
        <Switch>
          <Route path="/">{signedOut(<WelcomePage />)}</Route>
          <Route path="/signin">{signedOut(<SignInPage />)}</Route>
          <Route path="/signup">{signedOut(<SignUpPage realBanksUnavailable={realBanksUnavailable} />)}</Route>
          <Route path="/dashboard">
            {signedIn((u) => (
              <LinkFlow>{(link) => <DashboardPage user={u} link={link} history={
                    <Suspense fallback={<div className="card history" aria-busy="true" />}>
                      <NetWorthHistory />
                    </Suspense>
                  } renderTracker={(account) => <TrackerPanel account={account} />} />}</LinkFlow>
            ))}
          </Route>
          <Route path="/transactions">{signedIn(() => <Suspense fallback={pageLoading}><TransactionsPage /></Suspense>)}</Route>
          <Route path="/spending">{signedIn(() => <Suspense fallback={pageLoading}><SpendingPage /></Suspense>)}</Route>
          <Route path="/alerts">{signedIn(() => <Suspense fallback={pageLoading}><AlertsPage /></Suspense>)}</Route>
          <Route path="/notifications">{signedIn(() => <NotificationsPage />)}</Route>
          <Route path="/profile">{signedIn((u) => <ProfilePage key={u.id} user={u} realBanksUnavailable={realBanksUnavailable} />)}</Route>
          <Route>
            <section className="card narrow">
              <h1>Page not found</h1>
              <Link href="/">Go to the start page</Link>
            </section>
          </Route>
        </Switch>
      </main>
    </>
  );
}
