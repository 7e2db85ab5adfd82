import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay, addDays, monthStart } from '../../src/domain/budgets.js';
import { Agent } from '../helpers/agent.js';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { linkSandbox } from '../helpers/banking.js';
import { rowsOf } from '../helpers/sql.js';
import { explainNetWorth, netWorthHistory } from '../../src/services/history/net-worth.js';
import { DashboardCache } from '../../src/services/read-cache.js';
import { carryChoicesToPosted, upsertTransactions } from '../../src/db/repositories/transactions.js';

// Net worth over time, transactions, spending by category and the exports (product.md section 9),
// on First Platypus Bank as the simulated Plaid links it (90 days of transactions per account).
let ctx: TestContext;
let owner: Agent;
let ownerId: string;
let institutionId: string;
let checkingId: string;
let today: string;

type Tx = { id: string; accountId: string; date: string; amountCents: number; category: string; excludedFromBudgets: boolean; pending: boolean; name: string; merchantName: string | null };

async function allTransactions(agent: Agent, query = ''): Promise<Tx[]> {
  const rows: Tx[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/api/transactions?limit=500${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = (await agent.request('GET', url)).json();
    rows.push(...page.transactions);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

beforeAll(async () => {
  ctx = await createTestApp();
  owner = new Agent(ctx.app);
  ownerId = (await owner.signUp()).id;
  institutionId = (await linkSandbox(owner, 'ins_109508')).id;
  const [checking] = await rowsOf(ctx.deps.db, sql`select id from accounts where item_id = ${institutionId} and mask = '0000'`);
  checkingId = String(checking!.id);
  today = localDay(ctx.deps.now(), 'UTC');
}, 60_000);
afterAll(() => ctx.close());

describe('net worth over time', () => {
  it("ends on today's point, equal to the dashboard's net worth to the cent", async () => {
    const dashboard = (await owner.request('GET', '/api/dashboard')).json();
    const { points } = (await owner.request('GET', '/api/net-worth/history')).json();
    expect(points.length).toBeGreaterThan(80);
    expect(points.at(-1)).toEqual({ day: today, ...dashboard.netWorth, complete: true });
    // One point a day, in order, none missing.
    for (let i = 1; i < points.length; i++) expect(points[i].day).toBe(addDays(points[i - 1].day, 1));
  });

  it('explains every point with contributions that add up to it', async () => {
    const { points } = (await owner.request('GET', '/api/net-worth/history')).json();
    for (const point of [points[0], points[Math.floor(points.length / 2)], points.at(-1)]) {
      const explanation = (await owner.request('GET', `/api/net-worth/history/${point.day}`)).json();
      expect(explanation).toMatchObject({ day: point.day, withoutLoansCents: point.withoutLoansCents, withLoansCents: point.withLoansCents });
      const sum = (key: 'withoutLoansCents' | 'withLoansCents') => explanation.accounts.reduce((total: number, a: { contribution: Record<typeof key, number> }) => total + a.contribution[key], 0);
      expect(sum('withoutLoansCents')).toBe(point.withoutLoansCents);
      expect(sum('withLoansCents')).toBe(point.withLoansCents);
      expect(explanation.accounts).toHaveLength(9);
    }
    const latest = (await owner.request('GET', `/api/net-worth/history/${today}`)).json();
    expect(latest.accounts.every((a: { source: string; observedOn: string }) => a.source === 'observed' && a.observedOn === today)).toBe(true);
  });

  it("estimates a past balance as today's balance minus the transactions after that day, to the cent", async () => {
    const day = addDays(today, -30);
    const explanation = (await owner.request('GET', `/api/net-worth/history/${day}`)).json();
    const checking = explanation.accounts.find((a: { accountId: string }) => a.accountId === checkingId);
    expect(checking).toMatchObject({ source: 'estimated', observedOn: day });
    const later = (await allTransactions(owner, `&accountId=${checkingId}&from=${addDays(day, 1)}`)).reduce((sum, t) => sum + t.amountCents, 0);
    // Checking counts its available balance (100.00 in the sandbox); amounts are as read: money in positive.
    expect(checking.balanceCents).toBe(10000 - later);
  });

  it('carries a balance forward from the day it was observed, and says from which day', async () => {
    // Two days on, with no refresh since: asked of the service directly (a session would have expired).
    const person = { id: ownerId, timeZone: 'UTC', dataVersion: -1 };
    const deps = { db: ctx.deps.db, now: () => new Date(ctx.deps.now().getTime() + 2 * 86_400_000) };
    const later = addDays(today, 2);
    const explanation = await explainNetWorth(deps, person, later);
    expect(explanation.accounts.every((a) => a.source === 'carried' && a.observedOn === today)).toBe(true);
    const { points } = await netWorthHistory(deps, new DashboardCache(), person, { from: today });
    expect(points.map((p) => p.day)).toEqual([today, addDays(today, 1), later]);
    expect(new Set(points.map((p) => p.withoutLoansCents)).size).toBe(1);
  });

  it('leaves a hidden account out of every point, listed with a contribution of 0', async () => {
    const agent = new Agent(ctx.app);
    await agent.signUp();
    const linked = await linkSandbox(agent, 'ins_109509');
    const before = (await agent.request('GET', '/api/net-worth/history')).json().points.at(-1);
    const [account] = await rowsOf(ctx.deps.db, sql`select id, coalesce(available_cents, current_cents) as counted from accounts where item_id = ${linked.id} and type = 'depository' order by name limit 1`);
    expect((await agent.request('PATCH', `/api/accounts/${account!.id}`, { hidden: true })).statusCode).toBe(200);
    const after = (await agent.request('GET', '/api/net-worth/history')).json().points.at(-1);
    const dashboard = (await agent.request('GET', '/api/dashboard')).json();
    expect(after).toMatchObject(dashboard.netWorth);
    expect(after.withoutLoansCents).toBe(before.withoutLoansCents - Number(account!.counted));
    const explained = (await agent.request('GET', `/api/net-worth/history/${after.day}`)).json();
    expect(explained.accounts.find((a: { accountId: string }) => a.accountId === account!.id)).toMatchObject({ hidden: true, contribution: { withoutLoansCents: 0, withLoansCents: 0 } });
  });

  it('refuses a day that is not one, or in the future', async () => {
    for (const day of ['2026-02-30', '2026-13-01', 'yesterday']) {
      const response = await owner.request('GET', `/api/net-worth/history/${day}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.fields.day).toBeDefined();
    }
    expect((await owner.request('GET', `/api/net-worth/history/${addDays(today, 2)}`)).json().error.fields).toEqual({ day: 'must be today or earlier' });
    expect((await owner.request('GET', `/api/net-worth/history?from=${today}&to=${addDays(today, -1)}`)).json().error.fields).toEqual({ to: 'must be on or after from' });
  });
});

describe('transactions', () => {
  it('lists every transaction once, newest first, across pages', async () => {
    const rows = await allTransactions(owner);
    const [{ n }] = (await rowsOf(ctx.deps.db, sql`select count(*)::int as n from transactions where item_id = ${institutionId}`)) as [{ n: number }];
    expect(rows).toHaveLength(n);
    expect(new Set(rows.map((r) => r.id)).size).toBe(n);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.date <= rows[i - 1]!.date).toBe(true);
    const small = (await owner.request('GET', '/api/transactions?limit=7')).json();
    expect(small.transactions).toHaveLength(7);
    expect(small.transactions).toEqual(rows.slice(0, 7));
  });

  it('searches names and merchants and filters by account, category, days, pending and amount', async () => {
    const rows = await allTransactions(owner);
    const named = rows.find((r) => r.merchantName)!;
    const term = named.merchantName!.slice(1, 6).toLowerCase();
    const found = await allTransactions(owner, `&search=${encodeURIComponent(term)}`);
    expect(found.length).toBeGreaterThan(0);
    expect(found).toEqual(rows.filter((r) => `${r.name} ${r.merchantName ?? ''}`.toLowerCase().includes(term)));
    expect(await allTransactions(owner, `&accountId=${checkingId}`)).toEqual(rows.filter((r) => r.accountId === checkingId));
    expect(await allTransactions(owner, `&category=${named.category}`)).toEqual(rows.filter((r) => r.category === named.category));
    const from = addDays(today, -10);
    expect(await allTransactions(owner, `&from=${from}&to=${today}`)).toEqual(rows.filter((r) => r.date >= from && r.date <= today));
    expect(await allTransactions(owner, '&pending=true')).toEqual(rows.filter((r) => r.pending));
    expect(await allTransactions(owner, '&minAmountCents=-5000&maxAmountCents=-1000')).toEqual(rows.filter((r) => r.amountCents >= -5000 && r.amountCents <= -1000));
    // A search with LIKE's own characters is searched for as written.
    expect(await allTransactions(owner, '&search=%25_')).toEqual([]);
  });

  it("opens a tracker's spending: the transactions it counts add up to its spent", async () => {
    await owner.request('POST', `/api/accounts/${checkingId}/budget-tracker`, { thresholdCents: 100000, frequencyDays: 7 });
    const spent = async () => (await owner.request('GET', '/api/dashboard')).json().institutions[0].accounts.find((a: { id: string }) => a.id === checkingId).budgetTracker.spentCents;
    const counted = await allTransactions(owner, `&accountId=${checkingId}&from=${monthStart(today)}&to=${today}&budgeted=true`);
    expect(counted.reduce((sum, t) => sum - t.amountCents, 0)).toBe(await spent());
  });

  it("re-categorising a spend as a transfer lowers its tracker's spent by its amount; excluding does too; both survive a refresh", async () => {
    const spentOf = async () => (await owner.request('GET', '/api/dashboard')).json().institutions[0].accounts.find((a: { id: string }) => a.id === checkingId).budgetTracker.spentCents;
    const counted = await allTransactions(owner, `&accountId=${checkingId}&from=${monthStart(today)}&to=${today}&budgeted=true`);
    expect(counted.length).toBeGreaterThanOrEqual(2);
    const [first, second] = counted as [Tx, Tx];
    const before = await spentOf();
    const recategorised = await owner.request('PATCH', `/api/transactions/${first.id}`, { category: 'TRANSFER_OUT' });
    expect(recategorised.statusCode).toBe(200);
    expect(recategorised.json().transaction).toMatchObject({ id: first.id, category: 'TRANSFER_OUT' });
    expect(await spentOf()).toBe(before + first.amountCents);
    expect((await owner.request('PATCH', `/api/transactions/${second.id}`, { excludedFromBudgets: true })).json().transaction.excludedFromBudgets).toBe(true);
    expect(await spentOf()).toBe(before + first.amountCents + second.amountCents);
    expect((await owner.request('POST', `/api/institutions/${institutionId}/refresh`)).statusCode).toBeLessThan(300);
    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = async () => {
        const status = (await owner.request('GET', `/api/institutions/${institutionId}`)).json().institution;
        if (!status.refreshing) return resolve();
        if (Date.now() - started > 20_000) return reject(new Error('refresh did not finish'));
        setImmediate(() => void poll());
      };
      void poll();
    });
    expect(await spentOf()).toBe(before + first.amountCents + second.amountCents);
    // Back to Plaid's category and into budgets again.
    await owner.request('PATCH', `/api/transactions/${first.id}`, { category: null });
    await owner.request('PATCH', `/api/transactions/${second.id}`, { excludedFromBudgets: false });
    expect(await spentOf()).toBe(before);
  });

  it('carries the choices made on a pending transaction to the posted one that replaces it', async () => {
    const [pending] = await rowsOf(ctx.deps.db, sql`select * from transactions where item_id = ${institutionId} and pending and amount_cents > 0 limit 1`);
    const id = String(pending!.id);
    await owner.request('PATCH', `/api/transactions/${id}`, { category: 'TRAVEL', excludedFromBudgets: true });
    const posted = { ...(pending as Record<string, unknown>) };
    await upsertTransactions(ctx.deps.db, [
      {
        itemId: institutionId,
        userId: ownerId,
        plaidTransactionId: `${String(posted.plaid_transaction_id)}-posted`,
        accountId: String(posted.account_id),
        amountCents: Number(posted.amount_cents),
        currency: 'USD',
        date: String(posted.date),
        pending: false,
        pendingTransactionId: String(posted.plaid_transaction_id),
        name: String(posted.name),
        categoryPrimary: String(posted.category_primary),
      },
    ]);
    await carryChoicesToPosted(ctx.deps.db, institutionId, [String(posted.plaid_transaction_id)]);
    const [after] = await rowsOf(ctx.deps.db, sql`select category, excluded_from_budgets from transactions where plaid_transaction_id = ${`${String(posted.plaid_transaction_id)}-posted`}`);
    expect(after).toEqual({ category: 'TRAVEL', excluded_from_budgets: true });
    await ctx.deps.db.execute(sql`delete from transactions where plaid_transaction_id = ${`${String(posted.plaid_transaction_id)}-posted`}`);
    await owner.request('PATCH', `/api/transactions/${id}`, { category: null, excludedFromBudgets: false });
  });

  it("answers 404 to another person's transaction, institution or account, and never lists their rows", async () => {
    const stranger = new Agent(ctx.app);
    await stranger.signUp();
    const [mine] = (await owner.request('GET', '/api/transactions?limit=1')).json().transactions;
    expect((await stranger.request('PATCH', `/api/transactions/${mine.id}`, { excludedFromBudgets: true })).statusCode).toBe(404);
    expect((await stranger.request('GET', `/api/transactions?accountId=${checkingId}`)).statusCode).toBe(404);
    expect((await stranger.request('GET', `/api/transactions?institutionId=${institutionId}`)).statusCode).toBe(404);
    expect((await stranger.request('GET', '/api/transactions')).json()).toEqual({ transactions: [], nextCursor: null });
    // The owner's cursor is not the stranger's.
    const { nextCursor } = (await owner.request('GET', '/api/transactions?limit=2')).json();
    expect((await stranger.request('GET', `/api/transactions?cursor=${encodeURIComponent(nextCursor)}`)).json().error.fields.cursor).toBeDefined();
    expect((await owner.request('GET', '/api/transactions?limit=1')).json().transactions[0].excludedFromBudgets).toBe(false);
  });

  it('refuses bad filters with the field named', async () => {
    const { nextCursor } = (await owner.request('GET', '/api/transactions?limit=2')).json();
    const tampered = `${nextCursor.slice(0, 4)}${nextCursor[4] === 'A' ? 'B' : 'A'}${nextCursor.slice(5)}`;
    const cases: [string, string][] = [
      ['limit=501', 'limit'],
      ['limit=0', 'limit'],
      ['from=2026-05-02&to=2026-05-01', 'to'],
      ['from=2026-02-30', 'from'],
      ['category=NOT_A_CATEGORY', 'category'],
      [`cursor=${encodeURIComponent(tampered)}`, 'cursor'],
      ['cursor=abc', 'cursor'],
      ['pending=yes', 'pending'],
      ['minAmountCents=1.5', 'minAmountCents'],
      ['minAmountCents=10&maxAmountCents=5', 'maxAmountCents'],
      ['accountId=not-an-id', 'accountId'],
      ['sort=date', 'sort'],
    ];
    for (const [query, field] of cases) {
      const response = await owner.request('GET', `/api/transactions?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(Object.keys(response.json().error.fields), query).toContain(field);
    }
    const [mine] = (await owner.request('GET', '/api/transactions?limit=1')).json().transactions;
    for (const body of [{ category: 'MADE_UP' }, {}, { excludedFromBudgets: 'yes' }, { category: 'FOOD_AND_DRINK', extra: 1 }]) {
      expect((await owner.request('PATCH', `/api/transactions/${mine.id}`, body)).statusCode).toBe(400);
    }
  });
});

describe('spending by category', () => {
  it("adds up to the month's spending, category by category, and refuses a month that is not one", async () => {
    const month = today.slice(0, 7);
    const spending = (await owner.request('GET', `/api/spending?month=${month}`)).json();
    expect(spending.month).toBe(month);
    expect(spending.categories.reduce((sum: number, c: { amountCents: number }) => sum + c.amountCents, 0)).toBe(spending.totalCents);
    const counted = await allTransactions(owner, `&from=${month}-01&to=${today}&budgeted=true`);
    expect(spending.totalCents).toBe(counted.reduce((sum, t) => sum - t.amountCents, 0));
    for (const category of spending.categories) {
      expect(category.amountCents).toBe(counted.filter((t) => t.category === category.category).reduce((sum, t) => sum - t.amountCents, 0));
    }
    expect((await owner.request('GET', '/api/spending')).json().month).toBe(month);
    for (const bad of ['2026-13', '2026-1', 'june']) expect((await owner.request('GET', `/api/spending?month=${bad}`)).json().error.fields.month).toBeDefined();
  });
});

describe('exports', () => {
  it('gives a CSV with one row per transaction the list has, and the history as CSV and JSON', async () => {
    const rows = await allTransactions(owner);
    const csv = await owner.request('GET', '/api/export/transactions.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="cashview-transactions-/);
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('date,name,merchant,category,institution,account,mask,amount,currency,pending,excluded_from_budgets,id');
    expect(lines).toHaveLength(rows.length + 1);
    expect(lines.slice(1).map((l) => l.split(',').at(-1))).toEqual(rows.map((r) => r.id));
    const netWorth = (await owner.request('GET', '/api/export/net-worth.csv')).body.trimEnd().split('\r\n');
    const { points } = (await owner.request('GET', '/api/net-worth/history')).json();
    expect(netWorth).toHaveLength(points.length + 1);
    const everything = (await owner.request('GET', '/api/export/all.json')).json();
    expect(everything.transactions).toHaveLength(rows.length);
    expect(everything.accounts).toHaveLength(9);
    expect(everything.balanceHistory.length).toBeGreaterThan(9 * 80);
    expect(JSON.stringify(everything)).not.toMatch(/passwordHash|access_token|accessToken|phoneSealed/);
  });
});
