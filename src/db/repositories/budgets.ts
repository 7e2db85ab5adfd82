import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { accounts, budgetTrackers, items, transactions, users, type BudgetTrackerRow } from '../schema/index.js';
import { EXCLUDED_LEGACY_CATEGORIES, EXCLUDED_PRIMARY_CATEGORIES } from '../../domain/budgets.js';
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
 * Amount spent per account between two days, summed in the database: product.md's rule
 * (outflows only; excluded categories from src/domain/budgets.ts, legacy ones where no personal
 * finance category exists). The one implementation of the rule: the dashboard, the texts and the
 * tests (tests/integration/spending-sql.test.ts) all go through it.
 */
export async function sumSpending(db: Db, accountIds: string[], from: string, to: string): Promise<Map<string, number>> {
  if (accountIds.length === 0) return new Map();
  const primary = sql`array[${sql.join(EXCLUDED_PRIMARY_CATEGORIES.map((c) => sql`${c}`), sql`, `)}]::text[]`;
  const legacy = sql`array[${sql.join(EXCLUDED_LEGACY_CATEGORIES.map((c) => sql`${c}`), sql`, `)}]::text[]`;
  const rows = await db
    .select({ accountId: transactions.accountId, spent: sql<string>`sum(${transactions.amountCents})` })
    .from(transactions)
    .where(
      and(
        inArray(transactions.accountId, accountIds),
        gte(transactions.date, from),
        lte(transactions.date, to),
        sql`${transactions.amountCents} > 0`,
        sql`case when ${transactions.categoryPrimary} is not null then not (${transactions.categoryPrimary} = any(${primary}))
                 else not coalesce(${transactions.legacyCategory} && ${legacy}, false) end`,
      ),
    )
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
