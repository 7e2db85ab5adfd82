import crypto from 'node:crypto';
import type { AccountBase } from 'plaid';
import { fromPlaid } from '../../shared/money.js';
import type { Db } from '../../db/client.js';
import type { ItemRow } from '../../db/schema/index.js';
import { upsertAccounts } from '../../db/repositories/accounts.js';
import { recordObservedBalances } from '../../db/repositories/balance-history.js';
import { countedBalance } from '../../domain/net-worth.js';

/**
 * Plaid's accounts as CashView keeps them: keyed on Plaid's id, balances in cents. Accounts the
 * person removed stay removed, whoever calls (link, refresh, daily job, new-accounts webhook).
 * The balances read are also recorded as the day's observation (product.md section 9), in the same
 * transaction, so the history's last point is always the dashboard's figure.
 */
export async function storeAccounts(db: Db, item: ItemRow, accounts: AccountBase[], at: Date): Promise<void> {
  const rows = accounts.map((account) => ({
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
  }));
  await db.transaction(async (tx) => {
    // The statements themselves leave out the accounts the person removed.
    await upsertAccounts(tx, rows);
    await recordObservedBalances(tx, item.id, at, rows.map((row) => ({ plaidAccountId: row.plaidAccountId, balanceCents: countedBalance(row) })));
  });
}
