import { localDay } from '../../domain/budgets.js';
import { spendingByCategory } from '../../db/repositories/transactions.js';
import type { Spending } from '../../shared/contracts/history.js';
import type { ServiceDeps } from '../deps.js';

/** The last day of a YYYY-MM month (day 0 of the next month). */
function monthEnd(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const date = new Date(0);
  date.setUTCFullYear(year, number, 0);
  return date.toISOString().slice(0, 10);
}

/**
 * A month's spending by category (this month in the person's time zone by default): budget
 * spending by the one rule, so the categories add up to the total, and the total to the month's spending.
 */
export async function spendingOf(deps: Pick<ServiceDeps, 'db' | 'now'>, person: { id: string; timeZone: string }, month?: string): Promise<Spending> {
  const chosen = month ?? localDay(deps.now(), person.timeZone).slice(0, 7);
  const rows = await spendingByCategory(deps.db, person.id, `${chosen}-01`, monthEnd(chosen));
  const totalCents = rows.reduce((sum, row) => sum + row.amountCents, 0);
  return { month: chosen, totalCents, categories: rows.map((row) => ({ ...row, share: totalCents > 0 ? row.amountCents / totalCents : 0 })) };
}
