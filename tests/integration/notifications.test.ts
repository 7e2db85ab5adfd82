import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDay } from '../../src/domain/budgets.js';
import { createSmsSender } from '../../src/integrations/twilio/sms.js';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, TEST_FROM } from '../../src/integrations/twilio/simulator/server.js';
import { deliverNotifications } from '../../src/services/notifications/deliver.js';
import { evaluateDueTrackers } from '../../src/services/notifications/evaluate.js';
import { runDaily } from '../../src/services/daily.js';
import { Agent } from '../helpers/agent.js';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { addSpending, personWithTracker } from '../helpers/budgets.js';
import { rowsOf } from '../helpers/sql.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const today = () => localDay(ctx.clock.now, 'UTC');
const notificationsOf = (userId: string) => rowsOf(ctx.deps.db, sql`select due_on, status, detail, body from notifications where user_id = ${userId} order by due_on`);
const nextOn = async (trackerId: string) => String((await rowsOf(ctx.deps.db, sql`select next_notification_on from budget_trackers where id = ${trackerId}`))[0]!.next_notification_on);

describe('the daily notifications', () => {
  it('a tracker due today gets exactly one text, with product.md’s words, however often the job runs', async () => {
    const phone = '+14155550201';
    const { user, itemId, accountId, trackerId } = await personWithTracker(ctx.deps, { phone, nextOn: today(), thresholdCents: 200000, frequencyDays: 3 });
    await addSpending(ctx.deps, itemId, accountId, today(), 123456);
    await addSpending(ctx.deps, itemId, accountId, today(), 99999, 'TRANSFER_OUT');
    for (let run = 0; run < 3; run++) {
      await evaluateDueTrackers(ctx.deps);
      await deliverNotifications(ctx.deps);
    }
    const texts = ctx.twilio.delivered(phone);
    expect(texts.map((t) => t.body)).toEqual(['CashView budget for Everyday Checking: $1,234.56 spent of your $2,000.00 monthly budget.']);
    expect(await notificationsOf(user.id)).toEqual([{ due_on: today(), status: 'sent', detail: null, body: texts[0]!.body }]);
    expect(await nextOn(trackerId)).toBe(addDays(today(), 3));
  });

  it('a tracker missed for 5 days gets one text, not five', async () => {
    const phone = '+14155550202';
    const { user, trackerId } = await personWithTracker(ctx.deps, { phone, nextOn: addDays(today(), -5), frequencyDays: 7 });
    await evaluateDueTrackers(ctx.deps);
    await deliverNotifications(ctx.deps);
    expect(ctx.twilio.delivered(phone)).toHaveLength(1);
    expect((await notificationsOf(user.id)).map((n) => n.due_on)).toEqual([addDays(today(), -5)]);
    expect(await nextOn(trackerId)).toBe(addDays(today(), 7));
  });

  it('a tracker not yet due sends nothing', async () => {
    const phone = '+14155550203';
    const { user } = await personWithTracker(ctx.deps, { phone, nextOn: addDays(today(), 1) });
    await evaluateDueTrackers(ctx.deps);
    await deliverNotifications(ctx.deps);
    expect(ctx.twilio.delivered(phone)).toHaveLength(0);
    expect(await notificationsOf(user.id)).toEqual([]);
  });

  it('never texts a sandbox profile, and records why', async () => {
    const phone = '+14155550204';
    const { user } = await personWithTracker(ctx.deps, { phone, profileType: 'sandbox', nextOn: today() });
    await evaluateDueTrackers(ctx.deps);
    await deliverNotifications(ctx.deps);
    expect(ctx.twilio.delivered(phone)).toHaveLength(0);
    expect((await notificationsOf(user.id))[0]).toMatchObject({ status: 'skipped', detail: 'not sent: sandbox profile' });
  });

  it('records "not sent: SMS not configured" without Twilio settings', async () => {
    const phone = '+14155550205';
    const { user } = await personWithTracker(ctx.deps, { phone, nextOn: today() });
    const unconfigured = { ...ctx.deps, sms: createSmsSender({}) };
    await evaluateDueTrackers(unconfigured);
    await deliverNotifications(unconfigured);
    expect((await notificationsOf(user.id))[0]).toMatchObject({ status: 'skipped', detail: 'not sent: SMS not configured' });
  });

  it('marks a Twilio timeout as unknown and never sends it again', async () => {
    const phone = '+14155550206';
    const { user } = await personWithTracker(ctx.deps, { phone, nextOn: today() });
    await evaluateDueTrackers(ctx.deps);
    ctx.twilio.failNext('hang');
    // A sender that gives up quickly, so the test need not wait out the real timeout.
    const impatient = { ...ctx.deps, sms: createSmsSender({ accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN, from: TEST_FROM, baseUrl: ctx.twilio.url, timeoutMs: 300 }) };
    await deliverNotifications(impatient);
    await deliverNotifications(impatient);
    ctx.clock.advance(60 * 60_000);
    await deliverNotifications(ctx.deps);
    expect(ctx.twilio.delivered(phone)).toHaveLength(1);
    expect((await notificationsOf(user.id))[0]).toMatchObject({ status: 'unknown', detail: expect.stringMatching(/outcome unknown.*Not sent again/) });
  });

  it('records Twilio’s refusal of a number that is not valid', async () => {
    const { user } = await personWithTracker(ctx.deps, { phone: '+15005550001', nextOn: today() });
    await evaluateDueTrackers(ctx.deps);
    await deliverNotifications(ctx.deps);
    expect((await notificationsOf(user.id))[0]).toMatchObject({ status: 'failed', detail: expect.stringContaining('21211') });
  });

  it('two daily runs at the same time send each due message once', async () => {
    const phones = ['+14155550301', '+14155550302', '+14155550303', '+14155550304'];
    for (const phone of phones) await personWithTracker(ctx.deps, { phone, nextOn: addDays(today(), -1) });
    await Promise.all([runDaily(ctx.deps, { resetDemo: false }), runDaily(ctx.deps, { resetDemo: false })]);
    for (const phone of phones) expect(ctx.twilio.delivered(phone)).toHaveLength(1);
  });

  it('lists every notification to its owner, newest first, and to no one else', async () => {
    const agent = new Agent(ctx.app);
    const me = await agent.signUp();
    const { user } = await personWithTracker(ctx.deps, { nextOn: today(), profileType: 'sandbox' });
    await evaluateDueTrackers(ctx.deps);
    await deliverNotifications(ctx.deps);
    expect((await agent.request('GET', '/api/notifications')).json()).toEqual({ notifications: [], unreadCount: 0 });
    const owner = new Agent(ctx.app);
    await owner.signIn(user.username, 'a long and private phrase');
    const list = (await owner.request('GET', '/api/notifications')).json().notifications;
    expect(list).toEqual([expect.objectContaining({ accountName: 'Everyday Checking', status: 'skipped', detail: 'not sent: sandbox profile' })]);
    expect(me.id).not.toBe(user.id);
  });

  it('sends on the person’s own day in a time zone 14 hours ahead of UTC', async () => {
    // 10:30 UTC on 1 June is already 00:30 on 2 June at UTC+14 (Kiritimati).
    const asOf = new Date('2026-06-01T10:30:00Z');
    const ahead = await personWithTracker(ctx.deps, { nextOn: '2026-06-02', profileType: 'sandbox', timeZone: 'Pacific/Kiritimati' });
    const behind = await personWithTracker(ctx.deps, { nextOn: '2026-06-02', profileType: 'sandbox', timeZone: 'America/New_York' });
    await evaluateDueTrackers(ctx.deps, asOf);
    expect((await notificationsOf(ahead.user.id)).map((n) => n.due_on)).toEqual(['2026-06-02']);
    expect(await notificationsOf(behind.user.id)).toEqual([]);
  });

  it('marks a message unknown only when its sender stopped long ago, never one another process is sending now', async () => {
    const { user } = await personWithTracker(ctx.deps, { nextOn: today(), profileType: 'sandbox' });
    const old = await personWithTracker(ctx.deps, { nextOn: today(), profileType: 'sandbox' });
    await evaluateDueTrackers(ctx.deps);
    const now = ctx.clock.now.getTime();
    await ctx.deps.db.execute(sql`update notifications set status = 'sending', claimed_at = ${new Date(now - 60_000).toISOString()} where user_id = ${user.id}`);
    await ctx.deps.db.execute(sql`update notifications set status = 'sending', claimed_at = ${new Date(now - 11 * 60_000).toISOString()} where user_id = ${old.user.id}`);
    await deliverNotifications(ctx.deps);
    expect((await notificationsOf(user.id))[0]).toMatchObject({ status: 'sending' });
    expect((await notificationsOf(old.user.id))[0]).toMatchObject({ status: 'unknown' });
  });

  it('names the institution and the account’s mask, as they were when written', async () => {
    const { user, accountId } = await personWithTracker(ctx.deps, { nextOn: today(), profileType: 'sandbox' });
    await ctx.deps.db.execute(sql`update accounts set mask = '4321' where id = ${accountId}`);
    await evaluateDueTrackers(ctx.deps);
    await ctx.deps.db.execute(sql`update items set name = 'Renamed Bank' where user_id = ${user.id}`);
    const owner = new Agent(ctx.app);
    await owner.signIn(user.username, 'a long and private phrase');
    const [listed] = (await owner.request('GET', '/api/notifications')).json().notifications;
    expect(listed).toMatchObject({ institutionName: 'Fixture Bank', accountName: 'Everyday Checking', accountMask: '4321' });
  });

  it('counts unread notifications until their owner reads them, and only their own', async () => {
    const { user, trackerId } = await personWithTracker(ctx.deps, { nextOn: today(), profileType: 'sandbox', frequencyDays: 1 });
    const other = await personWithTracker(ctx.deps, { nextOn: today(), profileType: 'sandbox' });
    await evaluateDueTrackers(ctx.deps);
    const owner = new Agent(ctx.app);
    await owner.signIn(user.username, 'a long and private phrase');
    const first = (await owner.request('GET', '/api/notifications')).json();
    expect(first.unreadCount).toBe(1);
    expect(first.notifications[0].read).toBe(false);
    const read = await owner.request('POST', '/api/notifications/read', {});
    expect(read.statusCode).toBe(204);
    expect((await owner.request('GET', '/api/notifications')).json()).toMatchObject({ unreadCount: 0, notifications: [{ read: true }] });
    // Read as curl would send it: no body at all.
    expect((await owner.request('POST', '/api/notifications/read')).statusCode).toBe(204);
    // A later one is unread again; the other person's stays unread throughout.
    await ctx.deps.db.execute(sql`update budget_trackers set next_notification_on = ${addDays(today(), -1)} where id = ${trackerId}`);
    await evaluateDueTrackers(ctx.deps);
    expect((await owner.request('GET', '/api/notifications')).json().unreadCount).toBe(1);
    const stranger = new Agent(ctx.app);
    await stranger.signIn(other.user.username, 'a long and private phrase');
    expect((await stranger.request('GET', '/api/notifications')).json().unreadCount).toBe(1);
  });
});
