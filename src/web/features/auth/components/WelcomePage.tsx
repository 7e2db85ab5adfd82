import { Link } from 'wouter';

export function WelcomePage() {
  return (
    <section className="hero" aria-labelledby="welcome-title">
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
