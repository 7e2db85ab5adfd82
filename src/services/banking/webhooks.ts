import * as items from '../../db/repositories/items.js';
import { healthFor, messageFor } from '../../integrations/plaid/errors.js';
import type { ServiceDeps } from '../deps.js';
import { alertsAfterData } from '../alerts/evaluate.js';

export { verifyPlaidWebhook } from './webhook-verification.js';

export interface PlaidWebhook {
  webhook_type?: string;
  webhook_code?: string;
  item_id?: string;
  error?: { error_code?: string } | null;
}

/**
 * Idempotent by design: each code sets a state or queues a job keyed by the item, so Plaid's
 * retries, duplicates and reordering leave the same result.
 */
export async function handlePlaidWebhook(deps: ServiceDeps, hook: PlaidWebhook): Promise<void> {
  const item = hook.item_id ? await items.findItemByPlaidId(deps.db, hook.item_id) : undefined;
  if (!item) return; // not ours (any more): acknowledged and ignored
  const kind = `${hook.webhook_type}/${hook.webhook_code}`;
  switch (kind) {
    case 'TRANSACTIONS/SYNC_UPDATES_AVAILABLE':
      await deps.jobs.send('sync-item', { itemId: item.id }, { singletonKey: item.id });
      break;
    case 'ITEM/ERROR': {
      const code = hook.error?.error_code ?? 'UNKNOWN';
      await items.updateItem(deps.db, item.id, { health: healthFor(code), errorCode: code, errorMessage: messageFor(code) });
      await alertsAfterData(deps, item.userId);
      break;
    }
    case 'ITEM/PENDING_DISCONNECT':
    case 'ITEM/PENDING_EXPIRATION':
      await items.updateItem(deps.db, item.id, { health: 'pending_disconnect', errorMessage: 'This bank will disconnect soon unless you sign in to it again.' });
      await alertsAfterData(deps, item.userId);
      break;
    case 'ITEM/LOGIN_REPAIRED':
      await items.updateItem(deps.db, item.id, { health: null, errorCode: null, errorMessage: null });
      await deps.jobs.send('refresh-item', { itemId: item.id }, { singletonKey: item.id });
      break;
    case 'ITEM/NEW_ACCOUNTS_AVAILABLE':
      await deps.jobs.send('refresh-item', { itemId: item.id }, { singletonKey: item.id });
      break;
    default:
      break;
  }
}
