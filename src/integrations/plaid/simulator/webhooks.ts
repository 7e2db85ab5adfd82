import { simError } from './errors.js';
import type { SimItem } from './items.js';

/** The webhook codes /sandbox/item/fire_webhook fires here (Plaid's enum has a few more, for other products). */
export const FIREABLE = ['SYNC_UPDATES_AVAILABLE', 'DEFAULT_UPDATE', 'RECURRING_TRANSACTIONS_UPDATE', 'ERROR', 'PENDING_DISCONNECT', 'NEW_ACCOUNTS_AVAILABLE', 'LOGIN_REPAIRED'];

/** Each webhook the sandbox fires: its type and every field Plaid's document requires of it; null for a code it cannot fire. */
export function webhookFor(item: SimItem, code: string, now: number): { type: string; extra: object } | null {
  switch (code) {
    case 'SYNC_UPDATES_AVAILABLE':
      return { type: 'TRANSACTIONS', extra: { initial_update_complete: true, historical_update_complete: true } };
    case 'DEFAULT_UPDATE':
      return { type: 'TRANSACTIONS', extra: { new_transactions: 0, error: null } };
    case 'RECURRING_TRANSACTIONS_UPDATE':
      return { type: 'TRANSACTIONS', extra: { account_ids: item.accounts.map((account) => account.accountId) } };
    case 'ERROR':
      return { type: 'ITEM', extra: { error: simError('ITEM_LOGIN_REQUIRED').body() } };
    case 'PENDING_DISCONNECT':
      return { type: 'ITEM', extra: { reason: 'INSTITUTION_MIGRATION', disconnect_time: new Date(now + 7 * 24 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z') } };
    case 'NEW_ACCOUNTS_AVAILABLE':
      return { type: 'ITEM', extra: { error: null } };
    case 'LOGIN_REPAIRED':
      return { type: 'ITEM', extra: {} };
    default:
      return null;
  }
}
