import { conflict, notFound } from '../../domain/errors.js';
import type { ItemRow } from '../../db/schema/index.js';
import * as items from '../../db/repositories/items.js';
import { PlaidApiError, healthFor, messageFor } from '../../integrations/plaid/errors.js';
import type { JobAttempt, ServiceDeps } from '../deps.js';
import { storeAccounts } from './store-accounts.js';
import { alertsAfterData } from '../alerts/evaluate.js';
import { syncTransactions } from './sync-transactions.js';
import { accessTokenOf, itemKeyOf } from './tokens.js';

/** Queues a refresh (one at a time per institution) and answers at once. */
export async function requestRefresh(deps: ServiceDeps, userId: string, itemId: string): Promise<ItemRow> {
  const item = await items.markRefreshing(deps.db, userId, itemId);
  if (!item) {
    // Nothing marked: say why (the usual case above costs one statement).
    const found = await items.findOwnItem(deps.db, userId, itemId);
    if (!found) throw notFound('That institution');
    throw conflict('INSTITUTION_NOT_READY', found.status === 'linking' ? 'This institution is still being linked.' : 'This institution could not be linked; remove it and link it again.');
  }
  await deps.jobs.send('refresh-item', { itemId: item.id }, { singletonKey: item.id, retryLimit: 4 });
  return item;
}

export type RefreshOutcome = { outcome: 'refreshed' | 'skipped' } | { outcome: 'failed'; code: string; temporary: boolean };

/**
 * Live balances and new transactions for one item. A failure keeps the last known figures and
 * records what went wrong on the item (needs re-login, institution down, refresh failed); the
 * outcome says which (the daily job counts them).
 */
export async function runRefresh(deps: ServiceDeps, itemOrId: string | ItemRow, attempt: JobAttempt, options: { alerts?: boolean } = {}): Promise<RefreshOutcome> {
  const item = typeof itemOrId === 'string' ? await items.findItem(deps.db, itemOrId) : itemOrId;
  const accessToken = item && accessTokenOf(deps, item);
  if (!item || !accessToken || item.status !== 'ready') return { outcome: 'skipped' };
  // The person's alerts are looked at once the outcome is stored (the daily job does it for everyone at its end).
  const alert = () => (options.alerts === false ? undefined : alertsAfterData(deps, item.userId));
  try {
    await storeAccounts(deps.db, item, await deps.plaid.getBalances(accessToken, itemKeyOf(item)), deps.now());
    // The refresh's outcome is written with the new cursor, in one statement.
    await syncTransactions(deps, item, accessToken, { refreshing: false, refreshedAt: deps.now(), health: null, errorCode: null, errorMessage: null });
    await alert();
    return { outcome: 'refreshed' };
  } catch (error) {
    if (!(error instanceof PlaidApiError)) throw error;
    const retrying = error.retryable && !attempt.final;
    await items.updateItem(deps.db, item.id, { refreshing: retrying, health: healthFor(error.code), errorCode: error.code, errorMessage: messageFor(error.code) });
    if (retrying) throw error;
    await alert();
    return { outcome: 'failed', code: error.code, temporary: error.retryable };
  }
}

/** A webhook said new transactions are there: sync only, no balance call. */
export async function runSync(deps: ServiceDeps, itemId: string): Promise<void> {
  const item = await items.findItem(deps.db, itemId);
  const accessToken = item && accessTokenOf(deps, item);
  if (!item || !accessToken || item.status !== 'ready') return;
  await syncTransactions(deps, item, accessToken);
  await alertsAfterData(deps, item.userId);
}
