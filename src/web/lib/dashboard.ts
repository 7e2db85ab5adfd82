import { useQuery } from '@tanstack/react-query';
import type { dashboardAnswer, Dashboard } from '../../shared/contracts/dashboard.js';
import { api } from './api-client.js';
import { dashboardKey } from './query-keys.js';

/** Something is still happening in the background: poll until it settles. */
const busy = (data?: Dashboard) => data?.institutions.some((i) => i.status === 'linking' || i.refreshing) ?? false;

/** The dashboard's answer: its page shows it, and other pages read the person's accounts from it. */
export function useDashboard() {
  return useQuery({
    queryKey: dashboardKey,
    queryFn: () => api<typeof dashboardAnswer>('GET', '/api/dashboard'),
    refetchInterval: (query) => (busy(query.state.data) ? 1000 : 60_000),
  });
}
