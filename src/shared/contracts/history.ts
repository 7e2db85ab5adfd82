import { z } from 'zod';
import { CATEGORIES, UNCATEGORIZED } from '../categories.js';

const cents = z.number().int();
const totals = z.object({ withoutLoansCents: cents, withLoansCents: cents });
const id = z.uuid({ error: 'must be an id from CashView' });

/** A calendar day as YYYY-MM-DD (2026-02-30 is refused, not rolled over). */
export const day = z
  .string({ error: 'must be a day as YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day as YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'is not a day of the calendar');

export const month = z.string({ error: 'must be a month as YYYY-MM' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM, 01 to 12');

const flag = z.enum(['true', 'false'], { error: 'must be true or false' });
const amountBound = z.coerce
  .number({ error: 'must be a whole number of cents' })
  .int('must be a whole number of cents')
  .min(-100_000_000_000, 'is too large')
  .max(100_000_000_000, 'is too large');
const categoryCode = z.enum([...CATEGORIES, UNCATEGORIZED], { error: 'must be one of the categories CashView lists' });

const fromBeforeTo = <T extends { from?: string; to?: string }>(query: T) => !query.from || !query.to || query.from <= query.to;

export const transactionsQuery = z
  .strictObject({
    search: z
      .string()
      .trim()
      .max(100, 'must be at most 100 characters')
      .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters')
      .optional(),
    institutionId: id.optional(),
    accountId: id.optional(),
    category: categoryCode.optional(),
    from: day.optional(),
    to: day.optional(),
    pending: flag.optional(),
    /** Only what budgets count as spending (product.md section 4, with the person's choices). */
    budgeted: flag.optional(),
    /** Bounds on the amount as shown: money in positive, money out negative. */
    minAmountCents: amountBound.optional(),
    maxAmountCents: amountBound.optional(),
    cursor: z.string().max(300, 'is not one CashView gave out').optional(),
    limit: z.coerce.number({ error: 'must be a whole number from 1 to 500' }).int('must be a whole number from 1 to 500').min(1, 'must be a whole number from 1 to 500').max(500, 'must be at most 500').optional(),
  })
  .refine(fromBeforeTo, { path: ['to'], message: 'must be on or after from' })
  .refine((q) => q.minAmountCents === undefined || q.maxAmountCents === undefined || q.minAmountCents <= q.maxAmountCents, {
    path: ['maxAmountCents'],
    message: 'must be at least minAmountCents',
  });
export type TransactionsQuery = z.infer<typeof transactionsQuery>;

export const transaction = z.object({
  id: z.string(),
  accountId: z.string(),
  accountName: z.string(),
  accountMask: z.string().nullable(),
  institutionName: z.string().nullable(),
  date: z.string(),
  name: z.string(),
  merchantName: z.string().nullable(),
  /** The category counted and shown: the person's if they chose one, else Plaid's. */
  category: z.string(),
  /** Plaid's own category, kept so the person can go back to it. */
  plaidCategory: z.string().nullable(),
  /** As the person reads it: money in positive, money out negative. */
  amountCents: cents,
  currency: z.string(),
  pending: z.boolean(),
  excludedFromBudgets: z.boolean(),
});
export type Transaction = z.infer<typeof transaction>;
export const transactionsAnswer = z.object({ transactions: z.array(transaction), nextCursor: z.string().nullable() });

export const updateTransactionRequest = z
  .strictObject({
    /** A category of the list, or null to go back to Plaid's. */
    category: z.enum(CATEGORIES, { error: 'must be one of the categories CashView lists' }).nullable().optional(),
    excludedFromBudgets: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .refine((body) => body.category !== undefined || body.excludedFromBudgets !== undefined, { message: 'send category or excludedFromBudgets', path: ['category'] });
export const transactionAnswer = z.object({ transaction });

export const spendingQuery = z.strictObject({ month: month.optional() });
export const spendingAnswer = z.object({
  month: z.string(),
  totalCents: cents,
  categories: z.array(z.object({ category: z.string(), amountCents: cents, share: z.number() })),
});
export type Spending = z.infer<typeof spendingAnswer>;

export const historyQuery = z.strictObject({ from: day.optional(), to: day.optional() }).refine(fromBeforeTo, { path: ['to'], message: 'must be on or after from' });
export const historyPoint = z.object({
  day: z.string(),
  withoutLoansCents: cents,
  withLoansCents: cents,
  /** False when an account counted today has no balance yet for this day (drawn as incomplete). */
  complete: z.boolean(),
});
export type HistoryPoint = z.infer<typeof historyPoint>;
export const historyAnswer = z.object({ points: z.array(historyPoint) });

export const dayParams = z.strictObject({ day });
export const explainedAccount = z.object({
  accountId: z.string(),
  name: z.string(),
  mask: z.string().nullable(),
  institutionName: z.string().nullable(),
  type: z.string(),
  hidden: z.boolean(),
  /** The balance counted that day (available for cash, else current); null when unknown or missing. */
  balanceCents: cents.nullable(),
  source: z.enum(['observed', 'carried', 'estimated', 'missing']),
  /** The day the balance counted was observed or estimated (earlier than `day` when carried). */
  observedOn: z.string().nullable(),
  contribution: totals,
});
export const explanationAnswer = z.object({ day: z.string(), withoutLoansCents: cents, withLoansCents: cents, complete: z.boolean(), accounts: z.array(explainedAccount) });
export type Explanation = z.infer<typeof explanationAnswer>;
