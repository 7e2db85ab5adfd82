import { Link, useSearch } from 'wouter';
import { Alert } from '../../../components/ui/Alert.js';

export function WelcomePage() {
  const deleted = new URLSearchParams(useSearch()).get('profile') === 'deleted';
  return (
    <section className="hero" aria-labelledby="welcome-title">
      {deleted && <Alert kind="success">Your profile and everything in it were deleted, and your banks were unlinked.</Alert>}
      <h1 id="welcome-title">Everything you own and owe, in one place</h1>
      <p className="lead">
        CashView links your banks, cards, loans and investments, shows your net worth with and without loans, and texts
        you when a month’s spending runs ahead of your budget.
      </p>
      <div className="actions">
        <Link href="/signup" className="button primary">
          Create a profile
        </Link>
        <Link href="/signin" className="button secondary">
          Sign in or try the demo
        </Link>
      </div>
    </section>
  );
}
