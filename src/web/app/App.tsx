import type { ReactNode } from 'react';
import { Link, Redirect, Route, Switch } from 'wouter';
import type { User } from '../../shared/contracts/users.js';
import { Alert } from '../components/ui/Alert.js';
import { useSession, useSignOut } from '../features/auth/api/session.js';
import { SignInPage } from '../features/auth/components/SignInPage.js';
import { SignUpPage } from '../features/auth/components/SignUpPage.js';
import { WelcomePage } from '../features/auth/components/WelcomePage.js';
import { DashboardPage } from '../features/dashboard/components/DashboardPage.js';
import { NotificationsPage } from '../features/notifications/components/NotificationsPage.js';
import { ProfilePage } from '../features/profile/components/ProfilePage.js';

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
          <Link href="/notifications">Notifications</Link>
          <Link href="/profile">Profile</Link>
          <button type="button" className="link-button" onClick={() => signOut.mutate()}>
            Sign out
          </button>
        </nav>
      )}
    </header>
  );
}

export function App() {
  const session = useSession();
  if (session.isPending) {
    return (
      <main className="page" aria-busy="true">
        <p className="muted">Loading…</p>
      </main>
    );
  }
  const user = session.data?.user ?? null;
  const signedIn = (page: (user: User) => ReactNode) => (user ? page(user) : <Redirect to="/signin" />);
  const signedOut = (page: ReactNode) => (user ? <Redirect to="/dashboard" /> : page);
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <Header user={user} />
      <main id="main" className="page">
        {session.isError && <Alert>CashView could not be reached. Check your connection and reload.</Alert>}
        <Switch>
          <Route path="/">{signedOut(<WelcomePage />)}</Route>
          <Route path="/signin">{signedOut(<SignInPage />)}</Route>
          <Route path="/signup">{signedOut(<SignUpPage />)}</Route>
          <Route path="/dashboard">{signedIn((u) => <DashboardPage user={u} />)}</Route>
          <Route path="/notifications">{signedIn(() => <NotificationsPage />)}</Route>
          <Route path="/profile">{signedIn((u) => <ProfilePage key={u.id} user={u} />)}</Route>
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
