import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { notificationsAnswer } from '../../../../shared/contracts/budgets.js';
import { api } from '../../../lib/api-client.js';

const notificationsKey = ['notifications'] as const;

/** The list and the unread count (the navigation polls it, so a new one shows without a reload). */
export const useNotifications = (options: { poll?: boolean } = {}) =>
  useQuery({ queryKey: notificationsKey, queryFn: () => api<typeof notificationsAnswer>('GET', '/api/notifications'), refetchInterval: options.poll ? 60_000 : false });

export function useMarkNotificationsRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api('POST', '/api/notifications/read', {}),
    onSuccess: () => client.invalidateQueries({ queryKey: notificationsKey }),
  });
}
