import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent } from '../helpers/agent.js';
import { createTestApp, type TestContext } from '../helpers/app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ SIGN_IN_ATTEMPTS_PER_HOUR: '5', SIGN_UPS_PER_HOUR: '4' });
});
afterAll(() => ctx.close());

it('answers 429 to an address past its hourly sign-in budget', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push((await new Agent(ctx.app).signIn(`someone_${i}`, 'whatever123')).statusCode);
  expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
  expect(statuses[5]).toBe(429);
  const last = await new Agent(ctx.app).signIn('someone', 'whatever123');
  expect(last.json().error.code).toBe('RATE_LIMITED');
  expect(last.headers['retry-after']).toBeDefined();
});

it('limits probing whether usernames are taken through profile changes like sign-ups, and nothing else', async () => {
  const agent = new Agent(ctx.app);
  const me = await agent.signUp();
  const taken = new Agent(ctx.app);
  const them = await taken.signUp();
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) statuses.push((await agent.request('PATCH', '/api/users/me', { currentPassword: me.password, username: them.username })).statusCode);
  expect(statuses.slice(0, 4)).toEqual([400, 400, 400, 400]);
  expect(statuses[4]).toBe(429);
  // Other changes to one's profile are not counted.
  for (let i = 0; i < 6; i++) expect((await agent.request('PATCH', '/api/users/me', { currentPassword: me.password, firstName: `Name${i}` })).statusCode).toBe(200);
});
