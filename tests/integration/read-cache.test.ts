import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../../src/domain/budgets.js';
import { dashboardJson } from '../../src/services/dashboard.js';
import { DashboardCache } from '../../src/services/read-cache.js';
import { Agent } from '../helpers/agent.js';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { addSpending, personWithTracker } from '../helpers/budgets.js';
import { countingDb, rowsOf } from '../helpers/sql.js';

// The dashboard and (on the embedded database) sessions are served from memory; whatever path a
// change takes — the API, a background job, another instance, raw SQL — the next answer shows it.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const PASSWORD = 'a long and private phrase';

async function signedIn(timeZone = 'UTC') {
  const fixture = await personWithTracker(ctx.deps, { nextOn: '2099-01-01', timeZone });
  const agent = new Agent(ctx.app);
  expect((await agent.signIn(fixture.user.username, PASSWORD)).statusCode).toBe(200);
  return { ...fixture, agent };
}

const dashboard = async (agent: Agent) => {
  const response = await agent.request('GET', '/api/dashboard');
  expect(response.statusCode).toBe(200);
  return response.json();
};
const checking = (body: { institutions: { accounts: { currentCents: number; availableCents: number; budgetTracker: { spentCents: number } }[] }[] }) => body.institutions[0]!.accounts[0]!;

describe('the data version', () => {
  it('goes up once per transaction however many statements change the person’s data, and once per transaction after', async () => {
    const { user, itemId, accountId } = await personWithTracker(ctx.deps, { nextOn: '2099-01-01' });
    const version = async () => Number((await rowsOf(ctx.deps.db, sql`select data_version from users where id = ${user.id}`))[0]!.data_version);
    const before = await version();
    await ctx.deps.db.transaction(async (tx) => {
      for (let i = 0; i < 5; i++) await addSpending({ ...ctx.deps, db: tx }, itemId, accountId, '2026-01-01', 100 + i);
      await tx.execute(sql`update accounts set available_cents = 1 where id = ${accountId}`);
    });
    expect(await version()).toBe(before + 1);
    await addSpending(ctx.deps, itemId, accountId, '2026-01-02', 5);
    await ctx.deps.db.execute(sql`update accounts set available_cents = 2 where id = ${accountId}`);
    expect(await version()).toBe(before + 3);
  });
});

describe('answers served from memory are never stale', () => {
  it('shows a balance changed outside the API on the very next dashboard', async () => {
    const { agent, accountId } = await signedIn();
    expect(checking(await dashboard(agent)).availableCents).toBe(10000);
    await ctx.deps.db.execute(sql`update accounts set available_cents = 12345 where id = ${accountId}`);
    expect(checking(await dashboard(agent)).availableCents).toBe(12345);
  });

  it('shows new spending, a removed account and a removed budget at once', async () => {
    const { agent, itemId, accountId } = await signedIn();
    expect(checking(await dashboard(agent)).budgetTracker.spentCents).toBe(0);
    await addSpending(ctx.deps, itemId, accountId, localDay(ctx.clock.now, 'UTC'), 4321);
    expect(checking(await dashboard(agent)).budgetTracker.spentCents).toBe(4321);
    expect((await agent.request('DELETE', `/api/accounts/${accountId}/budget-tracker`)).statusCode).toBe(204);
    expect(checking(await dashboard(agent)).budgetTracker).toBeNull();
    expect((await agent.request('DELETE', `/api/accounts/${accountId}`)).statusCode).toBe(204);
    expect((await dashboard(agent)).institutions[0].accounts).toEqual([]);
  });

  it('refuses a session ended outside this request at once, and shows a profile edited elsewhere', async () => {
    const { agent, user } = await signedIn();
    expect((await agent.request('GET', '/api/session')).json().user.username).toBe(user.username);
    await ctx.deps.db.execute(sql`update users set first_name = 'Grace' where id = ${user.id}`);
    expect((await agent.request('GET', '/api/session')).json().user.firstName).toBe('Grace');
    await ctx.deps.db.execute(sql`delete from sessions where user_id = ${user.id}`);
    expect((await agent.request('GET', '/api/dashboard')).statusCode).toBe(401);
  });

  it('keeps the timeouts: a cached session idle for over 30 minutes is refused', async () => {
    const { agent } = await signedIn();
    expect((await agent.request('GET', '/api/dashboard')).statusCode).toBe(200);
    ctx.clock.advance(31 * 60_000);
    expect((await agent.request('GET', '/api/dashboard')).statusCode).toBe(401);
  });

  it('reads the database once per person and version, and again when the day changes', async () => {
    const { user, itemId, accountId } = await signedIn('Pacific/Auckland');
    const [row] = await rowsOf(ctx.deps.db, sql`select data_version from users where id = ${user.id}`);
    const person = { id: user.id, timeZone: 'Pacific/Auckland', dataVersion: Number(row!.data_version) };
    const cache = new DashboardCache();
    const counter = countingDb(ctx.database);
    let now = new Date('2026-03-31T10:00:00Z'); // 23:00 on the 31st in Auckland
    const deps = { db: counter.db, now: () => now };
    await addSpending(ctx.deps, itemId, accountId, '2026-03-31', 500);
    const first = JSON.parse(await dashboardJson(deps, cache, person));
    const reads = counter.statements();
    expect(reads).toBeGreaterThan(0);
    expect(JSON.parse(await dashboardJson(deps, cache, person))).toEqual(first);
    expect(counter.statements()).toBe(reads);
    expect(checking(first).budgetTracker.spentCents).toBe(500);
    now = new Date('2026-03-31T12:00:00Z'); // 01:00 on 1 April in Auckland: a new month, nothing spent yet
    expect(checking(JSON.parse(await dashboardJson(deps, cache, person))).budgetTracker.spentCents).toBe(0);
    expect(counter.statements()).toBeGreaterThan(reads);
  });
});
