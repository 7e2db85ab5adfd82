import crypto from 'node:crypto';
import { notFound } from '../../domain/errors.js';
import type { Db } from '../../db/client.js';
import type { ItemRow } from '../../db/schema/index.js';
import { deleteOwnAccount, setOwnAccountHidden } from '../../db/repositories/accounts.js';
import * as items from '../../db/repositories/items.js';
import * as revocations from '../../db/repositories/revocations.js';
import { jitteredMs } from '../../domain/backoff.js';
import { PlaidApiError } from '../../integrations/plaid/errors.js';
import type { ServiceDeps } from '../deps.js';
import { openAccessToken } from './tokens.js';

/** Records, in the caller's transaction, that these items must be revoked at Plaid (due at once). */
export async function queueRevocations(tx: Db, rows: ItemRow[], now: Date): Promise<void> {
  await revocations.insertRevocations(
    tx,
    rows.flatMap((item) =>
      item.accessTokenSealed && item.plaidItemId
        ? [{ id: crypto.randomUUID(), plaidItemId: item.plaidItemId, accessTokenSealed: item.accessTokenSealed, nextAttemptAt: now }]
        : [],
    ),
  );
}

/** Deletes the institution here at once; revoking it at Plaid happens in the background. */
export async function deleteInstitution(deps: ServiceDeps, userId: string, itemId: string): Promise<void> {
  const found = await deps.db.transaction(async (tx) => {
    const item = await items.deleteOwnItem(tx, userId, itemId);
    if (item) await queueRevocations(tx, [item], deps.now());
    return item !== undefined;
  });
  if (!found) throw notFound('That institution');
  await deps.jobs.send('revoke-items', {});
}

/** Deletes one account here only (its tracker and transactions go with it); it stays removed. */
export async function deleteAccount(deps: ServiceDeps, userId: string, accountId: string): Promise<void> {
  if (!(await deleteOwnAccount(deps.db, userId, accountId))) throw notFound('That account');
}

/** Hiding keeps the account listed and synced but out of every total; showing it counts it again. */
export async function setAccountHidden(deps: ServiceDeps, userId: string, accountId: string, hidden: boolean) {
  const row = await setOwnAccountHidden(deps.db, userId, accountId, hidden);
  if (!row) throw notFound('That account');
  return { id: row.id, name: row.name, mask: row.mask, type: row.type, subtype: row.subtype, hidden: row.hidden };
}

const MAX_DELAY_MS = 6 * 60 * 60_000;

/**
 * Revokes every due item at Plaid. A failure never blocks anything: the row waits (exponential
 * backoff, full jitter, at most 6 h) for the next run. A token Plaid no longer knows is done.
 */
export async function runRevocations(deps: ServiceDeps): Promise<{ revoked: number; postponed: number }> {
  let revoked = 0;
  let postponed = 0;
  for (const row of await revocations.findDueRevocations(deps.db, deps.now())) {
    try {
      await deps.plaid.removeItem(openAccessToken(deps, row.accessTokenSealed), { key: row.plaidItemId, institutionId: null });
      await revocations.deleteRevocation(deps.db, row.id);
      revoked++;
    } catch (error) {
      const code = error instanceof PlaidApiError ? error.code : 'UNEXPECTED';
      const delay = Math.min(MAX_DELAY_MS, 30_000 + jitteredMs(row.attempts, 30_000, MAX_DELAY_MS));
      await revocations.postponeRevocation(deps.db, row.id, row.attempts + 1, new Date(deps.now().getTime() + delay), code);
      postponed++;
    }
  }
  return { revoked, postponed };
}
