import { and, eq, inArray, isNotNull, or, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { items, type ItemRow } from '../schema/index.js';
import { insertOrNull, isUniqueViolation } from './errors.js';

export type NewItem = typeof items.$inferInsert;
export type ItemPatch = Partial<Omit<NewItem, 'id' | 'userId' | 'createdAt'>>;

/** Inserts the item; null when the person already has this institution. */
export function insertItem(db: Db, row: NewItem): Promise<ItemRow | null> {
  return insertOrNull(() => db.insert(items).values(row).returning());
}

/** The item when it belongs to this person; undefined for another person's, never theirs. */
export async function findOwnItem(db: Db, userId: string, id: string): Promise<ItemRow | undefined> {
  const [row] = await db.select().from(items).where(and(eq(items.id, id), eq(items.userId, userId)));
  return row;
}

export async function findItem(db: Db, id: string): Promise<ItemRow | undefined> {
  const [row] = await db.select().from(items).where(eq(items.id, id));
  return row;
}

export async function findItemByPlaidId(db: Db, plaidItemId: string): Promise<ItemRow | undefined> {
  const [row] = await db.select().from(items).where(eq(items.plaidItemId, plaidItemId));
  return row;
}

export async function findItemsOfUser(db: Db, userId: string): Promise<ItemRow[]> {
  return db.select().from(items).where(eq(items.userId, userId)).orderBy(items.createdAt);
}

/** Applies the patch; null when it would give the person a second copy of an institution. */
export async function updateItem(db: Db, id: string, patch: ItemPatch): Promise<ItemRow | null | undefined> {
  try {
    const [row] = await db.update(items).set({ ...patch, updatedAt: sql`now()` }).where(eq(items.id, id)).returning();
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/** Deletes every item of the person in one statement (item rows locked before the users row: see sync-transactions.ts). */
export async function deleteItemsOfUser(db: Db, userId: string): Promise<void> {
  await db.delete(items).where(eq(items.userId, userId));
}

/** Deletes the person's item and returns it; undefined when it is not theirs (or not there). */
export async function deleteOwnItem(db: Db, userId: string, id: string): Promise<ItemRow | undefined> {
  const [row] = await db.delete(items).where(and(eq(items.id, id), eq(items.userId, userId))).returning();
  return row;
}

/** Marks the person's linked, ready item as refreshing and returns it; undefined otherwise. */
export async function markRefreshing(db: Db, userId: string, id: string): Promise<ItemRow | undefined> {
  const [row] = await db
    .update(items)
    .set({ refreshing: true, updatedAt: sql`now()` })
    .where(and(eq(items.id, id), eq(items.userId, userId), eq(items.status, 'ready'), isNotNull(items.accessTokenSealed)))
    .returning();
  return row;
}

/** Every item with an access token: what the daily job refreshes. */
export async function findLinkedItemIds(db: Db): Promise<string[]> {
  const rows = await db.select({ id: items.id }).from(items).where(and(isNotNull(items.accessTokenSealed), eq(items.status, 'ready')));
  return rows.map((row) => row.id);
}

/** Takes these items for today's daily run and returns them, less those another run already took today. */
export async function claimForDailyRefresh(db: Db, ids: string[], day: string): Promise<ItemRow[]> {
  if (ids.length === 0) return [];
  return db
    .update(items)
    .set({ dailyRefreshOn: day })
    .where(and(inArray(items.id, ids), or(isNull(items.dailyRefreshOn), ne(items.dailyRefreshOn, day))))
    .returning();
}

/** Gives an item back to today's daily runs (its refresh failed for a reason that may pass). */
export async function releaseDailyRefresh(db: Db, id: string, day: string): Promise<void> {
  await db.update(items).set({ dailyRefreshOn: null }).where(and(eq(items.id, id), eq(items.dailyRefreshOn, day)));
}
