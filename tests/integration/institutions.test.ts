import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRevocations } from '../../src/services/banking/remove-item.js';
import { Agent } from '../helpers/agent.js';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { institution, linkSandbox, waitFor } from '../helpers/banking.js';
import { rowsOf } from '../helpers/sql.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const accountsOf = (itemId: string) =>
  rowsOf(ctx.deps.db, sql`select name, mask, type, subtype, available_cents, current_cents, limit_cents from accounts where item_id = ${itemId} order by mask`);
const countItems = async (userId: string) => Number((await rowsOf(ctx.deps.db, sql`select count(*)::int as n from items where user_id = ${userId}`))[0]!.n);
const plaidItemIdOf = async (id: string) => String((await rowsOf(ctx.deps.db, sql`select plaid_item_id from items where id = ${id}`))[0]!.plaid_item_id);

describe('linking an institution', () => {
  it('links First Platypus Bank with user_good and stores its nine accounts to the cent', async () => {
    const agent = new Agent(ctx.app);
    await agent.signUp();
    const list = await agent.request('GET', '/api/sandbox/institutions');
    expect(list.json()).toContainEqual({ id: 'ins_109508', name: 'First Platypus Bank' });
    const linked = await linkSandbox(agent);
    expect(linked).toMatchObject({ status: 'ready', name: 'First Platypus Bank', health: null, error: null });
    expect(linked.refreshedAt).not.toBeNull();
    const n = (v: number | null) => (v === null ? null : String(v));
    expect((await accountsOf(linked.id)).map((a) => [a.name, a.mask, a.type, a.subtype, a.available_cents, a.current_cents, a.limit_cents].map((x) => (typeof x === 'number' ? n(x) : x)))).toEqual([
      ['Plaid Checking', '0000', 'depository', 'checking', '10000', '11000', null],
      ['Plaid Saving', '1111', 'depository', 'savings', '20000', '21000', null],
      ['Plaid CD', '2222', 'depository', 'cd', null, '100000', null],
      ['Plaid Credit Card', '3333', 'credit', 'credit card', null, '41000', '200000'],
      ['Plaid Money Market', '4444', 'depository', 'money market', '4320000', '4320000', null],
      ['Plaid IRA', '5555', 'investment', 'ira', null, '32076', null],
      ['Plaid 401k', '6666', 'investment', '401k', null, '2363198', null],
      ['Plaid Student Loan', '7777', 'loan', 'student', null, '6526200', null],
      ['Plaid Mortgage', '8888', 'loan', 'mortgage', null, '5630206', null],
    ]);
    const [txns] = await rowsOf(ctx.deps.db, sql`select count(*)::int as n from transactions where item_id = ${linked.id}`);
    const simItem = ctx.simulator.items.itemById(await plaidItemIdOf(linked.id))!;
    expect(txns!.n).toBe(simItem.live.size);
  });

  it.each([
    ['error_INVALID_CREDENTIALS', 400, /username or password is wrong/],
    ['error_ITEM_LOCKED', 400, /locked/],
    ['error_INSTITUTION_DOWN', 503, /not responding/],
    ['error_INTERNAL_SERVER_ERROR', 503, /could not be reached/],
    ['error_NO_ACCOUNTS', 400, /No supported accounts/],
  ])('with password %s ends in a clear message and stores nothing', async (password, status, message) => {
    const agent = new Agent(ctx.app);
    const me = await agent.signUp();
    const response = await agent.request('POST', '/api/sandbox/public-tokens', { institutionId: 'ins_109508', username: 'user_good', password });
    expect(response.statusCode).toBe(status);
    expect(response.json().error.message).toMatch(message);
    expect(await countItems(me.id)).toBe(0);
  });

  it('asks for the device code of mfa_device and accepts 1234', async () => {
    const agent = new Agent(ctx.app);
    await agent.signUp();
    const ask = { institutionId: 'ins_109511', username: 'mfa_device', password: 'pass_good' };
    const first = await agent.request('POST', '/api/sandbox/public-tokens', ask);
    expect(first.statusCode).toBe(400);
    expect(first.json().error).toMatchObject({ code: 'MFA_REQUIRED', fields: { mfaCode: 'is required' } });
    const wrong = await agent.request('POST', '/api/sandbox/public-tokens', { ...ask, mfaCode: '0000' });
    expect(wrong.json().error.code).toBe('MFA_INCORRECT');
    const right = await agent.request('POST', '/api/sandbox/public-tokens', { ...ask, mfaCode: '1234' });
    expect(right.statusCode).toBe(200);
  });

  it('retries PRODUCT_NOT_READY and then succeeds', async () => {
    const agent = new Agent(ctx.app);
    await agent.signUp();
    ctx.simulator.switches.failNext('/transactions/sync', 'PRODUCT_NOT_READY', 2);
    const linked = await linkSandbox(agent, 'ins_109509');
    expect(linked.status).toBe('ready');
    expect(linked.error).toBeNull();
  });

  it('restarts the transactions sync when data changes during pagination, missing nothing', async () => {
    const agent = new Agent(ctx.app);
    await agent.signUp();
    ctx.simulator.switches.mutationsDuringPagination = 1;
    const linked = await linkSandbox(agent, 'ins_109510');
    expect(linked.status).toBe('ready');
    expect(ctx.simulator.switches.mutationsDuringPagination).toBe(0);
    const [txns] = await rowsOf(ctx.deps.db, sql`select count(*)::int as n from transactions where item_id = ${linked.id}`);
    expect(txns!.n).toBe(ctx.simulator.items.itemById(await plaidItemIdOf(linked.id))!.live.size);
  });

  it('refuses the same institution twice: 409 up front, or an error on the second copy', async () => {
    const agent = new Agent(ctx.app);
    const me = await agent.signUp();
    await linkSandbox(agent, 'ins_109508');
    const token = await agent.request('POST', '/api/sandbox/public-tokens', { institutionId: 'ins_109508', username: 'user_good', password: 'pass_good' });
    const again = await agent.request('POST', '/api/institutions', { publicToken: token.json().publicToken, institutionId: 'ins_109508' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('INSTITUTION_ALREADY_LINKED');
    const unhinted = await linkSandbox(agent, 'ins_109508', 'pass_good', { hint: false });
    expect(unhinted).toMatchObject({ status: 'error', error: { code: 'INSTITUTION_ALREADY_LINKED' } });
    expect(await countItems(me.id)).toBe(2);
  });
});

describe('refreshing, deleting, and what Plaid says later', () => {
  it('refresh updates balances in the background', async () => {
    const agent = new Agent(ctx.app);
    await agent.signUp();
    const linked = await linkSandbox(agent, 'ins_109511');
    const simItem = ctx.simulator.items.itemById(await plaidItemIdOf(linked.id))!;
    simItem.accounts[0]!.available = 150.25;
    const response = await agent.request('POST', `/api/institutions/${linked.id}/refresh`);
    expect(response.statusCode).toBe(202);
    expect(response.json().institution.refreshing).toBe(true);
    await waitFor(() => institution(agent, linked.id), (i) => !i.refreshing);
    const [checking] = await rowsOf(ctx.deps.db, sql`select available_cents from accounts where item_id = ${linked.id} and mask = '0000'`);
    expect(Number(checking!.available_cents)).toBe(15025);
  });

  it('a refresh that finds the bank down keeps the figures and says so', async () => {
    const agent = new Agent(ctx.app);
    await agent.signUp();
    const linked = await linkSandbox(agent, 'ins_109512');
    ctx.simulator.switches.failNext('/accounts/balance/get', 'INSTITUTION_DOWN', 20);
    await agent.request('POST', `/api/institutions/${linked.id}/refresh`);
    const after = await waitFor(() => institution(agent, linked.id), (i) => i.health === 'institution_down');
    expect(after.status).toBe('ready');
    expect(after.error?.message).toMatch(/not responding/);
    expect((await accountsOf(linked.id)).length).toBe(9);
  });

  it('deletes at once even with Plaid down, and revokes the item later', async () => {
    const agent = new Agent(ctx.app);
    await agent.signUp();
    const linked = await linkSandbox(agent, 'ins_43');
    const plaidItemId = await plaidItemIdOf(linked.id);
    ctx.simulator.switches.failNext('/item/remove', 'INTERNAL_SERVER_ERROR', 1000);
    const response = await agent.request('DELETE', `/api/institutions/${linked.id}`);
    expect(response.statusCode).toBe(204);
    expect((await agent.request('GET', `/api/institutions/${linked.id}`)).statusCode).toBe(404);
    expect(await accountsOf(linked.id)).toEqual([]);
    await waitFor(() => rowsOf(ctx.deps.db, sql`select attempts from plaid_revocations where plaid_item_id = ${plaidItemId}`), (rows) => Number(rows[0]?.attempts) >= 1);
    expect(ctx.simulator.items.itemById(plaidItemId)!.state).toBe('good');

    ctx.simulator.switches.reset();
    await ctx.deps.db.execute(sql`update plaid_revocations set next_attempt_at = ${ctx.clock.now} where plaid_item_id = ${plaidItemId}`);
    await runRevocations(ctx.deps);
    expect(ctx.simulator.items.itemById(plaidItemId)!.state).toBe('removed');
    expect(await rowsOf(ctx.deps.db, sql`select 1 from plaid_revocations where plaid_item_id = ${plaidItemId}`)).toEqual([]);
  });

  it('deleting one account removes it and its transactions only', async () => {
    const agent = new Agent(ctx.app);
    await agent.signUp();
    const linked = await linkSandbox(agent, 'ins_109508');
    const [checking] = await rowsOf(ctx.deps.db, sql`select id from accounts where item_id = ${linked.id} and mask = '0000'`);
    expect((await agent.request('DELETE', `/api/accounts/${checking!.id}`)).statusCode).toBe(204);
    expect((await accountsOf(linked.id)).map((a) => a.mask)).not.toContain('0000');
    expect(await rowsOf(ctx.deps.db, sql`select 1 from transactions where account_id = ${checking!.id}`)).toEqual([]);
    expect((await agent.request('DELETE', `/api/accounts/${checking!.id}`)).statusCode).toBe(404);
  });

  it('deleting the profile revokes every item it linked', async () => {
    const agent = new Agent(ctx.app);
    const me = await agent.signUp();
    const first = await linkSandbox(agent, 'ins_109508');
    const second = await linkSandbox(agent, 'ins_109509');
    const ids = [await plaidItemIdOf(first.id), await plaidItemIdOf(second.id)];
    expect((await agent.request('DELETE', '/api/users/me', { currentPassword: me.password })).statusCode).toBe(204);
    await waitFor(async () => ids.map((id) => ctx.simulator.items.itemById(id)!.state), (states) => states.every((s) => s === 'removed'));
    expect(await rowsOf(ctx.deps.db, sql`select 1 from items where user_id = ${me.id}`)).toEqual([]);
  });

  it('webhooks: unsigned and forged ones are refused; a login error shows, and signing in again repairs it', async () => {
    const agent = new Agent(ctx.app);
    await agent.signUp();
    const linked = await linkSandbox(agent, 'ins_109508');
    const plaidItemId = await plaidItemIdOf(linked.id);
    const body = JSON.stringify({ webhook_type: 'ITEM', webhook_code: 'ERROR', item_id: plaidItemId, error: { error_code: 'ITEM_LOGIN_REQUIRED' } });
    const unsigned = await ctx.app.inject({ method: 'POST', url: '/api/plaid/webhook', payload: body, headers: { 'content-type': 'application/json' } });
    expect(unsigned.statusCode).toBe(401);
    const signedOther = ctx.simulator.signer.sign('{"something":"else"}');
    const forged = await ctx.app.inject({ method: 'POST', url: '/api/plaid/webhook', payload: body, headers: { 'content-type': 'application/json', 'plaid-verification': signedOther } });
    expect(forged.statusCode).toBe(401);
    const stale = ctx.simulator.signer.sign(body, { iat: Math.floor(Date.now() / 1000) - 600 });
    expect((await ctx.app.inject({ method: 'POST', url: '/api/plaid/webhook', payload: body, headers: { 'content-type': 'application/json', 'plaid-verification': stale } })).statusCode).toBe(401);
    expect((await institution(agent, linked.id)).health).toBeNull();

    const simItem = ctx.simulator.items.itemById(plaidItemId)!;
    await ctx.deps.plaid.sandboxResetLogin(simItem.accessToken);
    const broken = await waitFor(() => institution(agent, linked.id), (i) => i.health === 'needs_relogin');
    expect(broken.error?.message).toMatch(/sign in again/);
    const wrong = await agent.request('POST', `/api/institutions/${linked.id}/relogin`, { username: 'user_good', password: 'nope' });
    expect(wrong.statusCode).toBe(400);
    const repaired = await agent.request('POST', `/api/institutions/${linked.id}/relogin`, { username: 'user_good', password: 'pass_good' });
    expect(repaired.statusCode).toBe(202);
    const healthy = await waitFor(() => institution(agent, linked.id), (i) => i.health === null && !i.refreshing);
    expect(healthy.status).toBe('ready');
  });

  it('SYNC_UPDATES_AVAILABLE brings posted transactions in place of pending ones, without duplicates', async () => {
    const agent = new Agent(ctx.app);
    await agent.signUp();
    const linked = await linkSandbox(agent, 'ins_109509');
    const plaidItemId = await plaidItemIdOf(linked.id);
    const pendingBefore = await rowsOf(ctx.deps.db, sql`select plaid_transaction_id from transactions where item_id = ${linked.id} and pending`);
    expect(pendingBefore.length).toBeGreaterThan(0);
    const simItem = ctx.simulator.items.itemById(plaidItemId)!;
    await ctx.deps.plaid.sandboxFireWebhook(simItem.accessToken, 'SYNC_UPDATES_AVAILABLE');
    await waitFor(() => rowsOf(ctx.deps.db, sql`select 1 from transactions where item_id = ${linked.id} and pending`), (rows) => rows.length === 0);
    const posted = await rowsOf(ctx.deps.db, sql`select pending_transaction_id from transactions where item_id = ${linked.id} and pending_transaction_id is not null`);
    expect(posted.map((r) => r.pending_transaction_id).sort()).toEqual(pendingBefore.map((r) => r.plaid_transaction_id).sort());
    const [count] = await rowsOf(ctx.deps.db, sql`select count(*)::int as n from transactions where item_id = ${linked.id}`);
    expect(count!.n).toBe(simItem.live.size);
  });
});

describe('secrets and other people', () => {
  it('keeps no access token in clear anywhere in the database', async () => {
    const agent = new Agent(ctx.app);
    await agent.signUp();
    await linkSandbox(agent, 'ins_109508');
    const tables = await rowsOf(ctx.deps.db, sql`select table_schema || '.' || table_name as t from information_schema.tables where table_schema in ('public', 'pgboss') and table_type = 'BASE TABLE'`);
    for (const { t } of tables) {
      const rows = await rowsOf(ctx.deps.db, sql.raw(`select * from ${t}`));
      expect(JSON.stringify(rows), String(t)).not.toMatch(/access-sandbox-|public-sandbox-/);
    }
  });

  it('answers 404 to another person’s institution and account ids on every route, changing nothing', async () => {
    const owner = new Agent(ctx.app);
    await owner.signUp();
    const linked = await linkSandbox(owner, 'ins_109508');
    const [account] = await rowsOf(ctx.deps.db, sql`select id from accounts where item_id = ${linked.id} limit 1`);
    const stranger = new Agent(ctx.app);
    await stranger.signUp();
    const attempts = [
      stranger.request('GET', `/api/institutions/${linked.id}`),
      stranger.request('POST', `/api/institutions/${linked.id}/refresh`),
      stranger.request('POST', `/api/institutions/${linked.id}/relogin`, { username: 'user_good', password: 'pass_good' }),
      stranger.request('DELETE', `/api/institutions/${linked.id}`),
      stranger.request('DELETE', `/api/accounts/${account!.id}`),
      stranger.request('POST', '/api/link-tokens', { institutionId: linked.id }),
    ];
    for (const response of await Promise.all(attempts)) expect(response.statusCode).toBe(404);
    expect((await institution(owner, linked.id)).status).toBe('ready');
    expect((await accountsOf(linked.id)).length).toBe(9);
  });

  it('answers at once while Plaid takes seconds: link, refresh and delete never wait on it', async () => {
    const agent = new Agent(ctx.app);
    await agent.signUp();
    const linked = await linkSandbox(agent, 'ins_109512');
    const token = await agent.request('POST', '/api/sandbox/public-tokens', { institutionId: 'ins_109511', username: 'user_good', password: 'pass_good' });
    ctx.simulator.switches.setLatency('*', 5_000);
    try {
      const started = Date.now();
      const link = await agent.request('POST', '/api/institutions', { publicToken: token.json().publicToken });
      const refresh = await agent.request('POST', `/api/institutions/${linked.id}/refresh`);
      const remove = await agent.request('DELETE', `/api/institutions/${linked.id}`);
      // Each would take 5 s if it waited on Plaid even once.
      expect(Date.now() - started).toBeLessThan(4_000);
      expect([link.statusCode, refresh.statusCode, remove.statusCode]).toEqual([202, 202, 204]);
    } finally {
      ctx.simulator.switches.setLatency('*', 0);
    }
  });
});
