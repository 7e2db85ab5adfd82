import crypto from 'node:crypto';
import { badInput, notFound } from '../../domain/errors.js';
import { findOwnItem } from '../../db/repositories/items.js';
import { findOwnAccount } from '../../db/repositories/accounts.js';
import { findOwnTransaction, listTransactions, updateOwnTransaction, type ListedTransaction, type TransactionFilter } from '../../db/repositories/transactions.js';
import type { Transaction, TransactionsQuery } from '../../shared/contracts/history.js';
import type { ServiceDeps } from '../deps.js';

export const DEFAULT_PAGE = 50;

/** As the person reads it: Plaid's amount is positive for money out, shown negative. */
export function toTransaction(row: ListedTransaction): Transaction {
  return { ...row, amountCents: 0 - row.amountCents };
}

/**
 * The keyset cursor: the last row's day and id, signed for this person (a key derived from the
 * keyring), so a cursor that was changed, or is someone else's, is refused rather than followed.
 */
function cursorKey(deps: Pick<ServiceDeps, 'keyring'>) {
  return deps.keyring.derive('transactions-cursor');
}

export function encodeCursor(deps: Pick<ServiceDeps, 'keyring'>, userId: string, last: { date: string; id: string }): string {
  const body = Buffer.from(`${last.date}|${last.id}`).toString('base64url');
  const mac = crypto.createHmac('sha256', cursorKey(deps)).update(`${userId}|${body}`).digest('base64url').slice(0, 22);
  return `${body}.${mac}`;
}

export function decodeCursor(deps: Pick<ServiceDeps, 'keyring'>, userId: string, cursor: string): { date: string; id: string } {
  const refused = badInput({ cursor: 'is not one CashView gave out for this list; start again from the first page' });
  const [body, mac] = cursor.split('.');
  if (!body || !mac) throw refused;
  const expected = crypto.createHmac('sha256', cursorKey(deps)).update(`${userId}|${body}`).digest('base64url').slice(0, 22);
  if (mac.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) throw refused;
  const [date, id] = Buffer.from(body, 'base64url').toString('utf8').split('|');
  if (!date || !id) throw refused;
  return { date, id };
}

/** The filter a query asks for, with the person's own objects checked (another person's id is a 404, never their rows). */
export async function filterOf(deps: Pick<ServiceDeps, 'db' | 'keyring'>, userId: string, query: TransactionsQuery): Promise<TransactionFilter> {
  if (query.institutionId && !(await findOwnItem(deps.db, userId, query.institutionId))) throw notFound('That institution');
  if (query.accountId && !(await findOwnAccount(deps.db, userId, query.accountId))) throw notFound('That account');
  return {
    userId,
    search: query.search || undefined,
    institutionId: query.institutionId,
    accountId: query.accountId,
    category: query.category,
    from: query.from,
    to: query.to,
    pending: query.pending === undefined ? undefined : query.pending === 'true',
    budgeted: query.budgeted === undefined ? undefined : query.budgeted === 'true',
    // Shown amounts are Plaid's negated, so the bounds swap.
    minPlaidCents: query.maxAmountCents === undefined ? undefined : 0 - query.maxAmountCents,
    maxPlaidCents: query.minAmountCents === undefined ? undefined : 0 - query.minAmountCents,
    after: query.cursor ? decodeCursor(deps, userId, query.cursor) : undefined,
    limit: query.limit ?? DEFAULT_PAGE,
  };
}

/** A page of the person's transactions, newest first, and the cursor of the next page (null at the end). */
export async function listTransactionsOf(deps: Pick<ServiceDeps, 'db' | 'keyring'>, userId: string, query: TransactionsQuery) {
  const filter = await filterOf(deps, userId, query);
  const rows = await listTransactions(deps.db, { ...filter, limit: filter.limit + 1 });
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return { transactions: page.map(toTransaction), nextCursor: rows.length > filter.limit && last ? encodeCursor(deps, userId, last) : null };
}

/** Re-categorise a transaction or take it out of budgets (or both); the next sync keeps the choice. */
export async function updateTransaction(deps: Pick<ServiceDeps, 'db'>, userId: string, id: string, change: { category?: string | null; excludedFromBudgets?: boolean }) {
  const patch = {
    ...(change.category !== undefined && { categoryOverride: change.category }),
    ...(change.excludedFromBudgets !== undefined && { excludedFromBudgets: change.excludedFromBudgets }),
  };
  if (!(await updateOwnTransaction(deps.db, userId, id, patch))) throw notFound('That transaction');
  const row = await findOwnTransaction(deps.db, userId, id);
  if (!row) throw notFound('That transaction');
  return { transaction: toTransaction(row) };
}
