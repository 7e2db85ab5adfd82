import { describe, expect, it } from 'vitest';
import { addDays, isDue, localDay, spentThisMonth, smsText, type SpendTransaction } from '../../src/domain/budgets.js';
import { budgetLevel } from '../../src/shared/accounts.js';

const txn = (date: string, amountCents: number, categoryPrimary: string | null = 'FOOD_AND_DRINK', legacyCategory: string[] | null = null): SpendTransaction => ({
  date,
  amountCents,
  categoryPrimary,
  legacyCategory,
});

describe('amount spent this month', () => {
  const today = '2026-11-25';

  it('sums outflows of this calendar month, pending included', () => {
    expect(spentThisMonth([txn('2026-11-02', 500), txn('2026-11-25', 250), txn('2026-10-31', 9999), txn('2026-12-01', 7777)], today)).toBe(750);
  });

  it('leaves out transfers, loan and card payments, income, and money coming in (refunds)', () => {
    expect(
      spentThisMonth(
        [
          txn('2026-11-03', 20000, 'TRANSFER_OUT'),
          txn('2026-11-03', 20000, 'TRANSFER_IN'),
          txn('2026-11-05', 15000, 'LOAN_PAYMENTS'),
          txn('2026-11-15', 125000, 'INCOME'),
          txn('2026-11-22', -2000, 'GENERAL_MERCHANDISE'),
          txn('2026-11-20', 4500, 'GENERAL_MERCHANDISE'),
        ],
        today,
      ),
    ).toBe(4500);
  });

  it('uses the legacy categories where no personal finance category exists', () => {
    const legacy = [
      txn('2026-11-05', 15000, null, ['Payment', 'Credit Card']),
      txn('2026-11-03', 20000, null, ['Transfer', 'Debit']),
      txn('2026-11-01', 3000, null, ['Deposit']),
      txn('2026-11-07', 1234, null, ['Food and Drink', 'Restaurants']),
      txn('2026-11-08', 100, null, null),
    ];
    expect(spentThisMonth(legacy, today)).toBe(1334);
  });

  it('counts day 1’s spending on day 1', () => {
    expect(spentThisMonth([txn('2026-12-01', 1000), txn('2026-11-30', 5000)], '2026-12-01')).toBe(1000);
  });

  it('follows the person’s time zone at the month’s edge', () => {
    const instant = new Date('2026-12-01T03:00:00Z'); // still November 30th in New York
    expect(localDay(instant, 'UTC')).toBe('2026-12-01');
    expect(localDay(instant, 'America/New_York')).toBe('2026-11-30');
    const txns = [txn('2026-11-30', 700), txn('2026-12-01', 300)];
    expect(spentThisMonth(txns, localDay(instant, 'America/New_York'))).toBe(700);
    expect(spentThisMonth(txns, localDay(instant, 'UTC'))).toBe(300);
    expect(localDay(new Date('2026-11-30T20:00:00Z'), 'Pacific/Auckland')).toBe('2026-12-01');
  });
});

describe('due dates and the text', () => {
  it('is due today or earlier, never before', () => {
    expect(isDue('2026-11-25', '2026-11-25')).toBe(true);
    expect(isDue('2026-11-20', '2026-11-25')).toBe(true);
    expect(isDue('2026-11-26', '2026-11-25')).toBe(false);
    expect(addDays('2026-11-25', 15)).toBe('2026-12-10');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('says what product.md says, in plain GSM-7 characters', () => {
    expect(smsText('Plaid Checking', 123456, 200000)).toBe('CashView budget for Plaid Checking: $1,234.56 spent of your $2,000.00 monthly budget.');
    const text = smsText('Café “Card” 💳', 100, 200);
    expect(text).toBe('CashView budget for Cafe ?Card? ?: $1.00 spent of your $2.00 monthly budget.');
    expect(text).toMatch(/^[\x20-\x7e]*$/);
  });

  it('colours the bar green under 80 %, amber to 100 %, red over', () => {
    expect([budgetLevel(79, 100), budgetLevel(80, 100), budgetLevel(100, 100), budgetLevel(101, 100)]).toEqual(['under', 'near', 'near', 'over']);
  });
});
