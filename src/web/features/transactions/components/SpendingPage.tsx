import { Link, useSearchParams } from 'wouter';
import { categoryName } from '../../../../shared/categories.js';
import { DoughnutChart } from '../../../components/DoughnutChart.js';
import { Alert } from '../../../components/ui/Alert.js';
import { SharesTable } from '../../../components/SharesTable.js';
import { errorsOf } from '../../../lib/use-form.js';
import { useSpending } from '../api/transactions.js';

// Distinct in light and dark themes, and never the only signal: the table names every slice.
const PALETTE = ['#0b5cad', '#c2410c', '#15803d', '#7e22ce', '#b91c1c', '#0e7490', '#a16207', '#be185d', '#4d7c0f', '#1d4ed8', '#9a3412', '#047857', '#6d28d9', '#a21caf', '#0369a1', '#854d0e', '#57534e'];

function shiftMonth(month: string, by: number): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, number - 1 + by, 1));
  return date.toISOString().slice(0, 7);
}
const lastDay = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
const monthName = (month: string) => new Date(`${month}-15T12:00:00Z`).toLocaleDateString(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });
/** This month where the person is (their browser's time zone, as the budgets use theirs). */
function thisMonth(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

/** A month's spending by category: a chart and a table that add up to the month's total. */
export function SpendingPage() {
  const [params, setParams] = useSearchParams();
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '') ? params.get('month')! : thisMonth();
  const spending = useSpending(month);
  const go = (by: number) => setParams(new URLSearchParams({ month: shiftMonth(month, by) }));
  const { message } = errorsOf(spending.error);
  const data = spending.data;
  const colors = new Map(data?.categories.map((c, i) => [c.category, PALETTE[i % PALETTE.length]!]));
  const listOf = (category?: string) => `/transactions?${new URLSearchParams({ ...(category && { category }), from: `${month}-01`, to: lastDay(month), budgeted: 'true' })}`;

  return (
    <section aria-labelledby="spending-title">
      <h1 id="spending-title">Spending by category</h1>
      <div className="month-nav">
        <button type="button" className="button secondary" onClick={() => go(-1)}>
          ‹ <span className="visually-hidden">Previous month</span>
        </button>
        <h2 aria-live="polite">{monthName(month)}</h2>
        <button type="button" className="button secondary" onClick={() => go(1)} disabled={month >= thisMonth()}>
          <span className="visually-hidden">Next month</span> ›
        </button>
      </div>
      <Alert>{message}</Alert>
      {!data ? (
        <div className="skeleton" aria-busy="true" aria-label="Loading spending" />
      ) : data.categories.length === 0 ? (
        <p className="card muted">Nothing counted as spending in {monthName(month)}.</p>
      ) : (
        <div className="card breakdown-body spending">
          <div className="chart-box">
            <DoughnutChart slices={data.categories.map((c) => ({ ...c, key: c.category, name: categoryName(c.category) }))} colors={colors} title={`Spending in ${monthName(month)} by category`} />
          </div>
          <SharesTable
            caption={`Spending in ${monthName(month)} by category`}
            labelHeading="Category"
            amountHeading="Spent"
            rows={data.categories.map((c) => ({
              key: c.category,
              label: <Link href={listOf(c.category)}>{categoryName(c.category)}</Link>,
              color: colors.get(c.category),
              amountCents: c.amountCents,
              share: c.share,
            }))}
            total={{ label: <Link href={listOf()}>Total</Link>, amountCents: data.totalCents }}
          />
        </div>
      )}
      <p className="muted small">Spending is what budgets count: money out, without transfers, card and loan payments, income, and anything you took out of budgets.</p>
    </section>
  );
}
