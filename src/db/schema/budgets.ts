import { bigint, date, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
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

export const ALERT_KINDS = ['budgetSummary', 'budgetThreshold', 'connection', 'largeTransaction', 'lowBalance', 'verification'] as const;
export const CHANNELS = ['sms', 'email', 'webhook'] as const;

/**
 * The outbox, for every alert on every channel: a budget summary is a row per (tracker, due date,
 * channel), written in the same transaction that advances the tracker; any other alert a row per
 * (person, alert key, channel). The unique keys make a second run, a retry or a concurrent job
 * write nothing twice; the status says how far delivery got.
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
    kind: text('kind', { enum: ALERT_KINDS }).notNull().default('budgetSummary'),
    channel: text('channel', { enum: CHANNELS }).notNull().default('sms'),
    /** What the alert is about, once: `threshold:<tracker>:<month>:80`, `connection:<item>:<since>`… (null for budget summaries). */
    alertKey: text('alert_key'),
    title: text('title'),
    /** Data a webhook delivery carries (the verification code, the amounts). */
    data: jsonb('data'),
    /** Quiet hours: not delivered before this. */
    holdUntil: at('hold_until'),
    dueOn: date('due_on'),
    accountName: text('account_name'),
    // Which bank and card, as they were when the notification was written: five banks may each
    // have a "Plaid Checking".
    institutionName: text('institution_name'),
    accountMask: text('account_mask'),
    spentCents: bigint('spent_cents', { mode: 'number' }),
    thresholdCents: bigint('threshold_cents', { mode: 'number' }),
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
  (t) => [
    unique('notifications_tracker_due_channel_unique').on(t.trackerId, t.dueOn, t.channel),
    unique('notifications_alert_channel_unique').on(t.userId, t.alertKey, t.channel),
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_status_idx').on(t.status),
  ],
);

export type BudgetTrackerRow = typeof budgetTrackers.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;
