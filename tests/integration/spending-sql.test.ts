import { afterAll, beforeAll, expect, it } from 'vitest';
import { localDay } from '../../src/domain/budgets.js';
import { spentByAccount } from '../../src/services/budgets/trackers.js';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { addSpending, personWithTracker } from '../helpers/budgets.js';
import { sql } from 'drizzle-orm';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

// The dashboard and the texts sum spending in SQL, the one implementation of product.md's rule
// (section 4): every kind of transaction the rule distinguishes, with the sum worked out by hand.
it('sums this month’s outflows, pending included, leaving out what is not spending', async () => {
  const today = '2026-11-25';
  const { itemId, accountId } = await personWithTracker(ctx.deps, { nextOn: '2026-12-01' });
  const add = async (date: string, amountCents: number, categoryPrimary: string | null, legacyCategory: string[] | null = null, pending = false) => {
    await addSpending(ctx.deps, itemId, accountId, date, amountCents, categoryPrimary as string, pending);
    if (legacyCategory) await ctx.deps.db.execute(sql`update transactions set legacy_category = array[${sql.join(legacyCategory.map((c) => sql`${c}`), sql`, `)}]::text[], category_primary = null where account_id = ${accountId} and date = ${date} and amount_cents = ${amountCents}`);
  };
  await add('2026-11-01', 1000, 'FOOD_AND_DRINK'); // day 1 counts
  await add('2026-11-25', 250, 'TRAVEL');
  await add('2026-11-24', 60, 'FOOD_AND_DRINK', null, true); // pending counts
  await add('2026-11-26', 999, 'TRAVEL'); // after today
  await add('2026-10-31', 777, 'FOOD_AND_DRINK'); // last month
  await add('2026-11-03', 20000, 'TRANSFER_OUT');
  await add('2026-11-04', 20000, 'TRANSFER_IN');
  await add('2026-11-05', 15000, 'LOAN_PAYMENTS');
  await add('2026-11-15', 125000, 'INCOME');
  await add('2026-11-20', -2000, 'GENERAL_MERCHANDISE'); // a refund: money in
  await add('2026-11-07', 1234, null, ['Food and Drink', 'Restaurants']);
  await add('2026-11-08', 5555, null, ['Payment', 'Credit Card']);
  await add('2026-11-09', 4444, null, ['Transfer', 'Debit']);
  await add('2026-11-10', 3333, null, ['Deposit']);
  await add('2026-11-11', 100, null, null); // no category at all: spending
  const fromSql = (await spentByAccount(ctx.deps.db, [accountId], today)).get(accountId);
  expect(fromSql).toBe(1000 + 250 + 60 + 1234 + 100);
});

it('takes "this month" in the person’s own time zone at the month’s edge', async () => {
  const { itemId, accountId } = await personWithTracker(ctx.deps, { nextOn: '2026-12-01' });
  await addSpending(ctx.deps, itemId, accountId, '2026-11-30', 700, 'FOOD_AND_DRINK');
  await addSpending(ctx.deps, itemId, accountId, '2026-12-01', 300, 'FOOD_AND_DRINK');
  const instant = new Date('2026-12-01T03:00:00Z'); // still November 30th in New York
  const spent = async (timeZone: string) => (await spentByAccount(ctx.deps.db, [accountId], localDay(instant, timeZone))).get(accountId);
  expect(await spent('America/New_York')).toBe(700);
  expect(await spent('UTC')).toBe(300);
});
