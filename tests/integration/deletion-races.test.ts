import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker } from '../../src/jobs/workers.js';
import { Agent } from '../helpers/agent.js';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { institution, linkSandbox, waitFor } from '../helpers/banking.js';
import { rowsOf } from '../helpers/sql.js';

// Short expiry and maintenance, so a dead worker's job is seen handed out again within the test.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({}, { queue: { expireInSeconds: 2, maintenanceIntervalSeconds: 1 } });
});
afterAll(() => ctx.close());

const newestSimItem = () => ctx.simulator.items.records().at(-1);

async function startLinking(agent: Agent, institutionId: string) {
  const token = await agent.request('POST', '/api/sandbox/public-tokens', { institutionId, username: 'user_good', password: 'pass_good' });
  expect(token.statusCode).toBe(200);
  const started = await agent.request('POST', '/api/institutions', { publicToken: token.json().publicToken, institutionId });
  expect(started.statusCode).toBe(202);
  return started.json().institution.id as string;
}

describe('removing an institution while it links', () => {
  it('during the exchange: the removal answers 204 and Plaid’s new item ends revoked', async () => {
    const agent = new Agent(ctx.app);
    await agent.signUp();
    ctx.simulator.switches.setLatency('/item/public_token/exchange', 1_500);
    try {
      const id = await startLinking(agent, 'ins_109508');
      await waitFor(() => institution(agent, id), (i) => (i as { linkStep?: string }).linkStep === 'exchanging', 10_000);
      expect((await agent.request('DELETE', `/api/institutions/${id}`)).statusCode).toBe(204);
      // The exchange finishes after the row is gone: the item Plaid made is revoked, not left live.
      const made = await waitFor(async () => newestSimItem(), (record) => record?.state === 'removed', 15_000);
      expect(made!.institutionId).toBe('ins_109508');
      expect(await rowsOf(ctx.deps.db, sql`select 1 from items where id = ${id}`)).toEqual([]);
    } finally {
      ctx.simulator.switches.setLatency('/item/public_token/exchange', 0);
    }
  });

  it('at every later step too: whatever Plaid linked is revoked', async () => {
    for (const [endpoint, step] of [
      ['/item/get', 'reading_institution'],
      ['/accounts/get', 'reading_accounts'],
      ['/transactions/sync', 'syncing_transactions'],
    ] as const) {
      const agent = new Agent(ctx.app);
      await agent.signUp();
      ctx.simulator.switches.setLatency(endpoint, 1_000);
      try {
        const id = await startLinking(agent, 'ins_109509');
        await waitFor(() => institution(agent, id), (i) => (i as { linkStep?: string }).linkStep === step, 10_000);
        expect((await agent.request('DELETE', `/api/institutions/${id}`)).statusCode, step).toBe(204);
        await waitFor(async () => newestSimItem(), (record) => record?.state === 'removed', 15_000);
      } finally {
        ctx.simulator.switches.setLatency(endpoint, 0);
      }
    }
  });

  it('signing in again while the institution is removed is a 404, not a 500', async () => {
    const agent = new Agent(ctx.app);
    await agent.signUp();
    const linked = await linkSandbox(agent, 'ins_109510');
    ctx.simulator.switches.setLatency('/sandbox/item/repair_login', 1_000);
    try {
      const relogin = agent.request('POST', `/api/institutions/${linked.id}/relogin`, { username: 'user_good', password: 'pass_good' });
      await new Promise((resolve) => setImmediate(resolve));
      expect((await agent.request('DELETE', `/api/institutions/${linked.id}`)).statusCode).toBe(204);
      const answer = await relogin;
      expect(answer.statusCode, answer.body).toBe(404);
    } finally {
      ctx.simulator.switches.setLatency('/sandbox/item/repair_login', 0);
    }
  });
});

describe('a worker that dies while linking', () => {
  it('leaves nothing stuck: its job is handed out again and the link completes', async () => {
    const agent = new Agent(ctx.app);
    await agent.signUp();
    // A worker takes the link job and dies before finishing it: nobody will ever complete it.
    await ctx.queue.boss.offWork('link-item');
    const id = await startLinking(agent, 'ins_109511');
    const taken = await ctx.queue.boss.fetch('link-item');
    expect(taken).toHaveLength(1);
    await startWorker(ctx.queue.boss, ctx.deps, 'link-item', 0.5);
    const done = await waitFor(() => institution(agent, id), (i) => i.status !== 'linking', 30_000);
    expect(done.status).toBe('ready');
  }, 45_000);
});
