import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { sessionAnswer, type SessionAnswer, type SignInRequest } from '../../../../shared/contracts/session.js';
import { userAnswer, type SignUpRequest } from '../../../../shared/contracts/users.js';
import { api, setCsrfToken } from '../../../lib/api-client.js';

export const sessionKey = ['session'] as const;

export async function fetchSession(): Promise<SessionAnswer> {
  const session = await api('GET', '/api/session', sessionAnswer);
  setCsrfToken(session.csrfToken);
  return session;
}

export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 60_000 });
}

/** After anything that starts, ends or renews a session: read it again (new id, new CSRF token). */
export function useRefreshSession() {
  const client = useQueryClient();
  return async () => {
    client.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
    await client.fetchQuery({ queryKey: sessionKey, queryFn: fetchSession });
  };
}

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
  const refresh = useRefreshSession();
  return useMutation({ mutationFn: () => api('DELETE', '/api/session', null), onSettled: refresh });
}
