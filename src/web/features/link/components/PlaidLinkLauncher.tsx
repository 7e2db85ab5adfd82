import { useEffect } from 'react';
import { usePlaidLink } from 'react-plaid-link';
import { useExchange } from '../api/link.js';

/**
 * Real Plaid Link (sandbox and production). Loaded only in those modes: it fetches Plaid's script
 * from Plaid, so it cannot work offline. In update mode there is nothing to exchange afterwards.
 */
export default function PlaidLinkLauncher({ token, updateMode, onDone }: { token: string; updateMode: boolean; onDone(): void }) {
  const exchange = useExchange();
  const { open, ready } = usePlaidLink({
    token,
    onSuccess: (publicToken, metadata) => {
      const institutionId = metadata.institution?.institution_id;
      if (!updateMode && publicToken) exchange.mutate({ publicToken, ...(institutionId ? { institutionId } : {}) });
      onDone();
    },
    onExit: () => onDone(),
  });
  useEffect(() => {
    if (ready) open();
  }, [ready, open]);
  return null;
}
