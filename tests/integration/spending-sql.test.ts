import { afterAll, beforeAll, expect, it } from 'vitest';
import { spentThisMonth, type SpendTransaction } from '../../src/domain/budgets.js';
import { spentByAccount } from '../../src/services/budgets/trackers.js';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { addSpending, personWithTracker } from '../helpers/budgets.js';
import { sql } from 'drizzle-orm';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

// The dashboard and the texts sum spending in SQL; this keeps that sum equal to the rule's
// reference implementation over every kind of transaction the rule distinguishes.
it('sums spending in SQL exactly as the domain rule does', async () => {
  const today = '2026-11-25';
  const { itemId, accountId } = await personWithTracker(ctx.deps, { nextOn: '2026-12-01' });
  const crafted: SpendTransaction[] = [];
  const add = async (date: string, amountCents: number, categoryPrimary: string | null, legacyCategory: string[] | null = null, pending = false) => {
    crafted.push({ date, amountCents, categoryPrimary, legacyCategory });
    await addSpending(ctx.deps, itemId, accountId, date, amountCents, categoryPrimary as string, pending);
    if (legacyCategory) await ctx.deps.db.execute(sql`update transactions set legacy_category = array[${sql.join(legacyCategory.map((c) => sql`${c}`), sql`, `)}]::text[], category_primary = null where account_id = ${accountId} and date = ${date} and amount_cents = ${amountCents}`);
  };
  await add('2026-11-01', 1000, 'FOOD_AND_DRINK');
  await add('2026-11-25', 250, 'TRAVEL');
  await add('2026-11-24', 60, 'FOOD_AND_DRINK', null, true); // pending counts
  await add('2026-11-26', 999, 'TRAVEL'); // after today
  await add('2026-10-31', 777, 'FOOD_AND_DRINK'); // last month
  await add('2026-11-03', 20000, 'TRANSFER_OUT');
  await add('2026-11-04', 20000, 'TRANSFER_IN');
  await add('2026-11-05', 15000, 'LOAN_PAYMENTS');
  await add('2026-11-15', 125000, 'INCOME');
  await add('2026-11-20', -2000, 'GENERAL_MERCHANDISE');
  await add('2026-11-07', 1234, null, ['Food and Drink', 'Restaurants']);
  await add('2026-11-08', 5555, null, ['Payment', 'Credit Card']);
  await add('2026-11-09', 4444, null, ['Transfer', 'Debit']);
  await add('2026-11-10', 3333, null, ['Deposit']);
  const fromSql = (await spentByAccount(ctx.deps.db, [accountId], today)).get(accountId);
  expect(fromSql).toBe(spentThisMonth(crafted, today));
  expect(fromSql).toBe(1000 + 250 + 60 + 1234);
});
