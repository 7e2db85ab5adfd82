import { asc, eq, lte } from 'drizzle-orm';
import type { Db } from '../client.js';
import { plaidRevocations } from '../schema/index.js';

export type RevocationRow = typeof plaidRevocations.$inferSelect;

export async function insertRevocations(db: Db, rows: { id: string; plaidItemId: string; accessTokenSealed: string; nextAttemptAt: Date }[]): Promise<void> {
  if (rows.length > 0) await db.insert(plaidRevocations).values(rows);
}

export async function findDueRevocations(db: Db, now: Date, limit = 50): Promise<RevocationRow[]> {
  return db.select().from(plaidRevocations).where(lte(plaidRevocations.nextAttemptAt, now)).orderBy(asc(plaidRevocations.nextAttemptAt)).limit(limit);
}

export async function deleteRevocation(db: Db, id: string): Promise<void> {
  await db.delete(plaidRevocations).where(eq(plaidRevocations.id, id));
}

export async function postponeRevocation(db: Db, id: string, attempts: number, nextAttemptAt: Date, lastError: string): Promise<void> {
  await db.update(plaidRevocations).set({ attempts, nextAttemptAt, lastError }).where(eq(plaidRevocations.id, id));
}
