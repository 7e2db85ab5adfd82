import crypto from 'node:crypto';
import type { AccountBase } from 'plaid';
import { fromPlaid } from '../../shared/money.js';
import type { Db } from '../../db/client.js';
import type { ItemRow } from '../../db/schema/index.js';
import { upsertAccounts } from '../../db/repositories/accounts.js';

/**
 * Plaid's accounts as CashView keeps them: keyed on Plaid's id, balances in cents. Accounts the
 * person removed stay removed, whoever calls (link, refresh, daily job, new-accounts webhook).
 */
export async function storeAccounts(db: Db, item: ItemRow, accounts: AccountBase[]): Promise<void> {
  // The statement itself leaves out the accounts the person removed.
  await upsertAccounts(
    db,
    accounts.map((account) => ({
      id: crypto.randomUUID(),
      itemId: item.id,
      userId: item.userId,
      plaidAccountId: account.account_id,
      name: account.name,
      officialName: account.official_name ?? null,
      mask: account.mask ?? null,
      type: String(account.type),
      subtype: account.subtype ? String(account.subtype) : null,
      currency: account.balances.iso_currency_code ?? account.balances.unofficial_currency_code ?? 'USD',
      availableCents: fromPlaid(account.balances.available),
      currentCents: fromPlaid(account.balances.current),
      limitCents: fromPlaid(account.balances.limit),
    })),
  );
}
