import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, validSignUp } from '../helpers/agent.js';
import { rowsOf } from '../helpers/sql.js';
import { createTestApp, type TestContext } from '../helpers/app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ SIGN_IN_ATTEMPTS_PER_HOUR: '40', TRUST_PROXY: 'true' });
});
afterAll(() => ctx.close());

const sessionCookie = (agent: Agent) => agent.cookies.get('cv_session');

describe('signing in and out', () => {
  it('gives a new session id at every sign-in and returns the person', async () => {
    const agent = new Agent(ctx.app);
    const me = await agent.signUp();
    const afterSignUp = sessionCookie(agent);
    const response = await agent.signIn(me.username, me.password);
    expect(response.statusCode).toBe(200);
    expect(response.json().user.username).toBe(me.username);
    expect(sessionCookie(agent)).toBeDefined();
    expect(sessionCookie(agent)).not.toBe(afterSignUp);
    expect(sessionCookie(agent)!.length).toBeGreaterThanOrEqual(43); // 256 random bits
  });

  it('says the same thing for a wrong password and an unknown username', async () => {
    const agent = new Agent(ctx.app);
    const me = await agent.signUp();
    const wrongPassword = await new Agent(ctx.app).signIn(me.username, 'not the password');
    const unknownUser = await new Agent(ctx.app).signIn('nobody_here_at_all', 'not the password');
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownUser.statusCode).toBe(401);
    expect(wrongPassword.json()).toEqual(unknownUser.json());
  });

  it('refuses the old cookie after sign-out', async () => {
    const agent = new Agent(ctx.app);
    await agent.signUp();
    const oldCookie = sessionCookie(agent)!;
    const out = await agent.request('DELETE', '/api/session');
    expect(out.statusCode).toBe(204);
    const replay = new Agent(ctx.app);
    replay.cookies.set('cv_session', oldCookie);
    expect((await replay.refresh()).user).toBeNull();
    const change = await replay.request('PATCH', '/api/users/me', { currentPassword: 'x', firstName: 'Mallory' });
    expect(change.statusCode).toBe(401);
  });

  it('refuses an unsafe request without the CSRF token, or from another origin', async () => {
    const agent = new Agent(ctx.app);
    const me = await agent.signUp();
    const noToken = await agent.request('PATCH', '/api/users/me', { currentPassword: me.password, firstName: 'X' }, { csrf: false });
    expect(noToken.statusCode).toBe(403);
    const otherSite = await agent.request('PATCH', '/api/users/me', { currentPassword: me.password, firstName: 'X' }, {
      headers: { origin: 'https://evil.example' },
    });
    expect(otherSite.statusCode).toBe(403);
    expect(otherSite.json().error.code).toBe('ORIGIN_NOT_ALLOWED');
    // A user part makes it another origin however the host reads: "http://evil@host" is refused.
    for (const origin of ['http://evil@cashview.test', 'http://cashview.test/path', 'null']) {
      const tricked = await agent.request('PATCH', '/api/users/me', { currentPassword: me.password, firstName: 'X' }, { headers: { host: 'cashview.test', origin } });
      expect(tricked.statusCode, origin).toBe(403);
    }
    expect((await agent.refresh()).user).toMatchObject({ firstName: 'Ada' });
    const ownSite = await agent.request('PATCH', '/api/users/me', { currentPassword: me.password, firstName: 'Ida' }, { headers: { host: 'cashview.test', origin: 'http://cashview.test' } });
    expect(ownSite.statusCode).toBe(200);
  });

  it('ends a session idle for more than 30 minutes, and any session after 12 hours', async () => {
    const idle = new Agent(ctx.app);
    await idle.signUp();
    ctx.clock.advance(31 * 60_000);
    expect((await idle.refresh()).user).toBeNull();

    const busy = new Agent(ctx.app);
    await busy.signUp();
    for (let hour = 0; hour < 12; hour++) {
      ctx.clock.advance(20 * 60_000);
      expect((await busy.refresh()).user).not.toBeNull();
      ctx.clock.advance(20 * 60_000);
      await busy.refresh();
      ctx.clock.advance(20 * 60_000);
      await busy.refresh();
    }
    ctx.clock.advance(60_000);
    expect((await busy.refresh()).user).toBeNull();
  });

  it('sets HttpOnly, SameSite cookies, and __Host- Secure ones over HTTPS', async () => {
    const agent = new Agent(ctx.app);
    await agent.refresh();
    const response = await agent.request('POST', '/api/users', validSignUp());
    const header = String(response.headers['set-cookie']);
    expect(header).toMatch(/cv_session=[^;]+;.*HttpOnly/);
    expect(header).toMatch(/SameSite=Lax/);

    const secure = await ctx.app.inject({ method: 'GET', url: '/api/session', headers: { 'x-forwarded-proto': 'https' } });
    expect(String(secure.headers['set-cookie'])).toMatch(/^__Host-cv_pre=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect(secure.headers['strict-transport-security']).toContain('max-age=');
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('keeps no session id in clear in the database', async () => {
    const agent = new Agent(ctx.app);
    await agent.signUp();
    const rows = await rowsOf(ctx.deps.db, sql`select * from sessions`);
    expect(JSON.stringify(rows)).not.toContain(sessionCookie(agent)!);
  });

  it('answers with strict security headers and never lets personal data be cached', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/session' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('no-store');
  });
});

describe('failed sign-ins', () => {
  it('slow an account down after repeated failures without locking the owner out for good', async () => {
    const agent = new Agent(ctx.app);
    const me = await agent.signUp();
    for (let i = 0; i < 3; i++) expect((await new Agent(ctx.app).signIn(me.username, 'wrong password')).statusCode).toBe(401);
    const blocked = await new Agent(ctx.app).signIn(me.username, me.password);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    ctx.clock.advance(2_000);
    expect((await new Agent(ctx.app).signIn(me.username, me.password)).statusCode).toBe(200);
  });

  it('never slow down a device that signed in to the account before, nor the public demo', async () => {
    const owner = new Agent(ctx.app);
    const me = await owner.signUp();
    expect(owner.cookies.get('cv_device')).toMatch(/^[\w-]{22}\.[\w-]{43}$/);
    await owner.request('DELETE', '/api/session');
    // Someone else, from elsewhere, keeps failing: every 15 minutes, for an hour.
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 3; i++) await new Agent(ctx.app).signIn(me.username, 'wrong password');
      expect((await new Agent(ctx.app).signIn(me.username, me.password)).statusCode).toBe(429);
      expect((await owner.signIn(me.username, me.password)).statusCode, `round ${round}`).toBe(200);
      await owner.request('DELETE', '/api/session');
      ctx.clock.advance(15 * 60_000);
    }
    // A device cookie is bound to its account: copied to another account it does not help.
    const other = new Agent(ctx.app);
    const them = await other.signUp();
    for (let i = 0; i < 3; i++) await new Agent(ctx.app).signIn(them.username, 'wrong password');
    const borrowed = new Agent(ctx.app);
    borrowed.cookies.set('cv_device', owner.cookies.get('cv_device')!);
    expect((await borrowed.signIn(them.username, them.password)).statusCode).toBe(429);

    const { ensureDemoUser, DEMO_USER } = await import('../../src/services/demo/demo-user.js');
    await ensureDemoUser(ctx.deps);
    for (let i = 0; i < 5; i++) expect((await new Agent(ctx.app).signIn(DEMO_USER.username, 'not the demo password')).statusCode).toBe(401);
    expect((await new Agent(ctx.app).signIn(DEMO_USER.username, DEMO_USER.password)).statusCode).toBe(200);
  });

  it('double the wait with each further failure, up to 15 minutes', async () => {
    const { blockAfter } = await import('../../src/services/auth/credentials.js');
    const now = new Date(0);
    const waits = [3, 4, 5, 20].map((n) => blockAfter(n, now)!.getTime());
    expect(waits).toEqual([1000, 2000, 4000, 15 * 60_000]);
    expect(blockAfter(2, now)).toBeNull();
  });
});
