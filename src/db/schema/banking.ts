import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.js';

const money = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });
/** An account's balances as Plaid last gave them, in cents; any may be unknown (null). */
const balances = () => ({ availableCents: money('available_cents'), currentCents: money('current_cents'), limitCents: money('limit_cents') });
/** The row's person, item or account: deleting that deletes the row. */
const ownedByUser = () =>
  uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' });
const ofItem = () =>
  uuid('item_id')
    .notNull()
    .references(() => items.id, { onDelete: 'cascade' });
const ofAccount = () =>
  uuid('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' });

/** A linked institution: one Plaid item. */
export const items = pgTable(
  'items',
  {
    id: uuid('id').primaryKey(),
    userId: ownedByUser(),
    plaidItemId: text('plaid_item_id').unique(),
    // One person, one copy of an institution: unique per user (NULL while not yet known).
    plaidInstitutionId: text('plaid_institution_id'),
    // AES-256-GCM sealed (docs/decisions/004): never in clear at rest.
    accessTokenSealed: text('access_token_sealed'),
    name: text('name'),
    logo: text('logo'),
    primaryColor: text('primary_color'),
    url: text('url'),
    status: text('status', { enum: ['linking', 'ready', 'error'] }).notNull(),
    linkStep: text('link_step'),
    health: text('health', { enum: ['needs_relogin', 'institution_down', 'refresh_failed', 'pending_disconnect'] }),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    refreshing: boolean('refreshing').notNull().default(false),
    transactionsCursor: text('transactions_cursor'),
    refreshedAt: at('refreshed_at'),
    /** Since when the connection needs the person (re-login, about to expire, no refresh for a day): one alert per incident. */
    needsYouSince: at('needs_you_since'),
    // The day the daily job last took this item: taking it is one atomic update, so several
    // processes sharing the job never refresh an item twice on one day.
    dailyRefreshOn: date('daily_refresh_on'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [unique('items_user_institution_unique').on(t.userId, t.plaidInstitutionId), index('items_user_id_idx').on(t.userId)],
);

export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey(),
    itemId: ofItem(),
    userId: ownedByUser(),
    plaidAccountId: text('plaid_account_id').notNull(),
    name: text('name').notNull(),
    officialName: text('official_name'),
    mask: text('mask'),
    type: text('type').notNull(),
    subtype: text('subtype'),
    currency: text('currency').notNull(),
    ...balances(),
    /** When a cash account went below the person's low-balance amount: one alert per crossing. */
    lowBalanceSince: at('low_balance_since'),
    // Listed but out of every total (product.md section 2); the person can show it again.
    hidden: boolean('hidden').notNull().default(false),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [unique('accounts_item_plaid_unique').on(t.itemId, t.plaidAccountId), index('accounts_user_id_idx').on(t.userId)],
);

export const transactions = pgTable(
  'transactions',
  {
    itemId: ofItem(),
    plaidTransactionId: text('plaid_transaction_id').notNull(),
    /** CashView's own id for a transaction (the API's), apart from Plaid's. */
    id: uuid('id').notNull().unique().defaultRandom(),
    accountId: ofAccount(),
    userId: ownedByUser(),
    date: date('date').notNull(),
    authorizedDate: date('authorized_date'),
    pending: boolean('pending').notNull(),
    amountCents: money('amount_cents').notNull(),
    currency: text('currency').notNull(),
    // The pending transaction this posted one replaces (Plaid gives the posted one a new id).
    pendingTransactionId: text('pending_transaction_id'),
    name: text('name').notNull(),
    merchantName: text('merchant_name'),
    // Plaid's personal finance category (primary and detailed), and the legacy list older data has.
    categoryPrimary: text('category_primary'),
    categoryDetailed: text('category_detailed'),
    legacyCategory: text('legacy_category').array(),
    /** The person's own category (one of Plaid's primary categories), over Plaid's; kept across syncs. */
    categoryOverride: text('category_override'),
    /** The person took this transaction out of budget spending; kept across syncs. */
    excludedFromBudgets: boolean('excluded_from_budgets').notNull().default(false),
    /** The category shown, filtered and summed: the person's, else Plaid's, else UNCATEGORIZED. */
    category: text('category')
      .notNull()
      .generatedAlwaysAs(sql`coalesce(category_override, category_primary, 'UNCATEGORIZED')`),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.plaidTransactionId] }),
    index('transactions_account_date_idx').on(t.accountId, t.date, t.id),
    index('transactions_user_date_idx').on(t.userId, t.date, t.id),
    index('transactions_user_category_date_idx').on(t.userId, t.category, t.date, t.id),
    // Few rows are pending at any time: the "pending only" list reads just those.
    index('transactions_user_pending_date_idx').on(t.userId, t.date, t.id).where(sql`pending`),
    index('transactions_user_amount_idx').on(t.userId, t.amountCents),
    index('transactions_search_idx').using('gin', sql`lower(${t.name} || ' ' || coalesce(${t.merchantName}, '')) gin_trgm_ops`),
  ],
);

/**
 * An account's balance on a day (product.md section 9): observed whenever balances are read from
 * the bank, or estimated back from its transactions at link. `balanceCents` is the figure the
 * totals count (available for cash, else current), so a day's contribution follows the same rule
 * as the dashboard's. Goes with its account: a removed account leaves history too.
 */
export const balanceHistory = pgTable(
  'balance_history',
  {
    accountId: ofAccount(),
    userId: ownedByUser(),
    day: date('day').notNull(),
    balanceCents: money('balance_cents'),
    source: text('source', { enum: ['observed', 'estimated'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.day] }), index('balance_history_user_day_idx').on(t.userId, t.day)],
);

/**
 * Accounts the person removed, remembered per item by Plaid's account id: no refresh, sync,
 * webhook or daily job may bring one back (product.md section 2). Goes with its item.
 */
export const removedAccounts = pgTable(
  'removed_accounts',
  {
    itemId: ofItem(),
    plaidAccountId: text('plaid_account_id').notNull(),
    userId: ownedByUser(),
    removedAt: at('removed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.plaidAccountId] })],
);

/** Items to revoke at Plaid (/item/remove), kept after the local delete until Plaid confirms. */
export const plaidRevocations = pgTable('plaid_revocations', {
  id: uuid('id').primaryKey(),
  plaidItemId: text('plaid_item_id').notNull(),
  accessTokenSealed: text('access_token_sealed').notNull(),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: at('next_attempt_at').notNull().defaultNow(),
  lastError: text('last_error'),
  createdAt: at('created_at').notNull().defaultNow(),
});

export type ItemRow = typeof items.$inferSelect;
export type AccountRow = typeof accounts.$inferSelect;
export type TransactionRow = typeof transactions.$inferSelect;
export type BalanceHistoryRow = typeof balanceHistory.$inferSelect;
