import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { accounts, budgetTrackers, items, transactions, users, type BudgetTrackerRow } from '../schema/index.js';
import { countedAsSpending } from './transactions.js';
import { insertOrNull } from './errors.js';

/** Inserts the tracker; null when the account already has one. */
export function insertTracker(db: Db, row: typeof budgetTrackers.$inferInsert): Promise<BudgetTrackerRow | null> {
  return insertOrNull(() => db.insert(budgetTrackers).values(row).returning());
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

/**
 * Amount spent per account between two days, summed in the database by the one rule
 * (`countedAsSpending`, src/db/repositories/transactions.ts): the dashboard, the texts, the
 * transactions behind a tracker and the tests (tests/integration/spending-sql.test.ts) all use it.
 */
export async function sumSpending(db: Db, accountIds: string[], from: string, to: string): Promise<Map<string, number>> {
  if (accountIds.length === 0) return new Map();
  const rows = await db
    .select({ accountId: transactions.accountId, spent: sql<string>`sum(${transactions.amountCents})` })
    .from(transactions)
    .where(and(inArray(transactions.accountId, accountIds), gte(transactions.date, from), lte(transactions.date, to), countedAsSpending))
    .groupBy(transactions.accountId);
  return new Map(rows.map((row) => [row.accountId, Number(row.spent)]));
}

/** Trackers whose next date is on or before `latestDay` (the furthest-ahead "today" of any zone). */
export async function findDueTrackerCandidates(db: Db, latestDay: string) {
  return db
    .select({
      tracker: budgetTrackers,
      accountName: accounts.name,
      accountMask: accounts.mask,
      institutionName: items.name,
      timeZone: users.timeZone,
    })
    .from(budgetTrackers)
    .innerJoin(accounts, eq(accounts.id, budgetTrackers.accountId))
    .innerJoin(items, eq(items.id, accounts.itemId))
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
