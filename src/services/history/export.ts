import { findAccountsOfUser } from '../../db/repositories/accounts.js';
import { balanceHistoryPage } from '../../db/repositories/balance-history.js';
import { findTrackersOfUser } from '../../db/repositories/budgets.js';
import { findItemsOfUser } from '../../db/repositories/items.js';
import { listTransactions } from '../../db/repositories/transactions.js';
import { findUserById } from '../../db/repositories/users.js';
import { categoryName } from '../../shared/categories.js';
import { notFound } from '../../domain/errors.js';
import { toInstitution } from '../banking/institution-view.js';
import { listNotifications } from '../notifications/deliver.js';
import { toPublicUser } from '../users/profile.js';
import type { ServiceDeps } from '../deps.js';
import type { DashboardCache } from '../read-cache.js';
import { netWorthHistory } from './net-worth.js';
import { toTransaction } from './transactions.js';

/** Rows read per statement: memory stays flat however many transactions a person has. */
const BATCH = 2_000;

/** A cell as spreadsheets read it safely: quoted when needed, and text that would run as a formula (=, +, -, @) kept as text. */
function cell(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
const line = (cells: (string | number | boolean | null)[]) => `${cells.map(cell).join(',')}\r\n`;
/** Cents as a decimal amount (-1234 → -12.34), exact, with no float in between. */
export function decimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const whole = Math.abs(cents);
  return `${sign}${Math.floor(whole / 100)}.${String(whole % 100).padStart(2, '0')}`;
}

/** Every transaction of the person, newest first, a batch at a time. */
async function* allTransactions(deps: Pick<ServiceDeps, 'db'>, userId: string) {
  let after: { date: string; id: string } | undefined;
  for (;;) {
    const rows = await listTransactions(deps.db, { userId, after, limit: BATCH });
    for (const row of rows) yield toTransaction(row);
    if (rows.length < BATCH) return;
    after = rows.at(-1)!;
  }
}

/** transactions.csv: one row per transaction the list has, amounts as the person reads them. */
export async function* transactionsCsv(deps: Pick<ServiceDeps, 'db'>, userId: string): AsyncGenerator<string> {
  yield line(['date', 'name', 'merchant', 'category', 'institution', 'account', 'mask', 'amount', 'currency', 'pending', 'excluded_from_budgets', 'id']);
  let chunk = '';
  for await (const t of allTransactions(deps, userId)) {
    chunk += line([t.date, t.name, t.merchantName, categoryName(t.category), t.institutionName, t.accountName, t.accountMask, decimal(t.amountCents), t.currency, t.pending, t.excludedFromBudgets, t.id]);
    if (chunk.length > 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** net-worth.csv: every day's point, with and without loans, and whether it is complete. */
export async function* netWorthCsv(deps: Pick<ServiceDeps, 'db' | 'now'>, cache: DashboardCache, person: { id: string; timeZone: string; dataVersion: number }): AsyncGenerator<string> {
  yield line(['day', 'net_worth_without_loans', 'net_worth_with_loans', 'complete']);
  const { points } = await netWorthHistory(deps, cache, person, {});
  yield points.map((p) => line([p.day, decimal(p.withoutLoansCents), decimal(p.withLoansCents), p.complete])).join('');
}

/**
 * all.json: everything CashView holds about the person, as one JSON document written piece by
 * piece (transactions and balances in batches). Secrets stay out: no password hash, no access token.
 */
export async function* everythingJson(deps: Pick<ServiceDeps, 'db' | 'now' | 'keyring'>, userId: string): AsyncGenerator<string> {
  const user = await findUserById(deps.db, userId);
  if (!user) throw notFound('That person');
  const [items, accounts, trackers, { notifications }] = await Promise.all([
    findItemsOfUser(deps.db, userId),
    findAccountsOfUser(deps.db, userId),
    findTrackersOfUser(deps.db, userId),
    listNotifications(deps, userId),
  ]);
  const profile = toPublicUser(deps, user);
  yield `{"format":"cashview-export-1","exportedAt":${JSON.stringify(deps.now().toISOString())},"profile":${JSON.stringify(profile)}`;
  yield `,"institutions":${JSON.stringify(items.map(toInstitution))}`;
  yield `,"accounts":${JSON.stringify(accounts.map(({ userId: _user, ...account }) => account))}`;
  yield `,"budgetTrackers":${JSON.stringify(trackers.map(({ userId: _user, ...tracker }) => tracker))}`;
  yield `,"notifications":${JSON.stringify(notifications)}`;
  yield ',"transactions":[';
  let first = true;
  for await (const t of allTransactions(deps, userId)) {
    yield `${first ? '' : ','}${JSON.stringify(t)}`;
    first = false;
  }
  yield '],"balanceHistory":[';
  first = true;
  let after: { accountId: string; day: string } | null = null;
  for (;;) {
    const rows = await balanceHistoryPage(deps.db, userId, after, BATCH);
    if (rows.length > 0) yield `${first ? '' : ','}${rows.map((r) => JSON.stringify({ accountId: r.account_id, day: r.day, balanceCents: r.balance_cents === null ? null : Number(r.balance_cents), source: r.source })).join(',')}`;
    first &&= rows.length === 0;
    if (rows.length < BATCH) break;
    after = { accountId: rows.at(-1)!.account_id, day: rows.at(-1)!.day };
  }
  yield ']}';
}
