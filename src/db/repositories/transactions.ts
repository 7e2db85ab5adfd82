import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { transactions } from '../schema/index.js';

export type NewTransaction = typeof transactions.$inferInsert;

const CHUNK = 500;

/** Added and modified transactions land the same way: inserted, or overwritten when known. */
export async function upsertTransactions(db: Db, rows: NewTransaction[]): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    await db
      .insert(transactions)
      .values(rows.slice(start, start + CHUNK))
      .onConflictDoUpdate({
        target: [transactions.itemId, transactions.plaidTransactionId],
        set: {
          accountId: sql`excluded.account_id`,
          amountCents: sql`excluded.amount_cents`,
          currency: sql`excluded.currency`,
          date: sql`excluded.date`,
          authorizedDate: sql`excluded.authorized_date`,
          pending: sql`excluded.pending`,
          pendingTransactionId: sql`excluded.pending_transaction_id`,
          name: sql`excluded.name`,
          merchantName: sql`excluded.merchant_name`,
          categoryPrimary: sql`excluded.category_primary`,
          categoryDetailed: sql`excluded.category_detailed`,
          legacyCategory: sql`excluded.legacy_category`,
        },
      });
  }
}

export async function deleteTransactions(db: Db, itemId: string, plaidIds: string[]): Promise<void> {
  for (let start = 0; start < plaidIds.length; start += CHUNK) {
    await db.delete(transactions).where(and(eq(transactions.itemId, itemId), inArray(transactions.plaidTransactionId, plaidIds.slice(start, start + CHUNK))));
  }
}
