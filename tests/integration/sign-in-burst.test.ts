import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent } from '../helpers/agent.js';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { linkSandbox } from '../helpers/banking.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ SIGN_IN_ATTEMPTS_PER_HOUR: '100000' });
});
afterAll(() => ctx.close());

it('a burst of sign-ins gets quick 503s with Retry-After past the hashing queue, and dashboards keep answering', async () => {
  const reader = new Agent(ctx.app);
  const me = await reader.signUp();
  await linkSandbox(reader, 'ins_109508');
  const signIns = Array.from({ length: 300 }, (_, i) => new Agent(ctx.app).signIn(i % 2 ? me.username : `nobody_${i}`, 'not the password'));
  const dashboards = Array.from({ length: 50 }, () => reader.request('GET', '/api/dashboard'));
  const answers = await Promise.all(signIns);
  const statuses = answers.map((answer) => answer.statusCode);
  // Wrong passwords (401), the account slowed down (429), or the queue full (503): never anything else.
  expect(statuses.filter((status) => ![401, 429, 503].includes(status))).toEqual([]);
  const busy = answers.filter((answer) => answer.statusCode === 503);
  expect(busy.length).toBeGreaterThan(0);
  for (const answer of busy) {
    expect(answer.json().error.code).toBe('BUSY');
    expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
  }
  expect((await Promise.all(dashboards)).map((answer) => answer.statusCode)).toEqual(Array(50).fill(200));
  // Afterwards the owner signs in as usual (their device is trusted, so strangers' failures do not slow it).
  expect((await reader.signIn(me.username, me.password)).statusCode).toBe(200);
}, 120_000);
