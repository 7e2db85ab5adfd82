import { and, count, desc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { notifications, users, type NotificationRow } from '../schema/index.js';

/** Writes the outbox row; nothing when its (tracker, due date, channel) or (person, alert key, channel) already has one. */
export async function insertNotification(db: Db, row: typeof notifications.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(notifications).values(row).onConflictDoNothing().returning({ id: notifications.id });
  return inserted.length > 0;
}

export async function findNotificationsOfUser(db: Db, userId: string, limit = 200): Promise<NotificationRow[]> {
  return db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt), desc(notifications.dueOn)).limit(limit);
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  const [row] = await db.select({ unread: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.unread ?? 0;
}

/** Marks every notification of the person as read (those written later stay unread). */
export async function markAllRead(db: Db, userId: string, now: Date): Promise<void> {
  await db.update(notifications).set({ readAt: now }).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}

/**
 * Claims pending rows for delivery: they become `sending` in a committed statement before any
 * message goes out, so a crash after this point can never lead to a second send.
 */
export async function claimPending(db: Db, now: Date, limit: number) {
  // Held by quiet hours: not before `hold_until`.
  const pending = db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.status, 'pending'), or(isNull(notifications.holdUntil), lte(notifications.holdUntil, now))))
    .limit(limit)
    .for('update', { skipLocked: true });
  const claimed = await db
    .update(notifications)
    .set({ status: 'sending', claimedAt: now })
    .where(inArray(notifications.id, pending))
    .returning();
  if (claimed.length === 0) return [];
  const people = await db
    .select({ id: users.id, profileType: users.profileType, phoneSealed: users.phoneSealed })
    .from(users)
    .where(inArray(users.id, [...new Set(claimed.map((row) => row.userId))]));
  const byId = new Map(people.map((person) => [person.id, person]));
  return claimed.map((row) => ({ row, user: byId.get(row.userId) }));
}

export async function finishNotification(db: Db, id: string, status: NotificationRow['status'], detail: string | null, now: Date, providerId?: string) {
  await db
    .update(notifications)
    .set({ status, detail, finishedAt: now, ...(providerId && { providerId }) })
    .where(and(eq(notifications.id, id), eq(notifications.status, 'sending')));
}

/** Rows left `sending` by a process that stopped: their outcome is unknown, and they stay unsent. */
export async function markAbandoned(db: Db, claimedBefore: Date, now: Date): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ status: 'unknown', detail: sql`'outcome unknown: CashView stopped while sending; not sent again'`, finishedAt: now })
    .where(and(eq(notifications.status, 'sending'), lt(notifications.claimedAt, claimedBefore)))
    .returning({ id: notifications.id });
  return rows.length;
}

/** When the first message held by quiet hours may go (null: none is held). */
export async function nextHeldDelivery(db: Db, now: Date): Promise<Date | null> {
  const [row] = await db
    .select({ at: sql<string | null>`min(${notifications.holdUntil})` })
    .from(notifications)
    .where(and(eq(notifications.status, 'pending'), sql`${notifications.holdUntil} > ${now.toISOString()}::timestamptz`));
  return row?.at ? new Date(row.at) : null;
}
