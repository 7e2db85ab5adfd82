import type { Transaction } from 'plaid';
import { fromPlaid } from '../../shared/money.js';
import type { ItemRow } from '../../db/schema/index.js';
import { findAccountsOfItem } from '../../db/repositories/accounts.js';
import { updateItem, type ItemPatch } from '../../db/repositories/items.js';
import { carryChoicesToPosted, deleteTransactions, upsertTransactions, type NewTransaction } from '../../db/repositories/transactions.js';
import { PlaidApiError } from '../../integrations/plaid/errors.js';
import type { SyncPage } from '../../integrations/plaid/client.js';
import type { ServiceDeps } from '../deps.js';
import { itemKeyOf } from './tokens.js';

const RESTARTS = 3;

/**
 * /transactions/sync as plaid.md prescribes: page until has_more is false, restart the whole loop
 * from the starting cursor when a page fails with a mutation during pagination, and store the new
 * cursor only with the last page applied, in one database transaction. `finish` is written to the
 * item with the cursor (a refresh's outcome), so a sync with nothing new costs one statement.
 */
export async function syncTransactions(deps: ServiceDeps, item: ItemRow, accessToken: string, finish: ItemPatch = {}): Promise<{ added: number; removed: number }> {
  const start = item.transactionsCursor;
  for (let restart = 0; ; restart++) {
    const pages: SyncPage[] = [];
    try {
      let cursor = start;
      for (;;) {
        const page = await deps.plaid.syncTransactions(accessToken, itemKeyOf(item), cursor);
        pages.push(page);
        cursor = page.nextCursor;
        if (!page.hasMore) break;
      }
    } catch (error) {
      if (error instanceof PlaidApiError && error.code === 'TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION' && restart + 1 < RESTARTS) continue;
      throw error;
    }
    const last = pages.at(-1)!;
    // Not ready yet: empty arrays and next_cursor "" — keep the cursor we had and try later.
    // Nothing new (most daily runs): no transaction to open, at most a new cursor to keep.
    if (last.nextCursor === '' || pages.every((page) => page.added.length + page.modified.length + page.removed.length === 0)) {
      const patch = { ...finish, ...(last.nextCursor !== '' && last.nextCursor !== start && { transactionsCursor: last.nextCursor }) };
      if (Object.keys(patch).length > 0) await updateItem(deps.db, item.id, patch);
      return { added: 0, removed: 0 };
    }
    return apply(deps, item, pages, last.nextCursor, finish);
  }
}

async function apply(deps: ServiceDeps, item: ItemRow, pages: SyncPage[], cursor: string, finish: ItemPatch) {
  let added = 0;
  let removed = 0;
  await deps.db.transaction(async (tx) => {
    // The item's row first: every transaction that changes a person's data locks item rows before
    // their users row (whose data version the triggers bump), so two never wait on each other.
    await updateItem(tx, item.id, { ...finish, transactionsCursor: cursor });
    const accountIds = new Map((await findAccountsOfItem(tx, item.id)).map((account) => [account.plaidAccountId, account.id]));
    for (const page of pages) {
      const rows = [...page.added, ...page.modified].flatMap((txn) => {
        const accountId = accountIds.get(txn.account_id);
        return accountId ? [toRow(item, accountId, txn)] : [];
      });
      await upsertTransactions(tx, rows);
      await carryChoicesToPosted(tx, item.id, rows.flatMap((row) => (row.pendingTransactionId ? [row.pendingTransactionId] : [])));
      await deleteTransactions(tx, item.id, page.removed.map((r) => r.transaction_id));
      added += page.added.length;
      removed += page.removed.length;
    }
  });
  return { added, removed };
}

function toRow(item: ItemRow, accountId: string, txn: Transaction): NewTransaction {
  return {
    itemId: item.id,
    userId: item.userId,
    plaidTransactionId: txn.transaction_id,
    accountId,
    amountCents: fromPlaid(txn.amount),
    currency: txn.iso_currency_code ?? txn.unofficial_currency_code ?? 'USD',
    date: txn.date,
    authorizedDate: txn.authorized_date ?? null,
    pending: txn.pending,
    pendingTransactionId: txn.pending_transaction_id ?? null,
    name: txn.name ?? txn.merchant_name ?? 'Transaction',
    merchantName: txn.merchant_name ?? null,
    categoryPrimary: txn.personal_finance_category?.primary ?? null,
    categoryDetailed: txn.personal_finance_category?.detailed ?? null,
    legacyCategory: txn.category ?? null,
  };
}
