import { notifyManager, useQuery, useQueryClient } from '@tanstack/react-query';
import { navigate } from 'wouter/use-browser-location';
import type { sessionAnswer, SessionAnswer } from '../../shared/contracts/session.js';
import { api, setCsrfToken } from './api-client.js';

// The session as every feature sees it (signing in is the auth feature's; a profile change or
// deletion renews or ends it too).
export const sessionKey = ['session'] as const;

export async function fetchSession(): Promise<SessionAnswer> {
  const session = await api<typeof sessionAnswer>('GET', '/api/session');
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
