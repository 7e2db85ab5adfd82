import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { accountAnswer, dashboardAnswer, type Dashboard } from '../../../../shared/contracts/dashboard.js';
import { institutionAnswer } from '../../../../shared/contracts/institutions.js';
import { api } from '../../../lib/api-client.js';
import { dashboardKey } from '../../../lib/query-keys.js';


/** Something is still happening in the background: poll until it settles. */
const busy = (data?: Dashboard) => data?.institutions.some((i) => i.status === 'linking' || i.refreshing) ?? false;

export function useDashboard() {
  return useQuery({
    queryKey: dashboardKey,
    queryFn: () => api('GET', '/api/dashboard', dashboardAnswer),
    refetchInterval: (query) => (busy(query.state.data) ? 1000 : 60_000),
  });
}

function useDashboardMutation<T>(run: (input: T) => Promise<unknown>) {
  const client = useQueryClient();
  // Not awaited: the caller's own callbacks (closing a dialog, moving focus) run before the
  // refetch removes what was deleted from the page.
  return useMutation({
    mutationFn: run,
    onSettled: () => {
      void client.invalidateQueries({ queryKey: dashboardKey });
    },
  });
}

export const useRefreshInstitution = () => useDashboardMutation((id: string) => api('POST', `/api/institutions/${id}/refresh`, institutionAnswer));
export const useDeleteInstitution = () => useDashboardMutation((id: string) => api('DELETE', `/api/institutions/${id}`, null));
export const useDeleteAccount = () => useDashboardMutation((id: string) => api('DELETE', `/api/accounts/${id}`, null));
export const useSetAccountHidden = () =>
  useDashboardMutation(({ id, hidden }: { id: string; hidden: boolean }) => api('PATCH', `/api/accounts/${id}`, accountAnswer, { hidden }));
