import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { Agent } from '../../helpers/agent.js';
import { createTestApp, type TestContext } from '../../helpers/app.js';
import { linkSandbox, waitFor } from '../../helpers/banking.js';
import { rowsOf } from '../../helpers/sql.js';

// For every route with a body or path parameters: a corpus generated from its own zod schema.
// What the schema refuses must get a 4xx in the one error shape and change nothing; what it
// accepts (hostile but valid: markup or SQL in a name) must at least never get a 5xx.
let ctx: TestContext;
let walker: Agent;
let mine: { institution: string; account: string; transaction: string };

beforeAll(async () => {
  ctx = await createTestApp({ SIGN_IN_ATTEMPTS_PER_HOUR: '100000', SIGN_UPS_PER_HOUR: '100000' });
  walker = new Agent(ctx.app);
  await walker.signUp({ password: 'walker secret phrase' });
  const linked = await linkSandbox(walker, 'ins_109508');
  const [card] = await rowsOf(ctx.deps.db, sql`select id from accounts where item_id = ${linked.id} and mask = '3333'`);
  const [transaction] = await rowsOf(ctx.deps.db, sql`select id from transactions where item_id = ${linked.id} limit 1`);
  mine = { institution: linked.id, account: String(card!.id), transaction: String(transaction!.id) };
  await walker.request('POST', `/api/accounts/${mine.account}/budget-tracker`, { thresholdCents: 5000, frequencyDays: 3 });
}, 60_000);
afterAll(() => ctx.close());

const SELF_GUARDED = ['/api/plaid/webhook', '/api/internal/', '/api/docs'];
const routes = () => ctx.app.registeredRoutes.filter((r) => r.url.startsWith('/api/') && !SELF_GUARDED.some((p) => r.url.startsWith(p)));
const fill = (url: string) =>
  url
    .replace(':day', new Date().toISOString().slice(0, 10))
    .replace(':channel', 'email')
    .replace(':id', url.startsWith('/api/institutions') ? mine.institution : url.startsWith('/api/transactions') ? mine.transaction : mine.account);

/** A valid body per route, the starting point every mutation is made from. */
const BASE: Record<string, () => Record<string, unknown>> = {
  'POST /api/users': () => ({ username: `walk_${Math.random().toString(36).slice(2, 10)}`, password: 'a long and private phrase', firstName: 'W', lastName: 'K', phone: '+14155550100', profileType: 'sandbox' }),
  'POST /api/session': () => ({ username: 'nobody_here', password: 'whatever123' }),
  'PATCH /api/users/me': () => ({ currentPassword: 'not the password', firstName: 'Changed' }),
  'DELETE /api/users/me': () => ({ currentPassword: 'not the password' }),
  'POST /api/link-tokens': () => ({}),
  'POST /api/sandbox/public-tokens': () => ({ institutionId: 'ins_109510', username: 'user_good', password: 'wrong' }),
  'POST /api/institutions': () => ({ publicToken: 'public-sandbox-00000000-0000-4000-8000-000000000000', institutionId: 'ins_109508' }),
  'POST /api/institutions/:id/relogin': () => ({ username: 'user_good', password: 'wrong' }),
  'POST /api/accounts/:id/budget-tracker': () => ({ thresholdCents: 1000, frequencyDays: 2 }),
  'PATCH /api/accounts/:id/budget-tracker': () => ({ thresholdCents: 1000, frequencyDays: 2 }),
  'PATCH /api/accounts/:id': () => ({ hidden: false }),
  'POST /api/notifications/read': () => ({}),
  'PATCH /api/transactions/:id': () => ({ category: 'TRAVEL', excludedFromBudgets: false }),
  'PUT /api/alerts/settings': () => ({
    channels: { sms: { enabled: true }, email: { address: 'walker@example.com', enabled: true }, webhook: { url: 'https://hooks.example.com/cashview', enabled: true } },
    kinds: { budgetSummary: { channels: ['sms'] }, budgetThreshold: { channels: ['email'] }, connection: { channels: [] }, largeTransaction: { channels: ['webhook'], amountCents: 10_000 }, lowBalance: { channels: [], amountCents: null } },
    quietHours: { from: '22:00', to: '07:00' },
  }),
  'POST /api/alerts/channels/:channel/verify': () => ({ code: '123456' }),
};

const HOSTILE: unknown[] = [
  null, true, 42, -1, 0, 0.5, 1e15, '', ' ', 'x'.repeat(5_000), '\u0000\u0007\u001b', '<img src=x onerror=alert(1)>',
  "' OR 1=1; DROP TABLE users; --", [], {}, '2026-13-45', '0000-00-00', 'NaN', 'Infinity', '１２３', '\ud800',
];

function mutations(base: Record<string, unknown>): { label: string; body: unknown }[] {
  const out: { label: string; body: unknown }[] = [];
  for (const key of Object.keys(base)) {
    const { [key]: _gone, ...without } = base;
    out.push({ label: `${key} missing`, body: without });
    for (const value of HOSTILE) out.push({ label: `${key} = ${JSON.stringify(value)?.slice(0, 30)}`, body: { ...base, [key]: value } });
  }
  out.push({ label: 'an unknown extra field', body: { ...base, isAdmin: true } });
  for (const whole of [[], 'text', 42, null]) out.push({ label: `the body is ${JSON.stringify(whole)}`, body: whole });
  return out;
}

/** A fingerprint of everything in CashView's own tables. */
async function state(): Promise<string> {
  const tables = ['users', 'items', 'accounts', 'removed_accounts', 'transactions', 'balance_history', 'budget_trackers', 'notifications', 'plaid_revocations', 'alert_settings'];
  const parts = [];
  for (const table of tables) parts.push((await rowsOf(ctx.deps.db, sql.raw(`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from ${table} t`)))[0]!.h);
  parts.push((await rowsOf(ctx.deps.db, sql`select count(*)::int as n from sessions`))[0]!.n);
  return parts.join(',');
}

function expectErrorShape(response: { statusCode: number; json(): { error?: { code?: unknown; message?: unknown } } }, label: string) {
  expect(response.statusCode, label).toBeGreaterThanOrEqual(400);
  expect(response.statusCode, label).toBeLessThan(500);
  const body = response.json();
  expect(typeof body.error?.code, label).toBe('string');
  expect(typeof body.error?.message, label).toBe('string');
}

async function send(method: string, url: string, payload: string | Buffer | undefined, contentType = 'application/json') {
  await walker.refresh();
  const cookie = [...walker.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return ctx.app.inject({ method: method as 'POST', url, payload, headers: { cookie, 'x-csrf-token': walker.csrfToken, ...(payload !== undefined && { 'content-type': contentType }) } });
}

describe('the bad-input walk', () => {
  it('has a starting body for every route that takes one', () => {
    for (const route of routes().filter((r) => r.schema?.body)) expect(BASE[`${route.method} ${route.url}`], `${route.method} ${route.url}`).toBeDefined();
  });

  it('refuses every invalid body with a 4xx, changing nothing, and never answers 5xx', async () => {
    let refused = 0;
    const valid: { method: string; url: string; label: string; body: unknown }[] = [];
    for (const route of routes().filter((r) => r.schema?.body)) {
      const schema = route.schema!.body as z.ZodType;
      for (const { label, body } of mutations(BASE[`${route.method} ${route.url}`]!())) {
        if (schema.safeParse(body).success) {
          valid.push({ method: route.method, url: route.url, label, body });
          continue;
        }
        const before = await state();
        const response = await send(route.method, fill(route.url), JSON.stringify(body));
        expectErrorShape(response, `${route.method} ${route.url}: ${label}`);
        expect(await state(), `${route.method} ${route.url}: ${label} changed something`).toBe(before);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(300);
    // Hostile but valid input: anything but a server error.
    for (const { method, url, label, body } of valid) {
      const response = await send(method, fill(url), JSON.stringify(body));
      expect(response.statusCode, `${method} ${url}: ${label}`).toBeLessThan(500);
    }
    // Valid link requests started background jobs; let them finish before anything else compares.
    await waitFor(() => rowsOf(ctx.deps.db, sql`select 1 from items where status = 'linking' or refreshing`), (rows) => rows.length === 0);
    // Valid verification requests queued a code: let its delivery finish too.
    await waitFor(() => rowsOf(ctx.deps.db, sql`select 1 from notifications where status in ('pending', 'sending')`), (rows) => rows.length === 0);
  }, 240_000);

  it('answers malformed JSON, the wrong content type, invalid UTF-8, Infinity and 10 MB with 4xx, changing nothing', async () => {
    const huge = JSON.stringify({ username: 'x'.repeat(10 * 1024 * 1024) });
    for (const route of routes().filter((r) => r.schema?.body)) {
      const url = fill(route.url);
      const cases: [string, string | Buffer, string?][] = [
        ['malformed JSON', '{"a": '],
        ['the wrong content type', 'a=1&b=2', 'application/x-www-form-urlencoded'],
        ['text/plain', 'hello', 'text/plain'],
        ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
        ['Infinity and NaN', '{"thresholdCents": 1e400, "frequencyDays": -1e400, "currentPassword": 1e400, "username": 1e400}'],
        ['10 MB', huge],
      ];
      for (const [label, payload, type] of cases) {
        const before = await state();
        const response = await send(route.method, url, payload, type);
        expectErrorShape(response, `${route.method} ${route.url}: ${label}`);
        expect(await state(), `${route.method} ${route.url}: ${label}`).toBe(before);
      }
    }
  }, 120_000);

  it('answers hostile query strings with a 4xx in the error shape or a valid answer, never 5xx, changing nothing', async () => {
    const values = ['', ' ', 'x'.repeat(5_000), '\u0000', '<img src=x onerror=alert(1)>', "' OR 1=1; --", '2026-13-45', '0000-00-00', 'NaN', 'Infinity', '１２３', '-1', '1e15', '0.5', '[]', '%', '_'];
    const withQuery = routes().filter((r) => r.method === 'GET' && r.schema?.querystring);
    expect(withQuery.map((r) => r.url)).toEqual(expect.arrayContaining(['/api/transactions', '/api/spending', '/api/net-worth/history']));
    const before = await state();
    for (const route of withQuery) {
      const keys = Object.keys((route.schema!.querystring as z.ZodObject).shape);
      const queries = [...keys.flatMap((key) => values.map((value) => `${key}=${encodeURIComponent(value)}`)), ...keys.map((key) => `${key}=1&${key}=2`), 'unknown=1'];
      for (const query of queries) {
        const response = await send('GET', `${fill(route.url)}?${query}`, undefined);
        expect(response.statusCode, `${route.url}?${query.slice(0, 40)}`).toBeLessThan(500);
        if (response.statusCode >= 400) expectErrorShape(response, `${route.url}?${query.slice(0, 40)}`);
      }
    }
    expect(await state()).toBe(before);
  }, 120_000);

  it('answers bad days in the path with 4xx', async () => {
    for (const day of ['2026-02-30', '2026-1-1', 'today', '%00', '9999-99-99']) {
      expectErrorShape(await send('GET', `/api/net-worth/history/${day}`, undefined), day);
    }
  });

  it('answers bad path parameters with 4xx, changing nothing', async () => {
    for (const route of routes().filter((r) => r.url.includes(':id'))) {
      for (const id of ['not-a-uuid', '%00', 'x'.repeat(300), '1;drop table items', '00000000-0000-4000-8000-000000000000']) {
        const before = await state();
        const body = BASE[`${route.method} ${route.url}`]?.();
        const response = await send(route.method, route.url.replace(':id', id), body === undefined ? undefined : JSON.stringify(body));
        expectErrorShape(response, `${route.method} ${route.url} with id ${id.slice(0, 20)}`);
        expect(await state()).toBe(before);
      }
    }
  });
});
