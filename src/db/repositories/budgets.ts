import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { accounts, budgetTrackers, transactions, users, type BudgetTrackerRow } from '../schema/index.js';
import { isUniqueViolation } from './errors.js';

/** Inserts the tracker; null when the account already has one. */
export async function insertTracker(db: Db, row: typeof budgetTrackers.$inferInsert): Promise<BudgetTrackerRow | null> {
  try {
    const [inserted] = await db.insert(budgetTrackers).values(row).returning();
    return inserted ?? null;
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

export async function findTrackerOfAccount(db: Db, accountId: string): Promise<BudgetTrackerRow | undefined> {
  const [row] = await db.select().from(budgetTrackers).where(eq(budgetTrackers.accountId, accountId));
  return row;
}

export async function findTrackersOfUser(db: Db, userId: string): Promise<BudgetTrackerRow[]> {
  return db.select().from(budgetTrackers).where(eq(budgetTrackers.userId, userId));
}

export async function updateTracker(db: Db, id: string, patch: Partial<Pick<BudgetTrackerRow, 'thresholdCents' | 'frequencyDays' | 'nextNotificationOn'>>) {
  const [row] = await db.update(budgetTrackers).set(patch).where(eq(budgetTrackers.id, id)).returning();
  return row;
}

export async function deleteTrackerOfAccount(db: Db, accountId: string): Promise<boolean> {
  return (await db.delete(budgetTrackers).where(eq(budgetTrackers.accountId, accountId)).returning({ id: budgetTrackers.id })).length > 0;
}

/** The transactions that can count toward this month's spending of these accounts (one query). */
export async function spendingCandidates(db: Db, accountIds: string[], from: string, to: string) {
  if (accountIds.length === 0) return [];
  return db
    .select({
      accountId: transactions.accountId,
      date: transactions.date,
      amountCents: transactions.amountCents,
      categoryPrimary: transactions.categoryPrimary,
      legacyCategory: transactions.legacyCategory,
    })
    .from(transactions)
    .where(and(inArray(transactions.accountId, accountIds), gte(transactions.date, from), lte(transactions.date, to), sql`${transactions.amountCents} > 0`));
}

/** Trackers whose next date is on or before `latestDay` (the furthest-ahead "today" of any zone). */
export async function findDueTrackerCandidates(db: Db, latestDay: string) {
  return db
    .select({
      tracker: budgetTrackers,
      accountName: accounts.name,
      timeZone: users.timeZone,
    })
    .from(budgetTrackers)
    .innerJoin(accounts, eq(accounts.id, budgetTrackers.accountId))
    .innerJoin(users, eq(users.id, budgetTrackers.userId))
    .where(lte(budgetTrackers.nextNotificationOn, latestDay));
}

/** Locks the tracker if it is still due; another job holding it, or having advanced it, gives undefined. */
export async function lockDueTracker(db: Db, id: string, today: string): Promise<BudgetTrackerRow | undefined> {
  const [row] = await db
    .select()
    .from(budgetTrackers)
    .where(and(eq(budgetTrackers.id, id), lte(budgetTrackers.nextNotificationOn, today)))
    .for('update', { skipLocked: true });
  return row;
}
