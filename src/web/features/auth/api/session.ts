import { notifyManager, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { navigate } from 'wouter/use-browser-location';
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

/**
 * When the session ends (sign-out, profile deleted): forget the person and move to `to` in one
 * render, so no signed-in-only page flashes a redirect, then read the fresh anonymous session.
 */
export function useLeaveSession() {
  const client = useQueryClient();
  const refresh = useRefreshSession();
  return async (to: string) => {
    client.setQueryData<SessionAnswer>(sessionKey, (old) => old && { ...old, user: null });
    // Query tells its observers on a later tick; navigating in that same batch renders both together.
    notifyManager.schedule(() => navigate(to));
    await refresh();
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
  const leave = useLeaveSession();
  return useMutation({ mutationFn: () => api('DELETE', '/api/session', null), onSettled: () => leave('/signin') });
}
