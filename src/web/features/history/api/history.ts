import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { explanationAnswer, historyAnswer } from '../../../../shared/contracts/history.js';
import { api } from '../../../lib/api-client.js';
import { dashboardKey } from '../../../lib/query-keys.js';

// Keyed under the dashboard's key, and by what the dashboard shows (`figures`): whatever changes
// the dashboard (a link finishing, a refresh, hiding an account) fetches the history again.
export const useNetWorthHistory = (from: string | null, figures: string) =>
  useQuery({
    queryKey: [...dashboardKey, 'history', from, figures],
    queryFn: () => api<typeof historyAnswer>('GET', `/api/net-worth/history${from ? `?from=${from}` : ''}`),
    placeholderData: keepPreviousData,
  });

export const useExplanation = (day: string | null, figures: string) =>
  useQuery({
    queryKey: [...dashboardKey, 'explain', day, figures],
    queryFn: () => api<typeof explanationAnswer>('GET', `/api/net-worth/history/${day}`),
    enabled: day !== null,
  });
