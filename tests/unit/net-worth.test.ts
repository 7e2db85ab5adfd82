import { describe, expect, it } from 'vitest';
import { accountsTotal, breakdown, contribution } from '../../src/domain/net-worth.js';
import { accountKind, budgetTrackable, rowFigures, tone } from '../../src/shared/accounts.js';

const dep = (availableCents: number | null, currentCents: number | null = null) => ({ type: 'depository', availableCents, currentCents });
const credit = (currentCents: number | null) => ({ type: 'credit', availableCents: null, currentCents });
const loan = (currentCents: number | null) => ({ type: 'loan', availableCents: null, currentCents });

describe('net worth (product.md section 3)', () => {
  it('depository 10.00 + card owing 5.00 + loan 20.00 gives 5.00 without loans and -15.00 with', () => {
    expect(accountsTotal([dep(1000), credit(500), loan(2000)])).toEqual({ withoutLoansCents: 500, withLoansCents: -1500 });
  });

  it('checking with 100.00 available and a 20.00 loan gives 100.00 and 80.00', () => {
    expect(accountsTotal([dep(10000, 11000), loan(2000)])).toEqual({ withoutLoansCents: 10000, withLoansCents: 8000 });
  });

  it('the canonical sandbox item, to the cent', () => {
    const sandbox = [
      dep(10000, 11000), // checking
      dep(20000, 21000), // saving
      dep(null, 100000), // CD: no available, so current
      credit(41000),
      dep(4320000, 4320000), // money market
      { type: 'investment', availableCents: null, currentCents: 32076 },
      { type: 'investment', availableCents: null, currentCents: 2363198 },
      loan(6526200),
      loan(5630206),
    ];
    const without = 10000 + 20000 + 100000 - 41000 + 4320000 + 32076 + 2363198;
    expect(accountsTotal(sandbox)).toEqual({ withoutLoansCents: without, withLoansCents: without - 6526200 - 5630206 });
    expect(without).toBe(6804274);
  });

  it('counts a null balance as 0 and a 0 balance as a real 0', () => {
    expect(contribution(dep(null, null))).toEqual({ withoutLoansCents: 0, withLoansCents: 0 });
    expect(contribution(dep(0, 5000))).toEqual({ withoutLoansCents: 0, withLoansCents: 0 });
    expect(contribution(credit(null))).toEqual({ withoutLoansCents: 0, withLoansCents: 0 });
    expect(Object.is(contribution(credit(null)).withoutLoansCents, -0)).toBe(false);
  });

  it('adds unknown and other account types at their current balance', () => {
    expect(contribution({ type: 'brokerage', availableCents: 1, currentCents: 700 })).toEqual({ withoutLoansCents: 700, withLoansCents: 700 });
    expect(contribution({ type: 'other', availableCents: null, currentCents: 300 })).toEqual({ withoutLoansCents: 300, withLoansCents: 300 });
  });

  it('slices only institutions above 0, with shares adding up to 1', () => {
    const slices = breakdown([
      { id: 'a', name: 'A', totals: { withoutLoansCents: 3000, withLoansCents: 0 } },
      { id: 'b', name: 'B', totals: { withoutLoansCents: 1000, withLoansCents: 1000 } },
      { id: 'c', name: 'C', totals: { withoutLoansCents: 0, withLoansCents: 0 } },
      { id: 'd', name: 'D', totals: { withoutLoansCents: -500, withLoansCents: -500 } },
    ]);
    expect(slices).toEqual([
      { institutionId: 'a', name: 'A', amountCents: 3000, share: 0.75 },
      { institutionId: 'b', name: 'B', amountCents: 1000, share: 0.25 },
    ]);
    expect(breakdown([{ id: 'd', name: 'D', totals: { withoutLoansCents: -1, withLoansCents: -1 } }])).toEqual([]);
  });
});

describe('account rows and eligibility', () => {
  const row = (type: string, availableCents: number | null, currentCents: number | null, limitCents: number | null = null, hidden = false) => {
    const balances = { type, availableCents, currentCents, hidden };
    return rowFigures({ ...balances, limitCents, contribution: contribution(balances) });
  };

  it('counts what a credit card owes, negative, with its limit and available credit beside it', () => {
    expect(row('credit', null, 41000, 200000)).toEqual({
      counted: { label: 'Owed', cents: -41000 },
      context: [
        { label: 'Limit', cents: 200000 },
        { label: 'Available credit', cents: 159000 },
      ],
    });
  });

  it('uses Plaid’s available credit for a card without a limit', () => {
    expect(row('credit', 7000, 3000).context).toEqual([{ label: 'Available credit', cents: 7000 }]);
  });

  it('counts a savings account by what is available and shows current beside it only when it differs', () => {
    expect(row('depository', 20000, 21000)).toEqual({ counted: { label: 'Available', cents: 20000 }, context: [{ label: 'Current', cents: 21000 }] });
    expect(row('depository', 500, 500).context).toEqual([]);
    expect(row('depository', null, 100000).counted).toEqual({ label: 'Balance', cents: 100000 });
  });

  it('labels investments by value and loans by what is owed, negative', () => {
    expect(row('investment', null, 32076).counted).toEqual({ label: 'Value', cents: 32076 });
    expect(row('loan', null, 5630206).counted).toEqual({ label: 'Owed', cents: -5630206 });
  });

  it('counts a hidden account as nothing', () => {
    expect(contribution({ type: 'depository', availableCents: 500, currentCents: 500, hidden: true })).toEqual({ withoutLoansCents: 0, withLoansCents: 0 });
    expect(row('credit', null, 41000, 200000, true)).toEqual({ counted: { label: 'Counted', cents: 0 }, context: [{ label: 'Balance', cents: 41000 }] });
  });

  it('puts each type in its group', () => {
    expect(['depository', 'credit', 'investment', 'loan', 'other', 'brokerage'].map(accountKind)).toEqual(['cash', 'credit', 'investments', 'loans', 'other', 'other']);
  });

  it('lets only credit, checking and paypal accounts carry a budget tracker', () => {
    expect(budgetTrackable('credit', 'credit card')).toBe(true);
    expect(budgetTrackable('credit', null)).toBe(true);
    expect(budgetTrackable('depository', 'checking')).toBe(true);
    expect(budgetTrackable('depository', 'paypal')).toBe(true);
    expect(budgetTrackable('depository', 'savings')).toBe(false);
    expect(budgetTrackable('loan', 'student')).toBe(false);
    expect(budgetTrackable('investment', 'ira')).toBe(false);
  });

  it('colours above, at and below zero differently', () => {
    expect([tone(1), tone(0), tone(-1)]).toEqual(['positive', 'zero', 'negative']);
  });
});
