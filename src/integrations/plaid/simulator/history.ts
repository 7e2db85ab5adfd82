import crypto from 'node:crypto';

/**
 * A realistic, deterministic few months of transactions for one account: the same seed and the
 * same "today" always give the same history, so tests can rely on exact figures.
 */
export interface SimTransaction {
  transaction_id: string;
  account_id: string;
  amount: number;
  iso_currency_code: string;
  date: string;
  authorized_date: string | null;
  pending: boolean;
  pending_transaction_id: string | null;
  name: string;
  merchant_name: string | null;
  category: string[];
  primary: string;
  detailed: string;
  channel: 'online' | 'in store' | 'other';
}

interface Pattern {
  name: string;
  merchant: string | null;
  /** Whether it happens on this day (day of month, day of week, a random draw). */
  when: (day: Date, draw: number) => boolean;
  amount: (draw: number) => number;
  primary: string;
  detailed: string;
  category: string[];
  channel: SimTransaction['channel'];
}

const on = (dayOfMonth: number) => (day: Date) => day.getUTCDate() === dayOfMonth;
const between = (low: number, high: number) => (draw: number) => Math.round((low + (high - low) * draw) * 100) / 100;
const fixed = (value: number) => () => value;

const CHECKING: Pattern[] = [
  { name: 'PLATYPUS PAYROLL DIRECT DEP', merchant: null, when: (d) => d.getUTCDate() === 1 || d.getUTCDate() === 15, amount: fixed(-1250), primary: 'INCOME', detailed: 'INCOME_WAGES', category: ['Transfer', 'Payroll'], channel: 'other' },
  { name: 'Starbucks', merchant: 'Starbucks', when: (_d, r) => r < 0.45, amount: between(4.33, 7.89), primary: 'FOOD_AND_DRINK', detailed: 'FOOD_AND_DRINK_COFFEE', category: ['Food and Drink', 'Restaurants', 'Coffee Shop'], channel: 'in store' },
  { name: 'Whole Foods Market', merchant: 'Whole Foods Market', when: (d) => d.getUTCDay() === 6, amount: between(45, 140), primary: 'FOOD_AND_DRINK', detailed: 'FOOD_AND_DRINK_GROCERIES', category: ['Shops', 'Supermarkets and Groceries'], channel: 'in store' },
  { name: 'Transfer to Savings', merchant: null, when: on(3), amount: fixed(200), primary: 'TRANSFER_OUT', detailed: 'TRANSFER_OUT_ACCOUNT_TRANSFER', category: ['Transfer', 'Debit'], channel: 'other' },
  { name: 'Credit Card Payment', merchant: null, when: on(5), amount: fixed(150), primary: 'LOAN_PAYMENTS', detailed: 'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT', category: ['Payment', 'Credit Card'], channel: 'other' },
  { name: 'City Utilities', merchant: 'City Utilities', when: on(10), amount: fixed(85.4), primary: 'RENT_AND_UTILITIES', detailed: 'RENT_AND_UTILITIES_GAS_AND_ELECTRICITY', category: ['Service', 'Utilities'], channel: 'online' },
];

const CREDIT: Pattern[] = [
  { name: 'United Airlines', merchant: 'United Airlines', when: on(12), amount: between(250, 600), primary: 'TRAVEL', detailed: 'TRAVEL_FLIGHTS', category: ['Travel', 'Airlines and Aviation Services'], channel: 'online' },
  { name: 'Chipotle', merchant: 'Chipotle', when: (_d, r) => r < 0.3, amount: between(9, 25), primary: 'FOOD_AND_DRINK', detailed: 'FOOD_AND_DRINK_FAST_FOOD', category: ['Food and Drink', 'Restaurants'], channel: 'in store' },
  { name: 'Amazon', merchant: 'Amazon', when: on(20), amount: between(30, 120), primary: 'GENERAL_MERCHANDISE', detailed: 'GENERAL_MERCHANDISE_ONLINE_MARKETPLACES', category: ['Shops', 'Digital Purchase'], channel: 'online' },
  { name: 'Amazon Refund', merchant: 'Amazon', when: on(22), amount: fixed(-20), primary: 'GENERAL_MERCHANDISE', detailed: 'GENERAL_MERCHANDISE_ONLINE_MARKETPLACES', category: ['Shops', 'Digital Purchase'], channel: 'online' },
  { name: 'Payment - Thank You', merchant: null, when: on(6), amount: fixed(-150), primary: 'LOAN_PAYMENTS', detailed: 'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT', category: ['Payment', 'Credit Card'], channel: 'other' },
];

const SAVINGS: Pattern[] = [
  { name: 'Transfer from Checking', merchant: null, when: on(3), amount: fixed(-200), primary: 'TRANSFER_IN', detailed: 'TRANSFER_IN_ACCOUNT_TRANSFER', category: ['Transfer', 'Deposit'], channel: 'other' },
  { name: 'Interest Earned', merchant: null, when: on(28), amount: fixed(-0.42), primary: 'INCOME', detailed: 'INCOME_INTEREST_EARNED', category: ['Interest', 'Interest Earned'], channel: 'other' },
];

export function patternsFor(type: string, subtype: string): Pattern[] {
  if (type === 'credit') return CREDIT;
  if (type === 'depository' && (subtype === 'checking' || subtype === 'paypal')) return CHECKING;
  if (type === 'depository' && (subtype === 'savings' || subtype === 'money market')) return SAVINGS;
  return [];
}

/** mulberry32: a tiny seeded generator, so histories repeat exactly. */
function random(seed: string): () => number {
  let state = crypto.createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const isoDay = (date: Date) => date.toISOString().slice(0, 10);
export const transactionId = (seed: string) => crypto.createHash('sha256').update(seed).digest('base64url').replace(/[-_]/g, 'x').slice(0, 37);

/**
 * `days` of history up to `today`. What happened today and yesterday is still pending; the seed
 * makes amounts and draws repeat, and ids are derived from the item so no two items share one.
 */
export function generateHistory(options: { itemId: string; accountId: string; seed: string; type: string; subtype: string; today: Date; days?: number }): SimTransaction[] {
  const { itemId, accountId, seed, today } = options;
  const patterns = patternsFor(options.type, options.subtype);
  const next = random(seed);
  const out: SimTransaction[] = [];
  for (let back = (options.days ?? 90) - 1; back >= 0; back--) {
    const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - back));
    for (const pattern of patterns) {
      const draw = next();
      const amountDraw = next();
      if (!pattern.when(day, draw)) continue;
      const date = isoDay(day);
      out.push({
        transaction_id: transactionId(`${itemId}:${accountId}:${date}:${pattern.name}`),
        account_id: accountId,
        amount: pattern.amount(amountDraw),
        iso_currency_code: 'USD',
        date,
        authorized_date: date,
        pending: back <= 1,
        pending_transaction_id: null,
        name: pattern.name,
        merchant_name: pattern.merchant,
        category: pattern.category,
        primary: pattern.primary,
        detailed: pattern.detailed,
        channel: pattern.channel,
      });
    }
  }
  return out;
}
