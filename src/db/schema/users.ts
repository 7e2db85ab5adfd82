import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    username: text('username').notNull(),
    // Lower-cased copy: usernames are unique whatever their case.
    usernameKey: text('username_key').notNull().unique(),
    passwordHash: text('password_hash').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    // Sealed with the encryption key: a database dump never shows a full phone number.
    phoneSealed: text('phone_sealed').notNull(),
    profileType: text('profile_type', { enum: ['sandbox', 'production'] }).notNull(),
    // IANA zone: "this month" and "today" for budgets are the person's own.
    timeZone: text('time_zone').notNull().default('UTC'),
    isDemo: boolean('is_demo').notNull().default(false),
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    signInBlockedUntil: timestamp('sign_in_blocked_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    // Bumped by database triggers whenever the person's banks, accounts, transactions or budgets
    // change (migration 0003): read caches keyed on it are never served stale, on any instance.
    dataVersion: bigint('data_version', { mode: 'number' }).notNull().default(0),
  },
  (t) => [check('users_profile_type_check', sql`${t.profileType} in ('sandbox', 'production')`)],
);

export const sessions = pgTable(
  'sessions',
  {
    // SHA-256 of the cookie's id: the database never holds a usable session id.
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_id_idx').on(t.userId)],
);

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
