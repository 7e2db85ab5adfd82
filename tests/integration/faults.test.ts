import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { PlaidClient } from '../../src/integrations/plaid/client.js';
import { ItemRateLimiter } from '../../src/integrations/plaid/rate-limiter.js';
import { SIMULATOR_CLIENT_ID, SIMULATOR_SECRET } from '../../src/integrations/plaid/simulator/server.js';
import { runRefresh } from '../../src/services/banking/refresh-item.js';
import { runDaily } from '../../src/services/daily.js';
import { Agent } from '../helpers/agent.js';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { institution, linkSandbox, waitFor } from '../helpers/banking.js';
import { rowsOf } from '../helpers/sql.js';

let ctx: TestContext;
/** The services with a Plaid client that neither retries nor waits on rate limits: these tests are about reactions. */
let deps: TestContext['deps'];
let agent: Agent;
let password: string;
const answers: string[] = [];

beforeAll(async () => {
  ctx = await createTestApp();
  ctx.simulator.switches.rateLimits = {};
  const plaid = new PlaidClient({ mode: 'simulated', basePath: ctx.simulator.url, clientId: SIMULATOR_CLIENT_ID, secret: SIMULATOR_SECRET, attempts: 1, limiter: new ItemRateLimiter({}) });
  deps = { ...ctx.deps, plaid };
  agent = new Agent(ctx.app);
  password = (await agent.signUp({ phone: '+14155550999' })).password;
}, 60_000);
afterAll(() => ctx.close());

async function dashboard() {
  const response = await agent.request('GET', '/api/dashboard');
  answers.push(response.body);
  expect(response.statusCode).toBe(200);
  return response.json() as { netWorth: { withoutLoansCents: number }; institutions: { id: string; health: string | null; status: string; error: { message: string } | null }[] };
}
const plaidItemIdOf = async (id: string) => String((await rowsOf(ctx.deps.db, sql`select plaid_item_id from items where id = ${id}`))[0]!.plaid_item_id);

describe('Plaid failing never takes the dashboard down', () => {
  it('keeps the last figures and says what is wrong, per institution, through 500s, 429s, timeouts, re-login and outages', async () => {
    const bank = await linkSandbox(agent, 'ins_109508');
    const figures = (await dashboard()).netWorth;
    const cases: [string, () => void, string][] = [
      ['500', () => ctx.simulator.switches.failNext('/accounts/balance/get', 'INTERNAL_SERVER_ERROR', 10), 'refresh_failed'],
      ['429', () => ctx.simulator.switches.failNext('/accounts/balance/get', 'RATE_LIMIT_EXCEEDED', 10), 'refresh_failed'],
      ['institution down', () => ctx.simulator.switches.failNext('/accounts/balance/get', 'INSTITUTION_DOWN', 10), 'institution_down'],
    ];
    for (const [name, breakIt, health] of cases) {
      breakIt();
      await runRefresh(deps, bank.id, { final: true });
      const seen = await dashboard();
      expect(seen.netWorth, name).toEqual(figures);
      expect(seen.institutions.find((i) => i.id === bank.id)?.health, name).toBe(health);
      ctx.simulator.switches.reset();
      ctx.simulator.switches.rateLimits = {};
    }
    // A Plaid that answers too slowly for the client's timeout.
    const impatient = new PlaidClient({ mode: 'simulated', basePath: ctx.simulator.url, clientId: SIMULATOR_CLIENT_ID, secret: SIMULATOR_SECRET, timeoutMs: 200, attempts: 1 });
    ctx.simulator.switches.setLatency('/accounts/balance/get', 1_000);
    await runRefresh({ ...deps, plaid: impatient }, bank.id, { final: true });
    ctx.simulator.switches.reset();
    ctx.simulator.switches.rateLimits = {};
    expect((await dashboard()).institutions[0]).toMatchObject({ health: 'refresh_failed', status: 'ready' });
    // The bank wants the person to sign in again.
    await ctx.deps.plaid.sandboxResetLogin(ctx.simulator.items.itemById(await plaidItemIdOf(bank.id))!.accessToken);
    await runRefresh(deps, bank.id, { final: true });
    const relogin = await dashboard();
    expect(relogin.institutions[0]).toMatchObject({ health: 'needs_relogin', error: { message: expect.stringMatching(/sign in again/) } });
    expect(relogin.netWorth).toEqual(figures);
  });

  it('while linking through an outage, shows the institution as down and keeps answering', async () => {
    ctx.simulator.switches.failNext('/item/public_token/exchange', 'INSTITUTION_DOWN', 1000);
    const token = await agent.request('POST', '/api/sandbox/public-tokens', { institutionId: 'ins_109511', username: 'user_good', password: 'pass_good' });
    const started = await agent.request('POST', '/api/institutions', { publicToken: token.json().publicToken, institutionId: 'ins_109511' });
    expect(started.statusCode).toBe(202);
    const id = started.json().institution.id;
    const seen = await waitFor(() => institution(agent, id), (i) => i.health === 'institution_down');
    expect(seen.status).toBe('linking');
    expect((await dashboard()).institutions.find((i) => i.id === id)).toMatchObject({ status: 'linking', health: 'institution_down' });
    ctx.simulator.switches.reset();
    ctx.simulator.switches.rateLimits = {};
    await agent.request('DELETE', `/api/institutions/${id}`);
  });

  it('refuses a webhook it cannot verify while Plaid is down, with a 401 and no harm', async () => {
    const body = JSON.stringify({ webhook_type: 'TRANSACTIONS', webhook_code: 'SYNC_UPDATES_AVAILABLE', item_id: 'x' });
    const header = `${Buffer.from(JSON.stringify({ alg: 'ES256', kid: 'a-key-never-seen', typ: 'JWT' })).toString('base64url')}.e30.c2ln`;
    ctx.simulator.switches.failNext('/webhook_verification_key/get', 'INTERNAL_SERVER_ERROR', 10);
    const response = await ctx.app.inject({ method: 'POST', url: '/api/plaid/webhook', payload: body, headers: { 'content-type': 'application/json', 'plaid-verification': header } });
    expect(response.statusCode).toBe(401);
    ctx.simulator.switches.reset();
    ctx.simulator.switches.rateLimits = {};
    await dashboard();
  });

  it('a daily job with one failing bank still refreshes the others', async () => {
    const other = new Agent(ctx.app);
    await other.signUp();
    const good = await linkSandbox(other, 'ins_109509');
    const bad = await linkSandbox(other, 'ins_109510');
    const before = (await institution(other, good.id)).refreshedAt;
    await ctx.deps.plaid.sandboxResetLogin(ctx.simulator.items.itemById(await plaidItemIdOf(bad.id))!.accessToken);
    ctx.clock.advance(1_000);
    await runDaily(deps, { resetDemo: false, asOf: new Date('2031-01-01T12:00:00Z') });
    expect((await institution(other, good.id)).refreshedAt).not.toBe(before);
    expect((await institution(other, bad.id)).health).toBe('needs_relogin');
  });
});

describe('two CashView processes on one Postgres', () => {
  it('share the daily job without doing any item twice', async () => {
    const owner = new Agent(ctx.app);
    await owner.signUp();
    const linked = [];
    for (const id of ['ins_109508', 'ins_109509', 'ins_109510', 'ins_109511', 'ins_109512', 'ins_43']) linked.push(await linkSandbox(owner, id));
    const plaidIds = await Promise.all(linked.map((l) => plaidItemIdOf(l.id)));
    const second = await openDatabase({ databaseUrl: ctx.database.url, migrate: false });
    const calls = new Map<string, number>();
    const countBefore = new Map(plaidIds.map((id) => [id, ctx.simulator.items.itemById(id)!.changes.length]));
    try {
      const asOf = new Date('2032-02-02T12:00:00Z');
      const spy = ctx.simulator.switches;
      const original = spy.countCall.bind(spy);
      spy.countCall = (endpoint, itemId, now) => {
        if (endpoint === '/accounts/balance/get') calls.set(itemId, (calls.get(itemId) ?? 0) + 1);
        return original(endpoint, itemId, now);
      };
      await Promise.all([
        runDaily(deps, { resetDemo: false, asOf, concurrency: 3 }),
        runDaily({ ...deps, db: second.db }, { resetDemo: false, asOf, concurrency: 3 }),
      ]);
      spy.countCall = original;
    } finally {
      await second.close();
    }
    for (const id of plaidIds) expect(calls.get(id), id).toBe(1);
    expect(countBefore.size).toBe(6);
  }, 90_000);
});

describe('secrets', () => {
  it('never appear in logs, error answers or, in clear, in a database dump', async () => {
    const secrets = [password, '4155550999', agent.cookies.get('cv_session')!];
    for (const item of ctx.simulator.items.allItems()) secrets.push(item.accessToken);
    expect(secrets.length).toBeGreaterThan(3);
    const logs = ctx.logs.join('\n');
    // Every row of every table, CashView's and the job queue's, as text.
    const tables = await rowsOf(ctx.deps.db, sql`select table_schema || '.' || table_name as name from information_schema.tables where table_schema in ('public', 'pgboss') and table_type = 'BASE TABLE'`);
    expect(tables.length).toBeGreaterThan(8);
    const dump = JSON.stringify(await Promise.all(tables.map((t) => rowsOf(ctx.deps.db, sql.raw(`select * from ${String(t.name)}`)))));
    for (const secret of secrets) {
      expect(logs.includes(secret), 'logs').toBe(false);
      expect(answers.some((a) => a.includes(secret)), 'answers').toBe(false);
      expect(dump.includes(secret), 'dump').toBe(false);
    }
    expect(dump).toMatch(/v1\.k1\./); // the sealed values are there, just not readable
  });
});
