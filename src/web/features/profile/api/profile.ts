import { useMutation } from '@tanstack/react-query';
import type { userAnswer, UpdateProfileRequest } from '../../../../shared/contracts/users.js';
import { api } from '../../../lib/api-client.js';
import { useLeaveSession, useRefreshSession } from '../../../lib/session.js';

export function useUpdateProfile() {
  const refresh = useRefreshSession();
  return useMutation({
    mutationFn: (input: UpdateProfileRequest) => api<typeof userAnswer>('PATCH', '/api/users/me', input),
    onSuccess: refresh,
  });
}

export function useDeleteProfile() {
  const leave = useLeaveSession();
  return useMutation({
    mutationFn: (currentPassword: string) => api('DELETE', '/api/users/me', { currentPassword }),
    onSuccess: () => leave('/?profile=deleted'),
  });
}
