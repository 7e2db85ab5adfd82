import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { institutionAnswer, linkTokenAnswer, sandboxInstitutionsAnswer, sandboxPublicTokenAnswer, SandboxPublicTokenRequest } from '../../../../shared/contracts/institutions.js';
import { api } from '../../../lib/api-client.js';
import { dashboardKey } from '../../../lib/query-keys.js';

export const useLinkToken = () => useMutation({ mutationFn: (institutionId?: string) => api<typeof linkTokenAnswer>('POST', '/api/link-tokens', institutionId ? { institutionId } : {}) });

export const useSandboxInstitutions = (enabled: boolean) =>
  useQuery({ queryKey: ['sandbox-institutions'], queryFn: () => api<typeof sandboxInstitutionsAnswer>('GET', '/api/sandbox/institutions'), enabled, staleTime: Infinity });

/** Hands a public token to CashView, which links in the background (202) while the dashboard polls. */
export function useExchange() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { publicToken: string; institutionId?: string }) => api<typeof institutionAnswer>('POST', '/api/institutions', input),
    onSuccess: () => client.invalidateQueries({ queryKey: dashboardKey }),
  });
}

/** The simulated dialog: credentials give a public token, as Plaid Link would, then the same exchange. */
export function useSandboxLink() {
  const exchange = useExchange();
  return useMutation({
    mutationFn: async (input: SandboxPublicTokenRequest) => {
      const { publicToken } = await api<typeof sandboxPublicTokenAnswer>('POST', '/api/sandbox/public-tokens', input);
      return exchange.mutateAsync({ publicToken, institutionId: input.institutionId });
    },
  });
}

export function useRelogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, username, password }: { id: string; username: string; password: string }) =>
      api<typeof institutionAnswer>('POST', `/api/institutions/${id}/relogin`, { username, password }),
    onSuccess: () => client.invalidateQueries({ queryKey: dashboardKey }),
  });
}
