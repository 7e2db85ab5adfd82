import { and, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.js';
import { accounts, items, transactions } from '../schema/index.js';
import { EXCLUDED_LEGACY_CATEGORIES, EXCLUDED_PRIMARY_CATEGORIES } from '../../domain/budgets.js';

export type NewTransaction = typeof transactions.$inferInsert;

const CHUNK = 500;

/** Everything Plaid may change in a known transaction; the person's own choices are kept. */
const UPDATED_ON_CONFLICT = Object.fromEntries(
  (['accountId', 'amountCents', 'currency', 'date', 'authorizedDate', 'pending', 'pendingTransactionId', 'name', 'merchantName', 'categoryPrimary', 'categoryDetailed', 'legacyCategory'] as const).map(
    (key) => [key, sql.raw(`excluded.${transactions[key].name}`)],
  ),
);

/** Added and modified transactions land the same way: inserted, or overwritten when known. */
export async function upsertTransactions(db: Db, rows: NewTransaction[]): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    await db
      .insert(transactions)
      .values(rows.slice(start, start + CHUNK))
      .onConflictDoUpdate({
        target: [transactions.itemId, transactions.plaidTransactionId],
        set: UPDATED_ON_CONFLICT,
      });
  }
}

/**
 * A pending transaction that posts arrives as a new one naming it (`pending_transaction_id`): the
 * person's category and budget choice on the pending one carry over to it, before the pending
 * one is removed in the same sync.
 */
export async function carryChoicesToPosted(db: Db, itemId: string, pendingIds: string[]): Promise<void> {
  if (pendingIds.length === 0) return;
  await db.execute(sql`
    update transactions posted
       set category_override = coalesce(posted.category_override, pending.category_override),
           excluded_from_budgets = posted.excluded_from_budgets or pending.excluded_from_budgets
      from transactions pending
     where pending.item_id = ${itemId} and pending.plaid_transaction_id = any(${textArray(pendingIds)})
       and posted.item_id = ${itemId} and posted.pending_transaction_id = pending.plaid_transaction_id
       and (pending.category_override is not null or pending.excluded_from_budgets)
       and (posted.category_override is distinct from coalesce(posted.category_override, pending.category_override)
            or posted.excluded_from_budgets <> (posted.excluded_from_budgets or pending.excluded_from_budgets))`);
}

export async function deleteTransactions(db: Db, itemId: string, plaidIds: string[]): Promise<void> {
  for (let start = 0; start < plaidIds.length; start += CHUNK) {
    await db.delete(transactions).where(and(eq(transactions.itemId, itemId), inArray(transactions.plaidTransactionId, plaidIds.slice(start, start + CHUNK))));
  }
}

const textArray = (values: string[]) => sql`array[${sql.join(values.map((value) => sql`${value}`), sql`, `)}]::text[]`;

/**
 * product.md section 4's rule for what counts as spending, the one implementation: outflows only,
 * not taken out of budgets by the person, and not in an excluded category (the person's category,
 * else Plaid's personal finance category, else the legacy categories where only those exist).
 */
export const countedAsSpending = sql`(${transactions.amountCents} > 0 and not ${transactions.excludedFromBudgets} and case
  when ${transactions.category} <> 'UNCATEGORIZED' then not (${transactions.category} = any(${textArray(EXCLUDED_PRIMARY_CATEGORIES)}))
  else not coalesce(${transactions.legacyCategory} && ${textArray(EXCLUDED_LEGACY_CATEGORIES)}, false) end)`;

export interface TransactionFilter {
  userId: string;
  search?: string;
  institutionId?: string;
  accountId?: string;
  category?: string;
  from?: string;
  to?: string;
  pending?: boolean;
  budgeted?: boolean;
  /** Bounds on Plaid's amount (positive is money out). */
  minPlaidCents?: number;
  maxPlaidCents?: number;
  /** Rows after this one in the order (newest first). */
  after?: { date: string; id: string };
  limit: number;
}

/** The search matches the indexed expression (a trigram index, migration 0007). */
const searchable = sql`lower(${transactions.name} || ' ' || coalesce(${transactions.merchantName}, ''))`;
const likePattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function conditionsOf(filter: TransactionFilter): SQL[] {
  const where: (SQL | undefined)[] = [
    eq(transactions.userId, filter.userId),
    filter.search ? sql`${searchable} like ${likePattern(filter.search)}` : undefined,
    filter.institutionId ? eq(transactions.itemId, filter.institutionId) : undefined,
    filter.accountId ? eq(transactions.accountId, filter.accountId) : undefined,
    filter.category ? eq(transactions.category, filter.category) : undefined,
    filter.from ? gte(transactions.date, filter.from) : undefined,
    filter.to ? lte(transactions.date, filter.to) : undefined,
    filter.pending === undefined ? undefined : eq(transactions.pending, filter.pending),
    filter.budgeted === undefined ? undefined : filter.budgeted ? countedAsSpending : sql`not ${countedAsSpending}`,
    filter.minPlaidCents === undefined ? undefined : gte(transactions.amountCents, filter.minPlaidCents),
    filter.maxPlaidCents === undefined ? undefined : lte(transactions.amountCents, filter.maxPlaidCents),
    filter.after ? sql`(${transactions.date}, ${transactions.id}) < (${filter.after.date}, ${filter.after.id})` : undefined,
  ];
  return where.filter((condition): condition is SQL => condition !== undefined);
}

const listed = {
  id: transactions.id,
  accountId: transactions.accountId,
  accountName: accounts.name,
  accountMask: accounts.mask,
  institutionName: items.name,
  date: transactions.date,
  name: transactions.name,
  merchantName: transactions.merchantName,
  category: transactions.category,
  plaidCategory: transactions.categoryPrimary,
  amountCents: transactions.amountCents,
  currency: transactions.currency,
  pending: transactions.pending,
  excludedFromBudgets: transactions.excludedFromBudgets,
};

/** A page of the person's transactions, newest first, by keyset (never an offset): as fast on page 1,000 as on page 1. */
export async function listTransactions(db: Db, filter: TransactionFilter) {
  return db
    .select(listed)
    .from(transactions)
    .innerJoin(accounts, eq(accounts.id, transactions.accountId))
    .innerJoin(items, eq(items.id, transactions.itemId))
    .where(and(...conditionsOf(filter)))
    .orderBy(desc(transactions.date), desc(transactions.id))
    .limit(filter.limit);
}
export type ListedTransaction = Awaited<ReturnType<typeof listTransactions>>[number];

export async function findOwnTransaction(db: Db, userId: string, id: string): Promise<ListedTransaction | undefined> {
  const [row] = await db
    .select(listed)
    .from(transactions)
    .innerJoin(accounts, eq(accounts.id, transactions.accountId))
    .innerJoin(items, eq(items.id, transactions.itemId))
    .where(and(eq(transactions.userId, userId), eq(transactions.id, id)));
  return row;
}

/** The person's choices on a transaction; false when it is not theirs (or gone). */
export async function updateOwnTransaction(db: Db, userId: string, id: string, patch: { categoryOverride?: string | null; excludedFromBudgets?: boolean }): Promise<boolean> {
  const rows = await db
    .update(transactions)
    .set(patch)
    .where(and(eq(transactions.userId, userId), eq(transactions.id, id)))
    .returning({ id: transactions.id });
  return rows.length > 0;
}

/** Spending (the budget rule) between two days per category, largest first. */
export async function spendingByCategory(db: Db, userId: string, from: string, to: string): Promise<{ category: string; amountCents: number }[]> {
  const rows = await db
    .select({ category: transactions.category, amountCents: sql<string>`sum(${transactions.amountCents})` })
    .from(transactions)
    .where(and(eq(transactions.userId, userId), gte(transactions.date, from), lte(transactions.date, to), countedAsSpending))
    .groupBy(transactions.category)
    .orderBy(sql`2 desc`, transactions.category);
  return rows.map((row) => ({ category: row.category, amountCents: Number(row.amountCents) }));
}
