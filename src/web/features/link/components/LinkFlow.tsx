import { lazy, Suspense, useState, type ReactNode } from 'react';
import type { LinkTarget } from '../../../lib/link-target.js';
import { errorsOf } from '../../../lib/use-form.js';
import { useLinkToken } from '../api/link.js';
import { ConnectDialog } from './ConnectDialog.js';

const PlaidLinkLauncher = lazy(() => import('./PlaidLinkLauncher.js'));

export interface LinkControls {
  /** Opens the simulated connect dialog, or Plaid Link in sandbox and production. */
  start(target: LinkTarget): void;
  busy: boolean;
  error: string | undefined;
}

/**
 * Linking and signing in again, for whatever page offers it: a link token first, then CashView's
 * own dialog (simulated mode) or Plaid Link (sandbox and production). The page gets the controls.
 */
export function LinkFlow({ children }: { children: (controls: LinkControls) => ReactNode }) {
  const linkToken = useLinkToken();
  const [dialog, setDialog] = useState<LinkTarget | null>(null);
  const [plaidLink, setPlaidLink] = useState<{ token: string; updateMode: boolean } | null>(null);
  const start = (target: LinkTarget) =>
    linkToken.mutate(target.kind === 'relogin' ? target.id : undefined, {
      onSuccess: ({ linkToken: token, mode }) => (mode === 'simulated' ? setDialog(target) : setPlaidLink({ token, updateMode: target.kind === 'relogin' })),
    });
  return (
    <>
      {children({ start, busy: linkToken.isPending, error: errorsOf(linkToken.error).message })}
      <ConnectDialog target={dialog} onClose={() => setDialog(null)} />
      {plaidLink && (
        <Suspense fallback={null}>
          <PlaidLinkLauncher token={plaidLink.token} updateMode={plaidLink.updateMode} onDone={() => setPlaidLink(null)} />
        </Suspense>
      )}
    </>
  );
}
