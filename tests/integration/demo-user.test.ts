import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_USER, ensureDemoUser } from '../../src/services/demo/demo-user.js';
import { Agent } from '../helpers/agent.js';
import { createTestApp, type TestContext } from '../helpers/app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
  await ensureDemoUser(ctx.deps);
  await ensureDemoUser(ctx.deps); // a second start changes nothing
});
afterAll(() => ctx.close());

it('signs in as Test_User / pass_good, a sandbox profile', async () => {
  const agent = new Agent(ctx.app);
  const response = await agent.signIn(DEMO_USER.username, DEMO_USER.password);
  expect(response.statusCode).toBe(200);
  expect(response.json().user).toMatchObject({ username: 'Test_User', profileType: 'sandbox', isDemo: true });
});

it('cannot be changed or deleted, with a clear 403', async () => {
  const agent = new Agent(ctx.app);
  await agent.signIn(DEMO_USER.username, DEMO_USER.password);
  const change = await agent.request('PATCH', '/api/users/me', { currentPassword: DEMO_USER.password, firstName: 'Hacked' });
  expect(change.statusCode).toBe(403);
  expect(change.json().error).toMatchObject({ code: 'DEMO_PROFILE_LOCKED' });
  expect(change.json().error.message).toMatch(/demo profile/i);
  const remove = await agent.request('DELETE', '/api/users/me', { currentPassword: DEMO_USER.password });
  expect(remove.statusCode).toBe(403);
  expect((await agent.refresh()).user).toMatchObject({ firstName: 'Test' });
});
