import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from '../../helpers/agent.js';
import { createTestApp, type TestContext } from '../../helpers/app.js';
import { linkSandbox } from '../../helpers/banking.js';
import { rowsOf } from '../../helpers/sql.js';

// Walks every route Fastify registered (not a hand-kept list): a route added tomorrow is walked too.
let ctx: TestContext;
let owner: Agent;
let stranger: Agent;
let ids: { institution: string; account: string; transaction: string };

beforeAll(async () => {
  ctx = await createTestApp();
  owner = new Agent(ctx.app);
  const me = await owner.signUp();
  const linked = await linkSandbox(owner, 'ins_109508');
  const [checking] = await rowsOf(ctx.deps.db, sql`select id from accounts where item_id = ${linked.id} and mask = '0000'`);
  const [transaction] = await rowsOf(ctx.deps.db, sql`select id from transactions where item_id = ${linked.id} limit 1`);
  ids = { institution: linked.id, account: String(checking!.id), transaction: String(transaction!.id) };
  await owner.request('POST', `/api/accounts/${ids.account}/budget-tracker`, { thresholdCents: 5000, frequencyDays: 3 });
  stranger = new Agent(ctx.app);
  await stranger.signUp();
  await linkSandbox(stranger, 'ins_109509');
  expect(me.id).toBeDefined();
}, 60_000);
afterAll(() => ctx.close());

/** Routes with their own proof of the caller (Plaid's signature, the operator's secret) or none needed (the API viewer). */
const SELF_GUARDED = ['/api/plaid/webhook', '/api/internal/', '/api/docs'];
const apiRoutes = () => ctx.app.registeredRoutes.filter((r) => r.url.startsWith('/api/') && !SELF_GUARDED.some((p) => r.url.startsWith(p)));

/** A valid body for each route that takes one, so a refusal can only be about who is asking. */
const SAMPLE_BODIES: Record<string, () => unknown> = {
  'POST /api/link-tokens': () => ({ institutionId: ids.institution }),
  'POST /api/sandbox/public-tokens': () => ({ institutionId: 'ins_109510', username: 'user_good', password: 'pass_good' }),
  'POST /api/institutions': () => ({ publicToken: 'public-sandbox-00000000-0000-4000-8000-000000000000' }),
  'POST /api/institutions/:id/relogin': () => ({ username: 'user_good', password: 'pass_good' }),
  'POST /api/accounts/:id/budget-tracker': () => ({ thresholdCents: 1000, frequencyDays: 2 }),
  'PATCH /api/accounts/:id/budget-tracker': () => ({ thresholdCents: 1000 }),
  'PATCH /api/accounts/:id': () => ({ hidden: true }),
  'POST /api/notifications/read': () => ({}),
  'PATCH /api/transactions/:id': () => ({ category: 'TRAVEL', excludedFromBudgets: true }),
  'PUT /api/alerts/settings': () => ({
    channels: { sms: { enabled: true }, email: { address: 'walker@example.com', enabled: true }, webhook: { url: null, enabled: true } },
    kinds: { budgetSummary: { channels: ['sms'] }, budgetThreshold: { channels: [] }, connection: { channels: ['email'] }, largeTransaction: { channels: [], amountCents: null }, lowBalance: { channels: [], amountCents: null } },
    quietHours: null,
  }),
  'POST /api/alerts/channels/:channel/verify': () => ({}),
  'PATCH /api/users/me': () => ({ currentPassword: 'correct horse battery', firstName: 'Changed' }),
  'DELETE /api/users/me': () => ({ currentPassword: 'correct horse battery' }),
  'POST /api/users': () => ({ username: 'walker_x', password: 'a long and private phrase', firstName: 'W', lastName: 'K', phone: '+14155550100', profileType: 'sandbox' }),
  'POST /api/session': () => ({ username: 'nobody', password: 'whatever123' }),
};

function fill(url: string): string {
  if (url.includes(':day')) return url.replace(':day', new Date().toISOString().slice(0, 10));
  if (url.includes(':channel')) return url.replace(':channel', 'sms');
  if (!url.includes(':id')) return url;
  if (url.startsWith('/api/transactions/:id')) return url.replace(':id', ids.transaction);
  if (url.startsWith('/api/institutions/:id')) return url.replace(':id', ids.institution);
  if (url.startsWith('/api/accounts/:id')) return url.replace(':id', ids.account);
  throw new Error(`The walk does not know whose id ${url} takes: teach fill() about it.`);
}

const bodyFor = (method: string, url: string) => {
  const key = `${method} ${url}`;
  const route = ctx.app.registeredRoutes.find((r) => r.method === method && r.url === url)!;
  if (route.schema?.body && !SAMPLE_BODIES[key]) throw new Error(`No sample body for ${key}: add one to SAMPLE_BODIES.`);
  return SAMPLE_BODIES[key]?.();
};

const ownerState = async () =>
  JSON.stringify([
    await rowsOf(ctx.deps.db, sql`select id, name, status, health, refreshing, access_token_sealed from items where user_id = (select user_id from items where id = ${ids.institution}) order by id`),
    await rowsOf(ctx.deps.db, sql`select id, available_cents, current_cents, hidden from accounts where item_id = ${ids.institution} order by id`),
    await rowsOf(ctx.deps.db, sql`select account_id, threshold_cents, frequency_days, next_notification_on from budget_trackers where account_id = ${ids.account}`),
    await rowsOf(ctx.deps.db, sql`select count(*)::int, count(category_override)::int, count(*) filter (where excluded_from_budgets)::int from transactions where item_id = ${ids.institution}`),
  ]);

describe('the access-control walk over every registered route', () => {
  it('finds the routes it must walk', () => {
    const walked = apiRoutes().map((r) => `${r.method} ${r.url}`);
    expect(walked).toEqual(expect.arrayContaining(['GET /api/dashboard', 'DELETE /api/institutions/:id', 'POST /api/accounts/:id/budget-tracker', 'GET /api/notifications']));
    expect(walked.length).toBeGreaterThanOrEqual(20);
  });

  it('answers 401 to every private route without a session', async () => {
    const anonymous = new Agent(ctx.app);
    await anonymous.refresh();
    for (const route of apiRoutes().filter((r) => !r.public)) {
      const response = await anonymous.request(route.method as 'GET', fill(route.url), bodyFor(route.method, route.url));
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(response.json().error.code).toBe('UNAUTHORIZED');
    }
  });

  it('answers 403 to every unsafe request without the CSRF token', async () => {
    for (const route of apiRoutes().filter((r) => r.method !== 'GET' && r.csrf)) {
      const response = await stranger.request(route.method as 'POST', fill(route.url), bodyFor(route.method, route.url), { csrf: false });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
    }
  });

  it('answers 404 to every route given another person’s ids, and changes nothing', async () => {
    const before = await ownerState();
    const withIds = apiRoutes().filter((r) => r.url.includes(':id') || r.url === '/api/link-tokens');
    expect(withIds.length).toBeGreaterThanOrEqual(8);
    for (const route of withIds) {
      const response = await stranger.request(route.method as 'POST', fill(route.url), bodyFor(route.method, route.url));
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(404);
      expect(response.json().error.message).not.toContain(ids.institution);
    }
    // Ids in a query: the owner's account or institution is not the stranger's to filter by.
    for (const url of [`/api/transactions?accountId=${ids.account}`, `/api/transactions?institutionId=${ids.institution}`]) {
      expect((await stranger.request('GET', url)).statusCode, url).toBe(404);
    }
    expect(await ownerState()).toBe(before);
    for (const url of ['/api/transactions', '/api/export/transactions.csv', '/api/export/all.json', '/api/spending', '/api/net-worth/history']) {
      const body = (await stranger.request('GET', url)).body;
      expect(body, url).not.toContain(ids.transaction);
      expect(body, url).not.toContain(ids.account);
    }
    const theirs = JSON.stringify((await stranger.request('GET', '/api/dashboard')).json());
    expect(theirs).not.toContain(ids.institution);
    expect(theirs).not.toContain(ids.account);
  });
});
