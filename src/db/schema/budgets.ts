import { bigint, date, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './banking.js';
import { users } from './users.js';

const at = (name: string) => timestamp(name, { withTimezone: true });

export const budgetTrackers = pgTable('budget_trackers', {
  id: uuid('id').primaryKey(),
  // One tracker per account; it goes with its account.
  accountId: uuid('account_id')
    .notNull()
    .unique()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  thresholdCents: bigint('threshold_cents', { mode: 'number' }).notNull(),
  frequencyDays: integer('frequency_days').notNull(),
  nextNotificationOn: date('next_notification_on').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
});

/**
 * The outbox: a row per (tracker, due date), written in the same transaction that advances the
 * tracker. The unique key makes a second run, a retry or a concurrent job write nothing twice;
 * the status says how far delivery got.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // Kept when the tracker is deleted, so the person still sees what was sent.
    trackerId: uuid('tracker_id').references(() => budgetTrackers.id, { onDelete: 'set null' }),
    dueOn: date('due_on').notNull(),
    accountName: text('account_name').notNull(),
    // Which bank and card, as they were when the notification was written: five banks may each
    // have a "Plaid Checking".
    institutionName: text('institution_name'),
    accountMask: text('account_mask'),
    spentCents: bigint('spent_cents', { mode: 'number' }).notNull(),
    thresholdCents: bigint('threshold_cents', { mode: 'number' }).notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed', 'unknown', 'skipped'] }).notNull(),
    detail: text('detail'),
    providerId: text('provider_id'),
    createdAt: at('created_at').notNull(),
    claimedAt: at('claimed_at'),
    finishedAt: at('finished_at'),
    // When its owner saw it listed (POST /api/notifications/read); null counts as unread.
    readAt: at('read_at'),
  },
  (t) => [unique('notifications_tracker_due_unique').on(t.trackerId, t.dueOn), index('notifications_user_idx').on(t.userId, t.createdAt), index('notifications_status_idx').on(t.status)],
);

export type BudgetTrackerRow = typeof budgetTrackers.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;
