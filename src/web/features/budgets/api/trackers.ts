import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { trackerAnswer } from '../../../../shared/contracts/budgets.js';
import { api } from '../../../lib/api-client.js';
import { dashboardKey } from '../../../lib/query-keys.js';

type TrackerInput = { thresholdCents: number; frequencyDays: number };

function useTrackerMutation<T>(run: (input: T) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => client.invalidateQueries({ queryKey: dashboardKey }) });
}

const path = (accountId: string) => `/api/accounts/${accountId}/budget-tracker`;

export const useSaveTracker = (accountId: string, exists: boolean) =>
  useTrackerMutation((input: TrackerInput) => api<typeof trackerAnswer>(exists ? 'PATCH' : 'POST', path(accountId), input));
export const useDeleteTracker = (accountId: string) => useTrackerMutation(() => api('DELETE', path(accountId)));
