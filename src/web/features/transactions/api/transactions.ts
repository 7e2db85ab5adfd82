import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { spendingAnswer, transactionAnswer, transactionsAnswer } from '../../../../shared/contracts/history.js';
import { api } from '../../../lib/api-client.js';
import { dashboardKey } from '../../../lib/query-keys.js';

/** The filters the page puts in its address, as the API reads them. */
export type Filters = Partial<Record<'search' | 'accountId' | 'institutionId' | 'category' | 'from' | 'to' | 'pending' | 'budgeted', string>>;

const PAGE = 100;

/** Pages of 100, newest first, each asked with the cursor the last one gave: the list never loads everything. */
export function useTransactions(filters: Filters) {
  return useInfiniteQuery({
    queryKey: ['transactions', filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ ...filters, limit: String(PAGE), ...(pageParam && { cursor: pageParam }) });
      return api<typeof transactionsAnswer>('GET', `/api/transactions?${query}`);
    },
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** Re-categorise or exclude: the list, the spending and the dashboard's trackers all change. */
export function useUpdateTransaction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...change }: { id: string; category?: string | null; excludedFromBudgets?: boolean }) =>
      api<typeof transactionAnswer>('PATCH', `/api/transactions/${id}`, change),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ['transactions'] });
      void client.invalidateQueries({ queryKey: ['spending'] });
      void client.invalidateQueries({ queryKey: dashboardKey });
    },
  });
}

export const useSpending = (month: string) =>
  useQuery({ queryKey: ['spending', month], queryFn: () => api<typeof spendingAnswer>('GET', `/api/spending?month=${month}`), placeholderData: keepPreviousData });
