import { useMutation } from '@tanstack/react-query';
import type { sessionAnswer, SignInRequest } from '../../../../shared/contracts/session.js';
import type { userAnswer, SignUpRequest } from '../../../../shared/contracts/users.js';
import { api } from '../../../lib/api-client.js';
import { useLeaveSession, useRefreshSession } from '../../../lib/session.js';

export function useSignIn() {
  const refresh = useRefreshSession();
  return useMutation({
    mutationFn: (input: SignInRequest) => api<typeof sessionAnswer>('POST', '/api/session', input),
    onSuccess: refresh,
  });
}

export function useSignUp() {
  const refresh = useRefreshSession();
  return useMutation({
    mutationFn: (input: SignUpRequest) => api<typeof userAnswer>('POST', '/api/users', input),
    onSuccess: refresh,
  });
}

export function useSignOut() {
  const leave = useLeaveSession();
  return useMutation({ mutationFn: () => api('DELETE', '/api/session'), onSettled: () => leave('/signin') });
}
