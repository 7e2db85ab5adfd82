import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDaily } from '../../src/services/daily.js';
import { DEMO_USER, ensureDemo } from '../../src/services/demo/demo-user.js';
import { Agent } from '../helpers/agent.js';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { institution, linkSandbox, waitFor } from '../helpers/banking.js';
import { rowsOf } from '../helpers/sql.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

interface Account {
  id: string;
  name: string;
  mask: string | null;
  hidden: boolean;
  contribution: { withoutLoansCents: number; withLoansCents: number };
}
interface Dashboard {
  netWorth: { withoutLoansCents: number; withLoansCents: number };
  institutions: { id: string; totals: { withoutLoansCents: number; withLoansCents: number }; accounts: Account[] }[];
}

const dashboard = async (agent: Agent): Promise<Dashboard> => (await agent.request('GET', '/api/dashboard')).json();
const accountNamed = async (agent: Agent, name: string) => (await dashboard(agent)).institutions.flatMap((i) => i.accounts).find((a) => a.name === name);
const plaidItemIdOf = async (id: string) => String((await rowsOf(ctx.deps.db, sql`select plaid_item_id from items where id = ${id}`))[0]!.plaid_item_id);
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** Every account's contribution adds up to its institution's totals, and those to net worth. */
function expectRowsAddUp(view: Dashboard) {
  for (const inst of view.institutions) {
    expect(sum(inst.accounts.map((a) => a.contribution.withoutLoansCents))).toBe(inst.totals.withoutLoansCents);
    expect(sum(inst.accounts.map((a) => a.contribution.withLoansCents))).toBe(inst.totals.withLoansCents);
  }
  const accounts = view.institutions.flatMap((i) => i.accounts);
  expect(sum(accounts.map((a) => a.contribution.withoutLoansCents))).toBe(view.netWorth.withoutLoansCents);
  expect(sum(accounts.map((a) => a.contribution.withLoansCents))).toBe(view.netWorth.withLoansCents);
}

describe('a removed account stays removed', () => {
  it('through a refresh, the daily job and a NEW_ACCOUNTS_AVAILABLE webhook, transactions included', async () => {
    const agent = new Agent(ctx.app);
    await agent.signUp();
    const linked = await linkSandbox(agent, 'ins_109508');
    const checking = (await accountNamed(agent, 'Plaid Checking'))!;
    const marketBefore = (await accountNamed(agent, 'Plaid Money Market'))!;
    const before = await dashboard(agent);
    expect((await agent.request('DELETE', `/api/accounts/${marketBefore.id}`)).statusCode).toBe(204);
    expect((await agent.request('DELETE', `/api/accounts/${checking.id}`)).statusCode).toBe(204);
    const afterRemoval = await dashboard(agent);
    expect(afterRemoval.netWorth.withoutLoansCents).toBe(before.netWorth.withoutLoansCents - 4_320_000 - 10_000);

    const stillGone = async () => {
      const view = await dashboard(agent);
      const names = view.institutions.flatMap((i) => i.accounts).map((a) => a.name);
      expect(names).not.toContain('Plaid Money Market');
      expect(names).not.toContain('Plaid Checking');
      expect(view.netWorth).toEqual(afterRemoval.netWorth);
      const orphans = await rowsOf(ctx.deps.db, sql`select 1 from transactions t join accounts a on a.id = t.account_id where a.item_id = ${linked.id} and a.mask in ('0000', '4444')`);
      expect(orphans).toEqual([]);
    };

    expect((await agent.request('POST', `/api/institutions/${linked.id}/refresh`)).statusCode).toBe(202);
    await waitFor(() => institution(agent, linked.id), (i) => !i.refreshing);
    await stillGone();

    await runDaily(ctx.deps, { resetDemo: false });
    await stillGone();

    const simItem = ctx.simulator.items.itemById(await plaidItemIdOf(linked.id))!;
    const refreshedAt = (await institution(agent, linked.id)).refreshedAt;
    ctx.clock.advance(60_000); // so the webhook's refresh shows as a new "as of"
    await ctx.deps.plaid.sandboxFireWebhook(simItem.accessToken, 'NEW_ACCOUNTS_AVAILABLE');
    await waitFor(() => institution(agent, linked.id), (i) => i.refreshedAt !== refreshedAt && !i.refreshing);
    await stillGone();
    // Plaid still has both accounts: only CashView's memory of the removal keeps them out.
    expect((await ctx.deps.plaid.getAccounts(simItem.accessToken, { key: simItem.itemId, institutionId: null })).map((a) => a.name)).toContain('Plaid Money Market');
  }, 60_000);

  it('another person removing the same bank’s account changes nothing for this one', async () => {
    const first = new Agent(ctx.app);
    await first.signUp();
    await linkSandbox(first, 'ins_109511');
    const second = new Agent(ctx.app);
    await second.signUp();
    await linkSandbox(second, 'ins_109511');
    const market = (await accountNamed(first, 'Plaid Money Market'))!;
    expect((await first.request('DELETE', `/api/accounts/${market.id}`)).statusCode).toBe(204);
    expect(await accountNamed(second, 'Plaid Money Market')).toBeDefined();
  });
});

describe('hiding an account', () => {
  it('keeps it listed, moves every total by what it counted, and showing it moves them back', async () => {
    const agent = new Agent(ctx.app);
    await agent.signUp();
    const linked = await linkSandbox(agent, 'ins_109510');
    const before = await dashboard(agent);
    const card = (await accountNamed(agent, 'Plaid Credit Card'))!;
    const loan = (await accountNamed(agent, 'Plaid Mortgage'))!;
    expect(card.contribution).toEqual({ withoutLoansCents: -41_000, withLoansCents: -41_000 });
    expect(loan.contribution).toEqual({ withoutLoansCents: 0, withLoansCents: -5_630_206 });

    const hid = await agent.request('PATCH', `/api/accounts/${card.id}`, { hidden: true });
    expect(hid.statusCode, hid.body).toBe(200);
    expect(hid.json().account).toMatchObject({ id: card.id, hidden: true });
    expect((await agent.request('PATCH', `/api/accounts/${loan.id}`, { hidden: true })).statusCode).toBe(200);
    const hidden = await dashboard(agent);
    expect((await accountNamed(agent, 'Plaid Credit Card'))).toMatchObject({ hidden: true, contribution: { withoutLoansCents: 0, withLoansCents: 0 } });
    expect(hidden.netWorth).toEqual({ withoutLoansCents: before.netWorth.withoutLoansCents + 41_000, withLoansCents: before.netWorth.withLoansCents + 41_000 + 5_630_206 });
    expectRowsAddUp(hidden);

    // A refresh keeps it hidden.
    await agent.request('POST', `/api/institutions/${linked.id}/refresh`);
    await waitFor(() => institution(agent, linked.id), (i) => !i.refreshing);
    expect((await accountNamed(agent, 'Plaid Credit Card'))!.hidden).toBe(true);

    expect((await agent.request('PATCH', `/api/accounts/${card.id}`, { hidden: false })).statusCode).toBe(200);
    expect((await agent.request('PATCH', `/api/accounts/${loan.id}`, { hidden: false })).statusCode).toBe(200);
    expect((await dashboard(agent)).netWorth).toEqual(before.netWorth);
  });

  it('refuses bad input and another person’s account, changing nothing', async () => {
    const owner = new Agent(ctx.app);
    await owner.signUp();
    await linkSandbox(owner, 'ins_109512');
    const card = (await accountNamed(owner, 'Plaid Credit Card'))!;
    const bad = await owner.request('PATCH', `/api/accounts/${card.id}`, { hidden: 'yes' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('hidden');
    expect((await owner.request('PATCH', `/api/accounts/${card.id}`, { hidden: true, name: 'x' })).statusCode).toBe(400);
    const stranger = new Agent(ctx.app);
    await stranger.signUp();
    expect((await stranger.request('PATCH', `/api/accounts/${card.id}`, { hidden: true })).statusCode).toBe(404);
    expect((await accountNamed(owner, 'Plaid Credit Card'))!.hidden).toBe(false);
  });
});

describe('the demo’s figures add up', () => {
  it('every account’s contribution sums to the institution totals and to net worth, to the cent', async () => {
    await ensureDemo(ctx.deps);
    const agent = new Agent(ctx.app);
    expect((await agent.signIn(DEMO_USER.username, DEMO_USER.password)).statusCode).toBe(200);
    const view = await dashboard(agent);
    expect(view.institutions.flatMap((i) => i.accounts)).toHaveLength(9);
    expectRowsAddUp(view);
    expect(view.netWorth.withoutLoansCents).toBe(10_000 + 20_000 + 100_000 - 41_000 + 4_320_000 + 32_076 + 2_363_198);
  });
});
