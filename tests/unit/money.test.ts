import { describe, expect, it } from 'vitest';
import { formatMoney, fromPlaid, parseAmount, sum, type Cents } from '../../src/shared/money.js';

describe('money', () => {
  it.each([
    [23631.9805, 2363198],
    [320.76, 32076],
    [56302.06, 5630206],
    [1.005, 101],
    [-1.005, -101],
    [0.1 + 0.2, 30],
    [0, 0],
    [-1250, -125000],
  ])('reads Plaid’s %d dollars as %d cents', (dollars, cents) => expect(fromPlaid(dollars)).toBe(cents));

  it('keeps a missing balance missing, and a zero a real zero', () => {
    expect(fromPlaid(null)).toBeNull();
    expect(fromPlaid(undefined)).toBeNull();
    expect(fromPlaid(0)).toBe(0);
  });

  it('reads no number from NaN or an infinity, and rounds negatives away from zero', () => {
    expect(fromPlaid(Number.NaN)).toBeNull();
    expect(fromPlaid(Number.POSITIVE_INFINITY)).toBeNull();
    expect(fromPlaid(Number.NEGATIVE_INFINITY)).toBeNull();
    expect(fromPlaid(-0.005)).toBe(-1);
    expect(fromPlaid(-0.004)).toBe(-0);
    expect(fromPlaid(0.005)).toBe(1);
  });

  it.each([
    ['2,000.00', 200000],
    ['$20', 2000],
    ['20.5', 2050],
    ['0.01', 1],
    ['  12.50  ', 1250],
    ['-5', -500],
    ['-0.75', -75],
    ['$1,000', 100000],
  ])('parses %j as %d cents', (text, cents) => expect(parseAmount(text)).toBe(cents));

  it.each(['', ' ', 'abc', '1.234', '1e5', '--1', '12345678901234', 'NaN', 'Infinity', '-Infinity', '1 000', '12.', '.5', '+5', '5-', '0x10'])(
    'refuses %j',
    (text) => expect(parseAmount(text)).toBeNull(),
  );

  it('formats for the locale and currency', () => {
    expect(formatMoney(123456 as Cents, 'USD', 'en-US')).toBe('$1,234.56');
    expect(formatMoney(-1500 as Cents, 'USD', 'en-US')).toBe('-$15.00');
    expect(formatMoney(100 as Cents, 'CAD', 'en-US')).toBe('CA$1.00');
    expect(sum([100, 250, -50] as Cents[])).toBe(300);
  });
});
