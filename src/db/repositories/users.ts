import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { users, type UserRow } from '../schema/index.js';
import { insertOrNull, isUniqueViolation } from './errors.js';

export type NewUser = typeof users.$inferInsert;
export type UserPatch = Partial<Omit<NewUser, 'id' | 'createdAt'>>;

/** Inserts the user; null when the username is taken (whatever its case). */
export function insertUser(db: Db, row: NewUser): Promise<UserRow | null> {
  return insertOrNull(() => db.insert(users).values(row).returning());
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.usernameKey, username.toLowerCase()));
  return row;
}

/** Applies the patch; null when a new username is taken. */
export async function updateUser(db: Db, id: string, patch: UserPatch): Promise<UserRow | null> {
  try {
    const [row] = await db
      .update(users)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(users.id, id))
      .returning();
    return row ?? null;
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

export async function recordFailedSignIn(db: Db, id: string, blockedUntil: (failures: number) => Date | null) {
  const [row] = await db
    .update(users)
    .set({ failedSignIns: sql`${users.failedSignIns} + 1` })
    .where(eq(users.id, id))
    .returning({ failedSignIns: users.failedSignIns });
  if (!row) return;
  const until = blockedUntil(row.failedSignIns);
  if (until) await db.update(users).set({ signInBlockedUntil: until }).where(eq(users.id, id));
}

export async function clearFailedSignIns(db: Db, id: string): Promise<void> {
  await db.update(users).set({ failedSignIns: 0, signInBlockedUntil: null }).where(eq(users.id, id));
}

/** Removes the user; everything they own goes with it through ON DELETE CASCADE. */
export async function deleteUser(db: Db, id: string): Promise<void> {
  await db.delete(users).where(eq(users.id, id));
}
