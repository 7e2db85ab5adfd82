import type { DashboardInstitution } from '../../../../shared/contracts/dashboard.js';

const STEPS: Record<string, string> = {
  queued: 'Waiting to start',
  exchanging: 'Connecting',
  reading_institution: 'Reading the bank',
  reading_accounts: 'Reading accounts',
  syncing_transactions: 'Reading transactions',
};

const HEALTH: Record<NonNullable<DashboardInstitution['health']>, [string, string]> = {
  needs_relogin: ['bad', 'Needs re-login'],
  pending_disconnect: ['warn', 'Sign in again soon'],
  institution_down: ['warn', 'Institution down'],
  refresh_failed: ['warn', 'Refresh failed'],
};

export function StatusBadge({ institution }: { institution: DashboardInstitution }) {
  const [kind, text] =
    institution.status === 'linking'
      ? ['busy', `Linking… ${STEPS[institution.linkStep ?? ''] ?? ''}`.trim()]
      : institution.status === 'error'
        ? ['bad', 'Could not link']
        : institution.refreshing
          ? ['busy', 'Refreshing…']
          : institution.health
            ? HEALTH[institution.health]
            : ['ok', 'Up to date'];
  return (
    <span className={`badge ${kind}`} role="status">
      {text}
    </span>
  );
}
