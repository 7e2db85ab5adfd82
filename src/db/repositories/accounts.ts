import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { accounts, removedAccounts, type AccountRow } from '../schema/index.js';

export type AccountUpsert = Omit<typeof accounts.$inferInsert, 'updatedAt' | 'hidden'>;

const COLUMNS = getTableColumns(accounts);

/**
 * Inserts new accounts and updates known ones (keyed on Plaid's account id within the item), in
 * one statement with the rows as one JSON parameter: the daily job runs this for every item, and
 * building a 13-column multi-row insert took more CPU than the database's work. Accounts the person
 * removed (removed_accounts) are never inserted again; unchanged ones are not rewritten.
 */
export async function upsertAccounts(db: Db, rows: AccountUpsert[]): Promise<void> {
  if (rows.length === 0) return;
  // JSON keyed by column name, as json_populate_recordset reads it.
  const json = JSON.stringify(rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [COLUMNS[key as keyof AccountUpsert].name, value ?? null]))));
  await db.execute(sql`
    insert into accounts (id, item_id, user_id, plaid_account_id, name, official_name, mask, type, subtype, currency, available_cents, current_cents, limit_cents)
    select x.id, x.item_id, x.user_id, x.plaid_account_id, x.name, x.official_name, x.mask, x.type, x.subtype, x.currency, x.available_cents, x.current_cents, x.limit_cents
      from json_populate_recordset(null::accounts, ${json}::json) x
     where not exists (select 1 from removed_accounts r where r.item_id = x.item_id and r.plaid_account_id = x.plaid_account_id)
    on conflict (item_id, plaid_account_id) do update set
      name = excluded.name, official_name = excluded.official_name, mask = excluded.mask, type = excluded.type,
      subtype = excluded.subtype, currency = excluded.currency, available_cents = excluded.available_cents,
      current_cents = excluded.current_cents, limit_cents = excluded.limit_cents, updated_at = now()
     where (accounts.name, accounts.official_name, accounts.mask, accounts.type, accounts.subtype, accounts.currency, accounts.available_cents, accounts.current_cents, accounts.limit_cents)
       is distinct from (excluded.name, excluded.official_name, excluded.mask, excluded.type, excluded.subtype, excluded.currency, excluded.available_cents, excluded.current_cents, excluded.limit_cents)`);
}

export async function findAccountsOfItem(db: Db, itemId: string): Promise<AccountRow[]> {
  return db.select().from(accounts).where(eq(accounts.itemId, itemId)).orderBy(accounts.name);
}

export async function findAccountsOfUser(db: Db, userId: string): Promise<AccountRow[]> {
  return db.select().from(accounts).where(eq(accounts.userId, userId)).orderBy(accounts.name);
}

export async function findOwnAccount(db: Db, userId: string, id: string): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(accounts).where(and(eq(accounts.id, id), eq(accounts.userId, userId)));
  return row;
}

/**
 * Deletes the person's account (its transactions go with it) and remembers its Plaid id for the
 * item, in one transaction, so nothing brings it back; false when there was none.
 */
export async function deleteOwnAccount(db: Db, userId: string, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(accounts)
      .where(and(eq(accounts.id, id), eq(accounts.userId, userId)))
      .returning({ itemId: accounts.itemId, plaidAccountId: accounts.plaidAccountId });
    if (!row) return false;
    await tx.insert(removedAccounts).values({ ...row, userId }).onConflictDoNothing();
    return true;
  });
}

/** Hides or shows the person's account; undefined when it is not theirs. */
export async function setOwnAccountHidden(db: Db, userId: string, id: string, hidden: boolean): Promise<AccountRow | undefined> {
  const [row] = await db
    .update(accounts)
    .set({ hidden, updatedAt: sql`now()` })
    .where(and(eq(accounts.id, id), eq(accounts.userId, userId)))
    .returning();
  return row;
}
