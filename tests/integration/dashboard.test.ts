import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDashboard } from '../../src/services/dashboard.js';
import { Agent } from '../helpers/agent.js';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { linkSandbox } from '../helpers/banking.js';
import { countingDb } from '../helpers/sql.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

// The canonical sandbox item (plaid.md), by product.md's rules.
const WITHOUT_LOANS = 10000 + 20000 + 100000 - 41000 + 4320000 + 32076 + 2363198;
const WITH_LOANS = WITHOUT_LOANS - 6526200 - 5630206;

describe('GET /api/dashboard', () => {
  it('answers an empty dashboard for someone with nothing linked', async () => {
    const agent = new Agent(ctx.app);
    await agent.signUp();
    const response = await agent.request('GET', '/api/dashboard');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ netWorth: { withoutLoansCents: 0, withLoansCents: 0 }, breakdown: [], institutions: [] });
  });

  it('gives net worth both ways, per-institution totals and the breakdown, to the cent', async () => {
    const agent = new Agent(ctx.app);
    await agent.signUp();
    const first = await linkSandbox(agent, 'ins_109508');
    const dashboard = (await agent.request('GET', '/api/dashboard')).json();
    expect(dashboard.netWorth).toEqual({ withoutLoansCents: WITHOUT_LOANS, withLoansCents: WITH_LOANS });
    expect(dashboard.breakdown).toEqual([{ institutionId: first.id, name: 'First Platypus Bank', amountCents: WITHOUT_LOANS, share: 1 }]);
    const [institution] = dashboard.institutions;
    expect(institution).toMatchObject({ id: first.id, name: 'First Platypus Bank', status: 'ready', totals: { withoutLoansCents: WITHOUT_LOANS, withLoansCents: WITH_LOANS } });
    expect(institution.accounts).toHaveLength(9);
    const checking = institution.accounts.find((a: { mask: string }) => a.mask === '0000');
    expect(checking).toMatchObject({ type: 'depository', subtype: 'checking', availableCents: 10000, currentCents: 11000, budgetTrackable: true, budgetTracker: null });
    expect(institution.accounts.find((a: { mask: string }) => a.mask === '1111').budgetTrackable).toBe(false);

    await linkSandbox(agent, 'ins_109509');
    const two = (await agent.request('GET', '/api/dashboard')).json();
    expect(two.netWorth).toEqual({ withoutLoansCents: 2 * WITHOUT_LOANS, withLoansCents: 2 * WITH_LOANS });
    expect(two.breakdown.map((s: { share: number }) => s.share)).toEqual([0.5, 0.5]);
  });

  it('issues the same number of SQL statements for one institution as for three', async () => {
    const small = new Agent(ctx.app);
    const a = await small.signUp();
    await linkSandbox(small, 'ins_109508');
    const large = new Agent(ctx.app);
    const b = await large.signUp();
    for (const id of ['ins_109508', 'ins_109509', 'ins_109510']) await linkSandbox(large, id);
    const counter = countingDb(ctx.database);
    const one = await getDashboard({ db: counter.db, now: () => new Date() }, { id: a.id, timeZone: 'UTC' });
    const afterOne = counter.statements();
    const three = await getDashboard({ db: counter.db, now: () => new Date() }, { id: b.id, timeZone: 'UTC' });
    expect(one.institutions).toHaveLength(1);
    expect(three.institutions).toHaveLength(3);
    expect(counter.statements() - afterOne).toBe(afterOne);
    expect(afterOne).toBeLessThanOrEqual(4);
  });
});
