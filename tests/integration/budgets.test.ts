import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDay } from '../../src/domain/budgets.js';
import { fromPlaid } from '../../src/shared/money.js';
import { Agent } from '../helpers/agent.js';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { linkSandbox } from '../helpers/banking.js';
import { rowsOf } from '../helpers/sql.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

async function personWithBank() {
  const agent = new Agent(ctx.app);
  const me = await agent.signUp();
  const linked = await linkSandbox(agent, 'ins_109508');
  const accounts = await rowsOf(ctx.deps.db, sql`select id, mask from accounts where item_id = ${linked.id}`);
  const byMask = (mask: string) => String(accounts.find((a) => a.mask === mask)!.id);
  return { agent, me, linked, checking: byMask('0000'), savings: byMask('1111'), card: byMask('3333') };
}

const trackerCount = async () => Number((await rowsOf(ctx.deps.db, sql`select count(*)::int as n from budget_trackers`))[0]!.n);

describe('budget trackers', () => {
  it('creates a tracker on checking with this month’s spending and the next date', async () => {
    const { agent, checking, linked } = await personWithBank();
    const response = await agent.request('POST', `/api/accounts/${checking}/budget-tracker`, { thresholdCents: 200000, frequencyDays: 7 });
    expect(response.statusCode).toBe(201);
    const today = localDay(ctx.clock.now, 'UTC');
    // Independently: the simulator's own transactions for that account, by product.md's rule.
    const plaidItemId = String((await rowsOf(ctx.deps.db, sql`select plaid_item_id from items where id = ${linked.id}`))[0]!.plaid_item_id);
    const [plaidAccount] = await rowsOf(ctx.deps.db, sql`select plaid_account_id from accounts where id = ${checking}`);
    const expected = [...ctx.simulator.items.itemById(plaidItemId)!.live.values()]
      .filter((t) => t.account_id === plaidAccount!.plaid_account_id && t.date.slice(0, 7) === today.slice(0, 7) && t.date <= today && t.amount > 0)
      .filter((t) => !['TRANSFER_IN', 'TRANSFER_OUT', 'LOAN_PAYMENTS', 'INCOME'].includes(t.primary))
      .reduce((sum, t) => sum + fromPlaid(t.amount), 0);
    expect(response.json().budgetTracker).toEqual({ thresholdCents: 200000, spentCents: expected, frequencyDays: 7, nextNotificationOn: addDays(today, 7) });
    const dashboard = (await agent.request('GET', '/api/dashboard')).json();
    const account = dashboard.institutions[0].accounts.find((a: { id: string }) => a.id === checking);
    expect(account.budgetTracker).toEqual(response.json().budgetTracker);
  });

  it('refuses an ineligible account, a second tracker and another person’s account', async () => {
    const { agent, checking, savings } = await personWithBank();
    const before = await trackerCount();
    const ineligible = await agent.request('POST', `/api/accounts/${savings}/budget-tracker`, { thresholdCents: 1000, frequencyDays: 3 });
    expect(ineligible.statusCode).toBe(400);
    expect(ineligible.json().error.code).toBe('ACCOUNT_NOT_ELIGIBLE');
    expect((await agent.request('POST', `/api/accounts/${checking}/budget-tracker`, { thresholdCents: 1000, frequencyDays: 3 })).statusCode).toBe(201);
    const twice = await agent.request('POST', `/api/accounts/${checking}/budget-tracker`, { thresholdCents: 1000, frequencyDays: 3 });
    expect(twice.statusCode).toBe(409);
    const stranger = new Agent(ctx.app);
    await stranger.signUp();
    for (const response of [
      await stranger.request('POST', `/api/accounts/${checking}/budget-tracker`, { thresholdCents: 1000, frequencyDays: 3 }),
      await stranger.request('PATCH', `/api/accounts/${checking}/budget-tracker`, { thresholdCents: 5 }),
      await stranger.request('DELETE', `/api/accounts/${checking}/budget-tracker`),
    ]) expect(response.statusCode).toBe(404);
    expect(await trackerCount()).toBe(before + 1);
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ['a zero threshold', { thresholdCents: 0, frequencyDays: 3 }, 'thresholdCents'],
    ['a negative threshold', { thresholdCents: -100, frequencyDays: 3 }, 'thresholdCents'],
    ['fractional cents', { thresholdCents: 10.5, frequencyDays: 3 }, 'thresholdCents'],
    ['a threshold over 10,000,000.00', { thresholdCents: 1_000_000_001, frequencyDays: 3 }, 'thresholdCents'],
    ['a threshold as text', { thresholdCents: '1000', frequencyDays: 3 }, 'thresholdCents'],
    ['no threshold', { frequencyDays: 3 }, 'thresholdCents'],
    ['a frequency of 0 days', { thresholdCents: 1000, frequencyDays: 0 }, 'frequencyDays'],
    ['a frequency of 16 days', { thresholdCents: 1000, frequencyDays: 16 }, 'frequencyDays'],
    ['a fractional frequency', { thresholdCents: 1000, frequencyDays: 2.5 }, 'frequencyDays'],
    ['a null frequency', { thresholdCents: 1000, frequencyDays: null }, 'frequencyDays'],
    ['an unknown field', { thresholdCents: 1000, frequencyDays: 3, currency: 'EUR' }, 'currency'],
  ];
  it.each(bad)('refuses %s with a 400 naming the field, creating nothing', async (_name, body, field) => {
    const { agent, card } = await personWithBank();
    const before = await trackerCount();
    const response = await agent.request('POST', `/api/accounts/${card}/budget-tracker`, body);
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().error.fields)).toContain(field);
    expect(await trackerCount()).toBe(before);
  });

  it('edits (resetting the next date to today + frequency) and deletes', async () => {
    const { agent, card } = await personWithBank();
    await agent.request('POST', `/api/accounts/${card}/budget-tracker`, { thresholdCents: 50000, frequencyDays: 15 });
    const edited = await agent.request('PATCH', `/api/accounts/${card}/budget-tracker`, { frequencyDays: 2 });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().budgetTracker).toMatchObject({ thresholdCents: 50000, frequencyDays: 2, nextNotificationOn: addDays(localDay(ctx.clock.now, 'UTC'), 2) });
    expect((await agent.request('PATCH', `/api/accounts/${card}/budget-tracker`, { frequencyDays: 99 })).statusCode).toBe(400);
    // A new amount alone is taken (and the frequency kept); it shows on the dashboard too.
    const amount = await agent.request('PATCH', `/api/accounts/${card}/budget-tracker`, { thresholdCents: 73_500 });
    expect(amount.json().budgetTracker).toMatchObject({ thresholdCents: 73_500, frequencyDays: 2 });
    const shown = (await agent.request('GET', '/api/dashboard')).json().institutions[0].accounts.find((a: { id: string }) => a.id === card);
    expect(shown.budgetTracker).toMatchObject({ thresholdCents: 73_500, frequencyDays: 2 });
    const both = await agent.request('PATCH', `/api/accounts/${card}/budget-tracker`, { thresholdCents: 1_000, frequencyDays: 9 });
    expect(both.json().budgetTracker).toMatchObject({ thresholdCents: 1_000, frequencyDays: 9 });
    expect((await agent.request('DELETE', `/api/accounts/${card}/budget-tracker`)).statusCode).toBe(204);
    expect((await agent.request('DELETE', `/api/accounts/${card}/budget-tracker`)).statusCode).toBe(404);
  });
});
