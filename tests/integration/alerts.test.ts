import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSimulator } from '../../src/integrations/email/simulator/server.js';
import { startWebhookReceiver } from '../../src/integrations/webhooks/simulator/receiver.js';
import { holdUntil } from '../../src/domain/alerts.js';
import { evaluateAlerts } from '../../src/services/alerts/evaluate.js';
import { deliverNotifications } from '../../src/services/notifications/deliver.js';
import { Agent } from '../helpers/agent.js';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { institution, linkSandbox, waitFor } from '../helpers/banking.js';
import { rowsOf } from '../helpers/sql.js';

// Issue 12: alerts on e-mail and a webhook, against a real SMTP server and a real HTTP receiver on
// loopback, through the one outbox.
let ctx: TestContext;
let smtp: Awaited<ReturnType<typeof startSmtpSimulator>>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  smtp = await startSmtpSimulator();
  receiver = await startWebhookReceiver();
  ctx = await createTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'CashView <alerts@cashview.test>', ALERT_WEBHOOKS_ALLOW_LOOPBACK: 'true', PUBLIC_ORIGIN: 'https://cashview.example' });
}, 60_000);
afterAll(async () => {
  await ctx.close();
  await smtp.close();
  await receiver.close();
});

const none = { channels: [] as string[] };
function settings(overrides: { email?: string | null; webhook?: string | null; kinds?: Record<string, unknown>; quietHours?: { from: string; to: string } | null } = {}) {
  return {
    channels: { sms: { enabled: true }, email: { address: overrides.email ?? null, enabled: true }, webhook: { url: overrides.webhook ?? null, enabled: true } },
    kinds: { budgetSummary: { channels: ['sms'] }, budgetThreshold: none, connection: none, largeTransaction: { ...none, amountCents: null }, lowBalance: { ...none, amountCents: null }, ...overrides.kinds },
    quietHours: overrides.quietHours ?? null,
  };
}

const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));

/** A person with First Platypus linked, e-mail and webhook set up and verified. */
async function personWithChannels(kinds: Record<string, unknown>) {
  const agent = new Agent(ctx.app);
  const me = await agent.signUp();
  const linked = await linkSandbox(agent, 'ins_109508');
  const email = `${me.username.toLowerCase()}@example.com`;
  const hook = `${receiver.url}?who=${me.id}`;
  const saved = await agent.request('PUT', '/api/alerts/settings', settings({ email, webhook: hook, kinds }));
  expect(saved.statusCode, saved.body).toBe(200);
  const secret = saved.json().channels.webhook.secret as string;
  expect(secret).toMatch(/^whsec_/);
  expect((await agent.request('GET', '/api/alerts/settings')).json().channels.webhook.secret).toBeUndefined();

  // E-mail: a code arrives by e-mail; confirming it verifies the channel.
  expect((await agent.request('POST', '/api/alerts/channels/email/verify', {})).json()).toEqual({ sent: true, verified: false });
  const mail = await waitFor(async () => mailsTo(email), (list) => list.length === 1);
  const emailCode = /verification code is (\d{6})/.exec(mail[0]!.raw)![1]!;
  expect((await agent.request('POST', '/api/alerts/channels/email/verify', { code: emailCode === '000000' ? '000001' : '000000' })).statusCode).toBe(400);
  expect((await agent.request('POST', '/api/alerts/channels/email/verify', { code: emailCode })).json()).toEqual({ sent: false, verified: true });
  // The code is shown only where it was sent, never in the app.
  expect((await agent.request('GET', '/api/notifications')).body).not.toContain(emailCode);

  // Webhook: a test delivery carries the code, signed with the secret shown once.
  await agent.request('POST', '/api/alerts/channels/webhook/verify', {});
  const test = await waitFor(async () => receiver.received.filter((r) => r.body.includes('"verification"') && r.signedWith(secret)), (list) => list.length > 0 && list.some((r) => JSON.parse(r.body).data.code));
  const delivery = test.find((r) => r.signedWith(secret))!;
  expect(delivery.signedWith('whsec_not_it')).toBe(false);
  const body = JSON.parse(delivery.body);
  expect(body).toMatchObject({ kind: 'verification', title: expect.any(String), message: expect.any(String), createdAt: expect.any(String) });
  expect((await agent.request('POST', '/api/alerts/channels/webhook/verify', { code: body.data.code })).json().verified).toBe(true);
  const after = (await agent.request('GET', '/api/alerts/settings')).json();
  expect(after.channels.email.verified && after.channels.webhook.verified).toBe(true);
  return { agent, me, linked, email, secret };
}

const deliveredFor = (userId: string, kind: string) => rowsOf(ctx.deps.db, sql`select channel, alert_key, status from notifications where user_id = ${userId} and kind = ${kind} order by alert_key, channel`);

describe('alerts', () => {
  it('fire once per condition and channel: thresholds, large transactions and low balances', async () => {
    const { agent, me, linked } = await personWithChannels({
      budgetThreshold: { channels: ['email', 'webhook'] },
      largeTransaction: { channels: ['webhook'], amountCents: 1000 },
      lowBalance: { channels: ['email'], amountCents: 50_000 },
    });
    const [checking] = await rowsOf(ctx.deps.db, sql`select id from accounts where item_id = ${linked.id} and mask = '0000'`);
    await agent.request('POST', `/api/accounts/${checking!.id}/budget-tracker`, { thresholdCents: 100, frequencyDays: 7 });
    await agent.request('POST', `/api/institutions/${linked.id}/refresh`);
    const thresholds = await waitFor(() => deliveredFor(me.id, 'budgetThreshold'), (rows) => rows.length === 4 && rows.every((r) => r.status === 'sent'));
    expect(thresholds.map((r) => `${r.channel} ${String(r.alert_key).split(':').at(-1)}`).sort()).toEqual(['email 100', 'email 80', 'webhook 100', 'webhook 80']);
    const low = await waitFor(() => deliveredFor(me.id, 'lowBalance'), (rows) => rows.length > 0 && rows.every((r) => r.status === 'sent'));
    // Checking (100.00) and savings (200.00) are below 500.00; the money market is not.
    expect(low.map((r) => r.channel)).toEqual(['email', 'email']);
    const large = await waitFor(() => deliveredFor(me.id, 'largeTransaction'), (rows) => rows.length > 0 && rows.every((r) => r.status === 'sent'));
    expect(large.every((r) => r.channel === 'webhook')).toBe(true);

    // Again: nothing new, because nothing changed.
    const count = async () => (await rowsOf(ctx.deps.db, sql`select count(*)::int as n from notifications where user_id = ${me.id}`))[0]!.n;
    const before = await count();
    await agent.request('POST', `/api/institutions/${linked.id}/refresh`);
    await waitFor(() => institution(agent, linked.id), (i) => !i.refreshing);
    expect(await evaluateAlerts(ctx.deps, me.id)).toBe(0);
    expect(await count()).toBe(before);

    // A paused channel gets nothing, even for a new crossing.
    const email = `${me.username.toLowerCase()}@example.com`;
    const kinds = { budgetThreshold: { channels: ['email', 'webhook'] }, largeTransaction: { channels: ['webhook'], amountCents: 1000 }, lowBalance: { channels: ['email'], amountCents: 50_000 } };
    const current = (await agent.request('GET', '/api/alerts/settings')).json();
    const paused = settings({ email, webhook: current.channels.webhook.url, kinds });
    paused.channels.email.enabled = false;
    expect((await agent.request('PUT', '/api/alerts/settings', paused)).statusCode).toBe(200);
    await ctx.deps.db.execute(sql`update accounts set low_balance_since = null where item_id = ${linked.id}`);
    expect(await evaluateAlerts(ctx.deps, me.id)).toBe(0);

    // Quiet hours now: the next crossing is written, held until they end, then delivered.
    await ctx.deps.db.execute(sql`update accounts set low_balance_since = null where item_id = ${linked.id}`);
    const hour = ctx.deps.now().getUTCHours();
    const quiet = { from: `${String((hour + 23) % 24).padStart(2, '0')}:00`, to: `${String((hour + 2) % 24).padStart(2, '0')}:00` };
    expect((await agent.request('PUT', '/api/alerts/settings', settings({ email, webhook: current.channels.webhook.url, kinds, quietHours: quiet }))).statusCode).toBe(200);
    expect(await evaluateAlerts(ctx.deps, me.id)).toBe(2);
    const held = async () => rowsOf(ctx.deps.db, sql`select status, hold_until from notifications where user_id = ${me.id} and kind = 'lowBalance' and hold_until is not null`);
    await deliverNotifications(ctx.deps);
    expect((await held()).map((r) => r.status)).toEqual(['pending', 'pending']);
    // A delivery run is booked for when they end (not left for tomorrow's daily job).
    const holdEnd = new Date(String((await held())[0]!.hold_until));
    const booked = await rowsOf(ctx.deps.db, sql`select start_after from pgboss.job where name = 'deliver-alerts' and singleton_key = ${`held-${holdEnd.toISOString()}`}`);
    expect(booked.map((r) => new Date(String(r.start_after)).toISOString())).toEqual([holdEnd.toISOString()]);
    ctx.clock.advance(3 * 3_600_000);
    try {
      await deliverNotifications(ctx.deps);
    } finally {
      ctx.clock.advance(-3 * 3_600_000);
    }
    expect((await held()).map((r) => r.status)).toEqual(['sent', 'sent']);

    // Two evaluations at once (two daily jobs, a refresh and a webhook): one alert per crossing and channel.
    await ctx.deps.db.execute(sql`update accounts set low_balance_since = null where item_id = ${linked.id}`);
    const together = await Promise.all([evaluateAlerts(ctx.deps, me.id), evaluateAlerts(ctx.deps, me.id), evaluateAlerts(ctx.deps, me.id)]);
    expect(together.reduce((a, b) => a + b, 0)).toBe(2);

    // The notifications page lists each with its kind and channel; the unread count counts them.
    const listed = (await agent.request('GET', '/api/notifications')).json();
    expect(listed.unreadCount).toBe(listed.notifications.length);
    expect(listed.notifications.some((n: { kind: string; channel: string }) => n.kind === 'lowBalance' && n.channel === 'email')).toBe(true);
    const mail = mailsTo(`${me.username.toLowerCase()}@example.com`).find((m) => /below/.test(m.subject));
    expect(mail?.raw).toContain('text/html');
  });

  it('tells of a connection that needs you once per incident, with its re-login link, and again after a repair and a new break', async () => {
    const { agent, me, linked, secret } = await personWithChannels({ connection: { channels: ['email', 'webhook'] } });
    const plaidItemId = String((await rowsOf(ctx.deps.db, sql`select plaid_item_id from items where id = ${linked.id}`))[0]!.plaid_item_id);
    const simItem = ctx.simulator.items.itemById(plaidItemId)!;
    await ctx.deps.plaid.sandboxResetLogin(simItem.accessToken);
    const first = await waitFor(() => deliveredFor(me.id, 'connection'), (rows) => rows.length === 2 && rows.every((r) => r.status === 'sent'));
    const hook = receiver.received.filter((r) => r.signedWith(secret) && JSON.parse(r.body).kind === 'connection');
    expect(hook).toHaveLength(1);
    expect(JSON.parse(hook[0]!.body).data.link).toBe(`https://cashview.example/dashboard?relogin=${linked.id}`);

    // Repaired, then broken again: a second incident, a second alert on each channel.
    expect((await agent.request('POST', `/api/institutions/${linked.id}/relogin`, { username: 'user_good', password: 'pass_good' })).statusCode).toBe(202);
    await waitFor(() => institution(agent, linked.id), (i) => i.health === null && !i.refreshing);
    await waitFor(() => rowsOf(ctx.deps.db, sql`select needs_you_since from items where id = ${linked.id}`), (rows) => rows[0]!.needs_you_since === null);
    await ctx.deps.plaid.sandboxResetLogin(simItem.accessToken);
    const second = await waitFor(() => deliveredFor(me.id, 'connection'), (rows) => rows.length === 4 && rows.every((r) => r.status === 'sent'));
    expect(new Set(second.map((r) => r.alert_key)).size).toBe(2);
    expect(first).toHaveLength(2);
  });

  it('sends nothing to a paused or unverified channel, and holds a message in quiet hours', async () => {
    const agent = new Agent(ctx.app);
    const me = await agent.signUp();
    const linked = await linkSandbox(agent, 'ins_109508');
    const email = `${me.username.toLowerCase()}@example.com`;
    // Unverified e-mail: the low balance is tracked, nothing is written for it.
    await agent.request('PUT', '/api/alerts/settings', settings({ email, kinds: { lowBalance: { channels: ['email'], amountCents: 50_000 } } }));
    await agent.request('POST', `/api/institutions/${linked.id}/refresh`);
    await waitFor(() => institution(agent, linked.id), (i) => !i.refreshing);
    await waitFor(() => rowsOf(ctx.deps.db, sql`select 1 from accounts where item_id = ${linked.id} and low_balance_since is not null`), (rows) => rows.length > 0);
    expect(await deliveredFor(me.id, 'lowBalance')).toEqual([]);

    // Quiet hours, as a pure rule: inside them a message waits until they end, over midnight too.
    const at = new Date('2026-11-28T23:30:00Z');
    expect(holdUntil(at, 'UTC', { from: '22:00', to: '07:00' })?.toISOString()).toBe('2026-11-29T07:00:00.000Z');
    expect(holdUntil(at, 'UTC', { from: '08:00', to: '22:00' })).toBeNull();
    expect(holdUntil(at, 'America/New_York', { from: '18:00', to: '19:00' })?.toISOString()).toBe('2026-11-29T00:00:00.000Z');
  });

  it('refuses bad settings with the field named, changing nothing', async () => {
    const agent = new Agent(ctx.app);
    await agent.signUp();
    const cases: [unknown, string][] = [
      [settings({ email: 'not an address' }), 'channels.email.address'],
      [settings({ webhook: 'http://example.com/hook' }), 'channels.webhook.url'],
      [settings({ webhook: 'https://10.0.0.1/hook' }), 'channels.webhook.url'],
      [settings({ webhook: 'https://169.254.169.254/latest' }), 'channels.webhook.url'],
      [settings({ webhook: 'ftp://example.com/' }), 'channels.webhook.url'],
      [settings({ kinds: { largeTransaction: { channels: ['sms'], amountCents: 0 } } }), 'kinds.largeTransaction.amountCents'],
      [settings({ kinds: { lowBalance: { channels: ['sms'], amountCents: -5 } } }), 'kinds.lowBalance.amountCents'],
      [settings({ kinds: { lowBalance: { channels: ['sms'], amountCents: null } } }), 'kinds.lowBalance.amountCents'],
      [settings({ quietHours: { from: '25:00', to: '07:00' } }), 'quietHours.from'],
      [settings({ kinds: { connection: { channels: ['email'] } } }), 'kinds.connection.channels'],
      [settings({ kinds: { connection: { channels: ['pigeon'] } } }), 'kinds.connection.channels.0'],
    ];
    const before = (await agent.request('GET', '/api/alerts/settings')).json();
    for (const [body, field] of cases) {
      const response = await agent.request('PUT', '/api/alerts/settings', body);
      expect(response.statusCode, field).toBe(400);
      expect(Object.keys(response.json().error.fields), field).toContain(field);
    }
    expect((await agent.request('GET', '/api/alerts/settings')).json()).toEqual(before);
    expect((await agent.request('POST', '/api/alerts/channels/email/verify', {})).json().error.fields.channel).toMatch(/not set up/);
    expect((await agent.request('POST', '/api/alerts/channels/pigeon/verify', {})).statusCode).toBe(400);
    // A sandbox profile is never texted, so its phone cannot be verified: said, not silently dropped.
    expect((await agent.request('POST', '/api/alerts/channels/sms/verify', {})).json().error.fields.channel).toMatch(/demo-data profile/);
  });
});
