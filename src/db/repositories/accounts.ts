import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { accounts, removedAccounts, type AccountRow } from '../schema/index.js';

export type AccountUpsert = Omit<typeof accounts.$inferInsert, 'updatedAt'>;

/** Inserts new accounts and updates known ones (keyed on Plaid's account id within the item). */
export async function upsertAccounts(db: Db, rows: AccountUpsert[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(accounts)
    .values(rows)
    .onConflictDoUpdate({
      target: [accounts.itemId, accounts.plaidAccountId],
      set: {
        name: sql`excluded.name`,
        officialName: sql`excluded.official_name`,
        mask: sql`excluded.mask`,
        type: sql`excluded.type`,
        subtype: sql`excluded.subtype`,
        currency: sql`excluded.currency`,
        availableCents: sql`excluded.available_cents`,
        currentCents: sql`excluded.current_cents`,
        limitCents: sql`excluded.limit_cents`,
        updatedAt: sql`now()`,
      },
      // Unchanged accounts (most daily refreshes) are not rewritten.
      setWhere: sql`(${accounts.name}, ${accounts.officialName}, ${accounts.mask}, ${accounts.type}, ${accounts.subtype}, ${accounts.currency}, ${accounts.availableCents}, ${accounts.currentCents}, ${accounts.limitCents})
        is distinct from (excluded.name, excluded.official_name, excluded.mask, excluded.type, excluded.subtype, excluded.currency, excluded.available_cents, excluded.current_cents, excluded.limit_cents)`,
    });
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

/** Plaid account ids the person removed from this item. */
export async function findRemovedPlaidAccountIds(db: Db, itemId: string): Promise<Set<string>> {
  const rows = await db.select({ id: removedAccounts.plaidAccountId }).from(removedAccounts).where(eq(removedAccounts.itemId, itemId));
  return new Set(rows.map((row) => row.id));
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
