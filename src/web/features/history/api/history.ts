import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { explanationAnswer, historyAnswer } from '../../../../shared/contracts/history.js';
import { api } from '../../../lib/api-client.js';
import { dashboardKey } from '../../../lib/query-keys.js';

// Keyed under the dashboard's key: whatever refreshes the dashboard (a link, a refresh, hiding an
// account) refreshes the history with it.
export const useNetWorthHistory = (from: string | null) =>
  useQuery({
    queryKey: [...dashboardKey, 'history', from],
    queryFn: () => api<typeof historyAnswer>('GET', `/api/net-worth/history${from ? `?from=${from}` : ''}`),
    placeholderData: keepPreviousData,
  });

export const useExplanation = (day: string | null) =>
  useQuery({
    queryKey: [...dashboardKey, 'explain', day],
    queryFn: () => api<typeof explanationAnswer>('GET', `/api/net-worth/history/${day}`),
    enabled: day !== null,
  });
