import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { alertSettingsAnswer, AlertSettingsRequest, ChannelName, verifyAnswer } from '../../../../shared/contracts/alerts.js';
import { api } from '../../../lib/api-client.js';

const settingsKey = ['alert-settings'] as const;

export const useAlertSettings = () => useQuery({ queryKey: settingsKey, queryFn: () => api<typeof alertSettingsAnswer>('GET', '/api/alerts/settings') });

export function useSaveAlertSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AlertSettingsRequest) => api<typeof alertSettingsAnswer>('PUT', '/api/alerts/settings', body),
    // The answer (with a new webhook's secret, shown once) is the page's data from now on.
    onSuccess: (answer) => client.setQueryData(settingsKey, answer),
  });
}

export function useVerifyChannel(channel: ChannelName) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (code?: string) => api<typeof verifyAnswer>('POST', `/api/alerts/channels/${channel}/verify`, code ? { code } : {}),
    onSuccess: (answer) => {
      if (answer.verified) void client.invalidateQueries({ queryKey: settingsKey });
    },
  });
}
