import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { accountAnswer } from '../../../../shared/contracts/dashboard.js';
import type { institutionAnswer } from '../../../../shared/contracts/institutions.js';
import { api } from '../../../lib/api-client.js';
import { dashboardKey } from '../../../lib/query-keys.js';

export { useDashboard } from '../../../lib/dashboard.js';

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

export const useRefreshInstitution = () => useDashboardMutation((id: string) => api<typeof institutionAnswer>('POST', `/api/institutions/${id}/refresh`));
export const useDeleteInstitution = () => useDashboardMutation((id: string) => api('DELETE', `/api/institutions/${id}`));
export const useDeleteAccount = () => useDashboardMutation((id: string) => api('DELETE', `/api/accounts/${id}`));
export const useSetAccountHidden = () =>
  useDashboardMutation(({ id, hidden }: { id: string; hidden: boolean }) => api<typeof accountAnswer>('PATCH', `/api/accounts/${id}`, { hidden }));
