import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDay } from '../../src/domain/budgets.js';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, TEST_FROM } from '../../src/integrations/twilio/simulator/server.js';
import { deliverNotifications } from '../../src/services/notifications/deliver.js';
import { DEFAULT_KINDS } from '../../src/db/schema/index.js';
import { startSmtpSimulator } from '../../src/integrations/email/simulator/server.js';
import { startWebhookReceiver } from '../../src/integrations/webhooks/simulator/receiver.js';
import { WEBHOOK_SECRET_CONTEXT } from '../../src/services/alerts/settings.js';
import { evaluateDueTrackers } from '../../src/services/notifications/evaluate.js';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { waitFor } from '../helpers/banking.js';
import { personWithTracker } from '../helpers/budgets.js';
import { rowsOf } from '../helpers/sql.js';

const TRACKERS = 3;
// Each budget summary goes by text, e-mail and webhook: a row per tracker and channel.
const CHANNELS = ['sms', 'email', 'webhook'] as const;
const ROWS = TRACKERS * CHANNELS.length;
// Per run: 3 points per due tracker while evaluating; a claim per row plus a last empty one, and
// 4 points per row, while delivering.
const CRASH_POINTS = 3 * TRACKERS + (ROWS + 1) + 4 * ROWS;

let ctx: TestContext;
let dataDir: string;
let smtp: Awaited<ReturnType<typeof startSmtpSimulator>>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const phones = Array.from({ length: TRACKERS }, (_, i) => `+1415555040${i}`);
const phoneOf = new Map<string, string>();

beforeAll(async () => {
  smtp = await startSmtpSimulator();
  receiver = await startWebhookReceiver();
  ctx = await createTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'alerts@cashview.test', ALERT_WEBHOOKS_ALLOW_LOOPBACK: 'true' });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cashview-crash-'));
  for (const phone of phones) {
    const { user } = await personWithTracker(ctx.deps, { phone, nextOn: '2000-01-01' });
    phoneOf.set(user.id, phone);
    // E-mail and webhook set up and verified, budget summaries on all three channels.
    await ctx.deps.db.execute(sql`insert into alert_settings (user_id, email, email_verified_at, webhook_url, webhook_secret_sealed, webhook_verified_at, kinds)
      values (${user.id}, ${`${user.id}@example.com`}, now(), ${`${receiver.url}?u=${user.id}`}, ${ctx.deps.keyring.seal('whsec_crash', WEBHOOK_SECRET_CONTEXT)}, now(),
              ${JSON.stringify({ ...DEFAULT_KINDS, budgetSummary: { channels: [...CHANNELS] } })}::jsonb)`);
  }
});
afterAll(async () => {
  await ctx.close();
  await smtp.close();
  await receiver.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** `npm run jobs:daily` as its own process, killed (SIGKILL) at its Nth crash point. */
function dailyJob(crashAfter: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', 'daily', '--reset-demo', 'false'], {
    env: {
      ...process.env,
      DATABASE_URL: ctx.database.url,
      CASHVIEW_DATA_DIR: dataDir,
      CASHVIEW_ENCRYPTION_KEY: ctx.keySpec,
      TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
      TWILIO_FROM: TEST_FROM,
      TWILIO_API_BASE_URL: ctx.twilio.url,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'alerts@cashview.test',
      ALERT_WEBHOOKS_ALLOW_LOOPBACK: 'true',
      CASHVIEW_CRASH_AFTER: String(crashAfter),
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
}

describe('a daily job killed at any point', () => {
  it(`sends each due message at most once and loses none that was not in flight (${CRASH_POINTS} crash points)`, async () => {
    const killedAt = new Set<string>();
    for (let point = 1; point <= CRASH_POINTS; point++) {
      // Every tracker due again; no notifications yet; the phones have received nothing.
      await ctx.deps.db.execute(sql`delete from notifications`);
      await ctx.deps.db.execute(sql`update budget_trackers set next_notification_on = ${addDays(localDay(new Date(), 'UTC'), -1)}`);
      ctx.twilio.messages.length = 0;
      smtp.received.length = 0;
      receiver.received.length = 0;

      const run = await dailyJob(point);
      expect(run.signal, run.stderr).toBe('SIGKILL');
      killedAt.add(run.stderr.match(/crash point \d+ \((.+)\)/)![1]! + `#${point}`);

      // Postgres rolls back the killed process's transaction once it sees the connection gone; on
      // a busy machine that takes a moment, and until then its row locks make the next run skip
      // those trackers (as they should). Wait for that, not for a fixed time.
      await waitFor(
        () => rowsOf(ctx.deps.db, sql`select 1 from pg_locks l join pg_class c on c.oid = l.relation where c.relname = 'budget_trackers' and l.pid <> pg_backend_pid()`),
        (locks) => locks.length === 0,
      );
      // The next run, after the stalled claims have aged: it finishes what the killed one left.
      ctx.clock.now = new Date(Date.now() + 11 * 60_000);
      await evaluateDueTrackers(ctx.deps, new Date());
      await deliverNotifications(ctx.deps);

      const rows = await rowsOf(ctx.deps.db, sql`select user_id, channel, status from notifications`);
      expect(rows, `point ${point}`).toHaveLength(ROWS);
      for (const row of rows) {
        const userId = String(row.user_id);
        const received = {
          sms: () => ctx.twilio.delivered(phoneOf.get(userId)).length,
          email: () => smtp.received.filter((m) => m.to.includes(`${userId}@example.com`)).length,
          webhook: () => receiver.received.filter((r) => r.url.endsWith(`?u=${userId}`) && r.signedWith('whsec_crash')).length,
        }[row.channel as (typeof CHANNELS)[number]]();
        // Sent: exactly one message. Unknown (the one in flight at the kill): at most one, never two.
        if (row.status === 'sent') expect(received, `point ${point} ${String(row.channel)}`).toBe(1);
        else expect([row.status, received <= 1], `point ${point} ${String(row.channel)}`).toEqual(['unknown', true]);
      }
      // Only the message in flight at the kill can be in doubt; every other one was sent.
      expect(rows.filter((r) => r.status === 'unknown').length, `point ${point}`).toBeLessThanOrEqual(1);
    }
    const names = [...killedAt].map((k) => k.split('#')[0]);
    expect(killedAt.size).toBeGreaterThanOrEqual(20);
    expect(names).toContain('deliver:after-send'); // between the channel's answer and the status write
    expect(killedAt.size).toBe(CRASH_POINTS);
  }, 600_000);
});
