import crypto from 'node:crypto';
import { conflict } from '../../domain/errors.js';
import type { ItemRow } from '../../db/schema/index.js';
import * as items from '../../db/repositories/items.js';
import { PlaidApiError, healthFor, messageFor } from '../../integrations/plaid/errors.js';
import type { JobAttempt, ServiceDeps } from '../deps.js';
import { insertRevocations } from '../../db/repositories/revocations.js';
import { queueRevocations } from './remove-item.js';
import { storeAccounts } from './store-accounts.js';
import { alertsAfterData } from '../alerts/evaluate.js';
import { estimateBalancesBack } from '../../db/repositories/balance-history.js';
import { syncTransactions } from './sync-transactions.js';
import { itemKeyOf, openAccessToken, openPublicToken, sealAccessToken, sealPublicToken } from './tokens.js';

const alreadyLinked = (name = 'this institution') =>
  conflict('INSTITUTION_ALREADY_LINKED', `You have already linked ${name}. Refresh it instead of linking it again.`);

/**
 * Starts linking and answers at once: the item row says "linking" and a job does everything
 * that talks to Plaid. The institution id from Link (when given) refuses a second copy up front.
 */
export async function requestLink(deps: ServiceDeps, userId: string, input: { publicToken: string; institutionId?: string }): Promise<ItemRow> {
  // The institution id from Link (when given) meets the (person, institution) unique key here.
  const item = await items.insertItem(deps.db, {
    id: crypto.randomUUID(),
    userId,
    status: 'linking',
    linkStep: 'queued',
    plaidInstitutionId: input.institutionId ?? null,
  });
  if (!item) throw alreadyLinked();
  await deps.jobs.send('link-item', { itemId: item.id, publicToken: sealPublicToken(deps, input.publicToken) }, { retryLimit: 6 });
  return item;
}

/** Links at once, without the queue: for the demo bank, which must be ready when the server is. */
export async function linkNow(deps: ServiceDeps, userId: string, publicToken: string, institutionId: string): Promise<ItemRow | undefined> {
  const item = await items.insertItem(deps.db, { id: crypto.randomUUID(), userId, status: 'linking', linkStep: 'queued', plaidInstitutionId: institutionId });
  if (!item) throw alreadyLinked();
  await runLink(deps, { itemId: item.id, publicToken: sealPublicToken(deps, publicToken) }, { final: true });
  return items.findItem(deps.db, item.id);
}

/**
 * The link job. Safe to run again: each step it finished is recorded and skipped next time.
 * The person may remove the institution at any moment: a step that finds its row gone stops, and
 * an access token Plaid gave for a removed row is revoked at once (quality.md: no orphan at Plaid).
 */
export async function runLink(deps: ServiceDeps, data: { itemId: string; publicToken: string }, attempt: JobAttempt): Promise<void> {
  let item = await items.findItem(deps.db, data.itemId);
  if (!item || item.status !== 'linking') return; // deleted meanwhile, or already done
  try {
    if (!item.accessTokenSealed) {
      if (!(await step(deps, item, 'exchanging'))) return;
      const exchanged = await deps.plaid.exchangePublicToken(openPublicToken(deps, data.publicToken));
      const sealed = sealAccessToken(deps, exchanged.accessToken);
      const stored = await items.updateItem(deps.db, item.id, { accessTokenSealed: sealed, plaidItemId: exchanged.itemId });
      if (!stored) return await revokeOrphan(deps, exchanged.itemId, sealed);
      item = stored;
    }
    const accessToken = openAccessToken(deps, item.accessTokenSealed!);
    if (!(await step(deps, item, 'reading_institution'))) return;
    const { institutionId } = await deps.plaid.getItem(accessToken, itemKeyOf(item));
    const institution = institutionId ? await deps.plaid.getInstitution(institutionId) : null;
    const named = await items.updateItem(deps.db, item.id, {
      plaidInstitutionId: institutionId,
      name: institution?.name ?? 'Institution',
      logo: institution?.logo ?? null,
      primaryColor: institution?.primaryColor ?? null,
      url: institution?.url ?? null,
    });
    if (named === null) return await refuseDuplicate(deps, item, institution?.name);
    if (!named) return;
    item = named;
    if (!(await step(deps, item, 'reading_accounts'))) return;
    await storeAccounts(deps.db, item, await deps.plaid.getAccounts(accessToken, itemKeyOf(item)), deps.now());
    if (!(await step(deps, item, 'syncing_transactions'))) return;
    await syncTransactions(deps, item, accessToken);
    // Net worth over time starts before the link: earlier days estimated from the transactions.
    await estimateBalancesBack(deps.db, item.id, deps.now());
    await items.updateItem(deps.db, item.id, { status: 'ready', linkStep: null, health: null, errorCode: null, errorMessage: null, refreshedAt: deps.now() });
    await alertsAfterData(deps, item.userId);
  } catch (error) {
    if (!(error instanceof PlaidApiError)) throw error;
    if (error.retryable && !attempt.final) {
      // Tell the person what is happening while the queue waits to try again.
      await items.updateItem(deps.db, item.id, { health: healthFor(error.code) === 'institution_down' ? 'institution_down' : null, errorMessage: messageFor(error.code) });
      throw error;
    }
    await items.updateItem(deps.db, item.id, { status: 'error', linkStep: null, errorCode: error.code, errorMessage: messageFor(error.code) });
  }
}

/** Plaid made an item for a row the person removed while the exchange ran: revoke it now. */
async function revokeOrphan(deps: ServiceDeps, plaidItemId: string, accessTokenSealed: string): Promise<void> {
  await insertRevocations(deps.db, [{ id: crypto.randomUUID(), plaidItemId, accessTokenSealed, nextAttemptAt: deps.now() }]);
  await deps.jobs.send('revoke-items', {});
}

/** Records the step; false when the row is gone (removed by the person meanwhile). */
async function step(deps: ServiceDeps, item: ItemRow, linkStep: string): Promise<boolean> {
  return (await items.updateItem(deps.db, item.id, { linkStep })) !== undefined;
}

/** The same institution a second time: keep the first, revoke the new item at Plaid, say why. */
async function refuseDuplicate(deps: ServiceDeps, item: ItemRow, name?: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await queueRevocations(tx, [item], deps.now());
    await items.updateItem(tx, item.id, {
      status: 'error',
      linkStep: null,
      accessTokenSealed: null,
      plaidItemId: null,
      errorCode: 'INSTITUTION_ALREADY_LINKED',
      errorMessage: alreadyLinked(name).message,
    });
  });
  await deps.jobs.send('revoke-items', {});
}
