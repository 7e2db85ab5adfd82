import type { User } from '../../../../shared/contracts/users.js';

/** The dashboard's frame; net worth, the chart and institutions arrive with the Plaid work. */
export function DashboardPage({ user }: { user: User }) {
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">Hello, {user.firstName}</h1>
      <div className="card empty-state">
        <h2>No institutions linked yet</h2>
        <p className="muted">Link a bank, card, loan or investment account to see your net worth here.</p>
      </div>
    </section>
  );
}
