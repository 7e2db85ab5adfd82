import type { Cents } from '../shared/money.js';
import { addDays, type Day } from './budgets.js';
import { contributionOfBalance, totalsOf, type Totals } from './net-worth.js';

/**
 * Net worth over time (product.md section 9). An account's balance on a day is the last one
 * recorded on or before it: observed or estimated that day, else carried forward from the day it
 * was; with none yet, the account is missing that day (the point is incomplete, never a silent 0).
 */

/** How the counted balances of one account type changed on a day, and how many accounts first appeared. */
export interface BalanceChange {
  day: Day;
  type: string;
  deltaCents: Cents;
  firstSeen: number;
}

export interface Point extends Totals {
  day: Day;
  complete: boolean;
}

/**
 * A point for every day from the first change to `lastDay`, from the changes in day order.
 * Contributions are linear in the balance for each type, so the sum per type is counted once per day
 * with the dashboard's rule and equals the sum of every account's contribution.
 */
export function pointsFrom(changes: BalanceChange[], accountsCounted: number, lastDay: Day): Point[] {
  const points: Point[] = [];
  const byType = new Map<string, Cents>();
  let present = 0;
  let next = 0;
  for (let day = changes[0]?.day; day !== undefined && day <= lastDay; day = addDays(day, 1)) {
    for (; next < changes.length && changes[next]!.day <= day; next++) {
      const change = changes[next]!;
      byType.set(change.type, (byType.get(change.type) ?? 0) + change.deltaCents);
      present += change.firstSeen;
    }
    const totals = totalsOf([...byType].map(([type, sum]) => contributionOfBalance(type, sum)));
    points.push({ day, ...totals, complete: present >= accountsCounted });
  }
  return points;
}

export interface AccountOnDay {
  accountId: string;
  name: string;
  mask: string | null;
  institutionName: string | null;
  type: string;
  hidden: boolean;
}

export interface RecordedBalance {
  day: Day;
  balanceCents: Cents | null;
  source: 'observed' | 'estimated';
}

export interface ExplainedAccount extends AccountOnDay {
  balanceCents: Cents | null;
  source: 'observed' | 'carried' | 'estimated' | 'missing';
  observedOn: Day | null;
  contribution: Totals;
}

/** One day's point with every account's part in it; the parts add up to the point, to the cent. */
export function explainDay(day: Day, accounts: AccountOnDay[], latest: Map<string, RecordedBalance>): Totals & { day: Day; complete: boolean; accounts: ExplainedAccount[] } {
  const explained = accounts.map((account): ExplainedAccount => {
    const recorded = latest.get(account.accountId);
    if (!recorded) return { ...account, balanceCents: null, source: 'missing', observedOn: null, contribution: { withoutLoansCents: 0, withLoansCents: 0 } };
    return {
      ...account,
      balanceCents: recorded.balanceCents,
      source: recorded.day === day ? recorded.source : 'carried',
      observedOn: recorded.day,
      contribution: contributionOfBalance(account.type, recorded.balanceCents, account.hidden),
    };
  });
  const complete = explained.every((account) => account.hidden || account.source !== 'missing');
  return { day, ...totalsOf(explained.map((account) => account.contribution)), complete, accounts: explained };
}
