import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { accounts, type AccountRow } from '../schema/index.js';

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

/** Deletes the person's account (its transactions go with it); false when there was none. */
export async function deleteOwnAccount(db: Db, userId: string, id: string): Promise<boolean> {
  const rows = await db.delete(accounts).where(and(eq(accounts.id, id), eq(accounts.userId, userId))).returning({ id: accounts.id });
  return rows.length > 0;
}
