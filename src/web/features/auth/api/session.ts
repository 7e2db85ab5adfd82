import { useMutation } from '@tanstack/react-query';
import { sessionAnswer, type SignInRequest } from '../../../../shared/contracts/session.js';
import { userAnswer, type SignUpRequest } from '../../../../shared/contracts/users.js';
import { api } from '../../../lib/api-client.js';
import { useLeaveSession, useRefreshSession } from '../../../lib/session.js';

export function useSignIn() {
  const refresh = useRefreshSession();
  return useMutation({
    mutationFn: (input: SignInRequest) => api('POST', '/api/session', sessionAnswer, input),
    onSuccess: refresh,
  });
}

export function useSignUp() {
  const refresh = useRefreshSession();
  return useMutation({
    mutationFn: (input: SignUpRequest) => api('POST', '/api/users', userAnswer, input),
    onSuccess: refresh,
  });
}

export function useSignOut() {
  const leave = useLeaveSession();
  return useMutation({ mutationFn: () => api('DELETE', '/api/session', null), onSettled: () => leave('/signin') });
}
