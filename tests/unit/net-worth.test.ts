import { describe, expect, it } from 'vitest';
import { accountsTotal, breakdown, contribution } from '../../src/domain/net-worth.js';
import { budgetTrackable, cardFigures, tone } from '../../src/shared/accounts.js';

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

describe('account cards and eligibility', () => {
  it('shows limit, spent and available for a credit card, computing available from the limit', () => {
    expect(cardFigures({ type: 'credit', subtype: 'credit card', availableCents: null, currentCents: 41000, limitCents: 200000 })).toEqual([
      { label: 'Limit', cents: 200000 },
      { label: 'Spent', cents: 41000 },
      { label: 'Available', cents: 159000 },
    ]);
  });

  it('uses Plaid’s available for a credit card without a limit', () => {
    expect(cardFigures({ type: 'credit', subtype: 'credit card', availableCents: 7000, currentCents: 3000, limitCents: null })[2]).toEqual({ label: 'Available', cents: 7000 });
  });

  it('shows available and current for checking, current for other deposits, outstanding for the rest', () => {
    expect(cardFigures({ type: 'depository', subtype: 'checking', availableCents: 1, currentCents: 2, limitCents: null }).map((f) => f.label)).toEqual(['Available', 'Current']);
    expect(cardFigures({ type: 'depository', subtype: 'savings', availableCents: 1, currentCents: 2, limitCents: null })).toEqual([{ label: 'Current', cents: 2 }]);
    expect(cardFigures({ type: 'loan', subtype: 'mortgage', availableCents: null, currentCents: 9, limitCents: null })).toEqual([{ label: 'Outstanding balance', cents: 9 }]);
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
