import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDaily } from '../../src/services/daily.js';
import { Agent } from '../helpers/agent.js';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { institution, linkSandbox, waitFor } from '../helpers/banking.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const logLines = () => ctx.logs.flatMap((chunk) => chunk.split('\n')).filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);

describe('jobs fail visibly', () => {
  it('a job with a malformed payload is refused in the log, and the worker goes on with the next', async () => {
    const jobId = await ctx.queue.boss.send('refresh-item', { itemId: 'not-an-id', extra: true }, { retryLimit: 0 });
    const refused = await waitFor(async () => logLines().find((line) => line.jobId === jobId), (line) => line !== undefined);
    expect(refused).toMatchObject({ job: 'refresh-item', msg: 'job payload refused', issues: expect.stringContaining('itemId') });
    // The same worker still takes good work.
    const agent = new Agent(ctx.app);
    await agent.signUp();
    const linked = await linkSandbox(agent, 'ins_109508');
    expect((await agent.request('POST', `/api/institutions/${linked.id}/refresh`)).statusCode).toBe(202);
    await waitFor(() => institution(agent, linked.id), (i) => !i.refreshing);
  });

  it('the daily job counts refreshed, failed and skipped items, logs each failure with its item, and releases a temporary one', async () => {
    const agent = new Agent(ctx.app);
    await agent.signUp();
    const one = await linkSandbox(agent, 'ins_109509');
    const other = await linkSandbox(agent, 'ins_109510');
    // Only the items of this test take part: the others count as taken today already.
    const day = ctx.clock.now.toISOString().slice(0, 10);
    await ctx.deps.db.execute(sql`update items set daily_refresh_on = ${day} where id not in (${one.id}, ${other.id})`);
    // One lane: the first balance call (whichever bank it is for) finds the bank down.
    ctx.simulator.switches.failNext('/accounts/balance/get', 'INSTITUTION_DOWN', 1);
    const first = await runDaily(ctx.deps, { resetDemo: false, concurrency: 1 });
    expect(first).toMatchObject({ refreshed: 1, failed: 1 });
    const failure = logLines().find((line) => line.msg === 'daily refresh failed for an item');
    expect(failure).toMatchObject({ job: 'daily', code: 'INSTITUTION_DOWN', temporary: true });
    expect([one.id, other.id]).toContain(failure!.itemId);
    expect(logLines().find((line) => line.msg === 'daily job done')).toMatchObject({ refreshed: 1, failed: 1 });
    // The failed one was given back: a second run today takes it (and only it) again.
    const second = await runDaily(ctx.deps, { resetDemo: false, concurrency: 1 });
    expect(second).toMatchObject({ refreshed: 1, failed: 0 });
    expect(second.skipped).toBeGreaterThanOrEqual(1);
  });
});
