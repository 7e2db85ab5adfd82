import type { Cents } from '../shared/money.js';

/** The balances a figure is computed from; every one may be missing (null counts as 0). */
export interface AccountBalances {
  type: string;
  availableCents: number | null;
  currentCents: number | null;
  /** A hidden account is listed but counts in no total. */
  hidden?: boolean;
}

export interface Totals {
  withoutLoansCents: Cents;
  withLoansCents: Cents;
}

/**
 * product.md section 3: depository adds available (current when available is null); credit
 * subtracts what is owed; loans subtract only in the "with loans" total; everything else adds
 * current. A null balance counts as 0; a 0 is a real 0. A hidden account counts as nothing.
 */
export function contribution(account: AccountBalances): Totals {
  if (account.hidden) return { withoutLoansCents: 0, withLoansCents: 0 };
  const current = account.currentCents ?? 0;
  switch (account.type) {
    case 'depository': {
      const value = countedBalance(account) ?? 0;
      return { withoutLoansCents: value, withLoansCents: value };
    }
    case 'credit':
      return { withoutLoansCents: 0 - current, withLoansCents: 0 - current };
    case 'loan':
      return { withoutLoansCents: 0, withLoansCents: 0 - current };
    default:
      return { withoutLoansCents: current, withLoansCents: current };
  }
}

/** The balance a total counts: available for cash (current when available is unknown), current for the rest. */
export function countedBalance(account: Omit<AccountBalances, 'hidden'>): Cents | null {
  return account.type === 'depository' ? (account.availableCents ?? account.currentCents) : account.currentCents;
}

/** What a counted balance adds to the totals: the same rule, for a balance recorded on a day. */
export const contributionOfBalance = (type: string, balanceCents: Cents | null, hidden = false) =>
  contribution({ type, availableCents: balanceCents, currentCents: balanceCents, hidden });

export function totalsOf(parts: Iterable<Totals>): Totals {
  let withoutLoansCents = 0;
  let withLoansCents = 0;
  for (const part of parts) {
    withoutLoansCents += part.withoutLoansCents;
    withLoansCents += part.withLoansCents;
  }
  return { withoutLoansCents, withLoansCents };
}

export const accountsTotal = (accounts: Iterable<AccountBalances>) => totalsOf([...accounts].map(contribution));

export interface Slice {
  institutionId: string;
  name: string;
  amountCents: Cents;
  /** Fraction of the chart, 0 to 1. */
  share: number;
}

/** One slice per institution whose total without loans is above 0, sized by it. */
export function breakdown(institutions: { id: string; name: string; totals: Totals }[]): Slice[] {
  const positive = institutions.filter((i) => i.totals.withoutLoansCents > 0);
  const whole = positive.reduce((sum, i) => sum + i.totals.withoutLoansCents, 0);
  return positive.map((i) => ({ institutionId: i.id, name: i.name, amountCents: i.totals.withoutLoansCents, share: i.totals.withoutLoansCents / whole }));
}
