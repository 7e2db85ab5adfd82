import { and, eq, gte, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { accounts, alertSettings, DEFAULT_KINDS, items, transactions, users, type AlertSettingsRow } from '../schema/index.js';

export async function findAlertSettings(db: Db, userId: string): Promise<AlertSettingsRow | undefined> {
  const [row] = await db.select().from(alertSettings).where(eq(alertSettings.userId, userId));
  return row;
}

/** The person's settings row, made with the defaults when they have none yet. */
export async function ensureAlertSettings(db: Db, userId: string): Promise<AlertSettingsRow> {
  await db.insert(alertSettings).values({ userId, kinds: DEFAULT_KINDS }).onConflictDoNothing();
  return (await findAlertSettings(db, userId))!;
}

export async function updateAlertSettings(db: Db, userId: string, patch: Partial<Omit<AlertSettingsRow, 'userId'>>): Promise<AlertSettingsRow> {
  const [row] = await db.update(alertSettings).set({ ...patch, updatedAt: new Date() }).where(eq(alertSettings.userId, userId)).returning();
  return row!;
}

/** Counts a wrong code; the row as it is after. */
export async function countVerificationAttempt(db: Db, userId: string): Promise<void> {
  await db
    .update(alertSettings)
    .set({ verificationAttempts: sql`${alertSettings.verificationAttempts} + 1` })
    .where(eq(alertSettings.userId, userId));
}

/** People with alert settings (the daily job looks at each). */
export async function usersWithAlertSettings(db: Db): Promise<string[]> {
  return (await db.select({ userId: alertSettings.userId }).from(alertSettings)).map((row) => row.userId);
}

export async function findPersonForAlerts(db: Db, userId: string) {
  const [row] = await db.select({ id: users.id, timeZone: users.timeZone, profileType: users.profileType }).from(users).where(eq(users.id, userId));
  return row;
}

export async function itemsForAlerts(db: Db, userId: string) {
  return db
    .select({ id: items.id, name: items.name, status: items.status, health: items.health, refreshedAt: items.refreshedAt, needsYouSince: items.needsYouSince })
    .from(items)
    .where(eq(items.userId, userId));
}

/** The incident's start: set now if there was none, kept if there was (two evaluations at once agree on it). */
export async function claimNeedsYouSince(db: Db, itemId: string, now: Date): Promise<Date> {
  const [row] = await db
    .update(items)
    .set({ needsYouSince: sql`coalesce(${items.needsYouSince}, ${now.toISOString()}::timestamptz)` })
    .where(eq(items.id, itemId))
    .returning({ since: items.needsYouSince });
  return row!.since!;
}

export async function clearNeedsYouSince(db: Db, itemId: string): Promise<void> {
  await db.update(items).set({ needsYouSince: null }).where(eq(items.id, itemId));
}

export async function cashAccountsForAlerts(db: Db, userId: string) {
  return db
    .select({ id: accounts.id, name: accounts.name, mask: accounts.mask, availableCents: accounts.availableCents, currentCents: accounts.currentCents, lowBalanceSince: accounts.lowBalanceSince })
    .from(accounts)
    .where(and(eq(accounts.userId, userId), eq(accounts.type, 'depository'), eq(accounts.hidden, false)));
}

/** When this crossing below the amount began: set now if there was none, kept if there was. */
export async function claimLowBalanceSince(db: Db, accountId: string, now: Date): Promise<Date> {
  const [row] = await db
    .update(accounts)
    .set({ lowBalanceSince: sql`coalesce(${accounts.lowBalanceSince}, ${now.toISOString()}::timestamptz)` })
    .where(eq(accounts.id, accountId))
    .returning({ since: accounts.lowBalanceSince });
  return row!.since!;
}

export async function clearLowBalanceSince(db: Db, accountId: string): Promise<void> {
  await db.update(accounts).set({ lowBalanceSince: null }).where(eq(accounts.id, accountId));
}

/** Outflows of at least the amount, dated on or after the day (recent ones: a link does not alert on years of history). */
export async function largeTransactionsSince(db: Db, userId: string, minCents: number, fromDay: string) {
  return db
    .select({ id: transactions.id, name: transactions.name, merchantName: transactions.merchantName, amountCents: transactions.amountCents, accountName: accounts.name, accountMask: accounts.mask })
    .from(transactions)
    .innerJoin(accounts, eq(accounts.id, transactions.accountId))
    .where(and(eq(transactions.userId, userId), gte(transactions.amountCents, minCents), gte(transactions.date, fromDay)));
}
