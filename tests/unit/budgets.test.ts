import { describe, expect, it } from 'vitest';
import { addDays, isDue, localDay, smsText } from '../../src/domain/budgets.js';
import { budgetLevel } from '../../src/shared/accounts.js';

// How much is spent is summed in SQL, the one rule: tests/integration/spending-sql.test.ts.
describe('the person’s day', () => {
  it('follows the person’s time zone at the month’s edge', () => {
    const instant = new Date('2026-12-01T03:00:00Z'); // still November 30th in New York
    expect(localDay(instant, 'UTC')).toBe('2026-12-01');
    expect(localDay(instant, 'America/New_York')).toBe('2026-11-30');
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
