import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, uniqueName } from '../helpers/agent.js';
import { rowsOf } from '../helpers/sql.js';
import { createTestApp, type TestContext } from '../helpers/app.js';
import { linkSandbox } from '../helpers/banking.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('editing one’s profile', () => {
  it('changes names, phone and username once the current password is given', async () => {
    const agent = new Agent(ctx.app);
    const me = await agent.signUp();
    const newName = uniqueName('renamed');
    const response = await agent.request('PATCH', '/api/users/me', {
      currentPassword: me.password,
      username: newName,
      firstName: 'Grace',
      lastName: 'Hopper',
      phone: '212 555 0199',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().user).toMatchObject({ username: newName, firstName: 'Grace', lastName: 'Hopper', phone: '+12125550199' });
    expect((await agent.refresh()).user).toMatchObject({ username: newName });
  });

  it('refuses any change without the right current password, changing nothing', async () => {
    const agent = new Agent(ctx.app);
    const me = await agent.signUp();
    const missing = await agent.request('PATCH', '/api/users/me', { firstName: 'Eve' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toHaveProperty('currentPassword');
    const wrong = await agent.request('PATCH', '/api/users/me', { currentPassword: 'not my password', firstName: 'Eve' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toEqual({ currentPassword: 'is not your current password' });
    expect((await agent.refresh()).user).toMatchObject({ firstName: 'Ada', username: me.username });
  });

  it('refuses a username someone else has, and a common new password', async () => {
    const other = await new Agent(ctx.app).signUp();
    const agent = new Agent(ctx.app);
    const me = await agent.signUp();
    const taken = await agent.request('PATCH', '/api/users/me', { currentPassword: me.password, username: other.username.toUpperCase() });
    expect(taken.statusCode).toBe(400);
    expect(taken.json().error.fields).toEqual({ username: 'is already taken' });
    const weak = await agent.request('PATCH', '/api/users/me', { currentPassword: me.password, newPassword: 'qwertyuiop' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields).toHaveProperty('newPassword');
  });

  it('on a new password, ends every other session and gives this one a new id', async () => {
    const laptop = new Agent(ctx.app);
    const me = await laptop.signUp();
    const phone = new Agent(ctx.app);
    await phone.signIn(me.username, me.password);
    const before = laptop.cookies.get('cv_session');
    const response = await laptop.request('PATCH', '/api/users/me', { currentPassword: me.password, newPassword: 'a much better secret' });
    expect(response.statusCode).toBe(200);
    expect(laptop.cookies.get('cv_session')).not.toBe(before);
    expect((await laptop.refresh()).user).not.toBeNull();
    expect((await phone.refresh()).user).toBeNull();
    expect((await new Agent(ctx.app).signIn(me.username, me.password)).statusCode).toBe(401);
    expect((await new Agent(ctx.app).signIn(me.username, 'a much better secret')).statusCode).toBe(200);
  });

  it('only ever touches the signed-in person’s own profile', async () => {
    const alice = new Agent(ctx.app);
    const a = await alice.signUp({ firstName: 'Alice' });
    const bob = new Agent(ctx.app);
    const b = await bob.signUp({ firstName: 'Bob', password: 'bobs own long secret' });
    await bob.request('PATCH', '/api/users/me', { currentPassword: b.password, firstName: 'Robert' });
    expect((await alice.refresh()).user).toMatchObject({ id: a.id, firstName: 'Alice' });
    expect((await bob.refresh()).user).toMatchObject({ id: b.id, firstName: 'Robert' });
    // Bob's password does not open Alice's profile, whoever's session sends it.
    const cross = await alice.request('DELETE', '/api/users/me', { currentPassword: b.password });
    expect(cross.statusCode).toBe(400);
    expect((await alice.refresh()).user).not.toBeNull();
  });
});

describe('the kind of bank data', () => {
  it('changes while nothing is linked, and is refused once a bank is, saying what to do', async () => {
    const agent = new Agent(ctx.app);
    const me = await agent.signUp();
    // This server runs the simulated Plaid: real banks are not offered, and say why.
    const refused = await agent.request('PATCH', '/api/users/me', { currentPassword: me.password, profileType: 'production' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields.profileType).toMatch(/no Plaid keys/);
    // A "production" profile from before (or made another way) can move to demo data.
    await ctx.deps.db.execute(sql`update users set profile_type = 'production' where id = ${me.id}`);
    const token = await agent.request('POST', '/api/sandbox/public-tokens', { institutionId: 'ins_109508', username: 'user_good', password: 'pass_good' });
    expect(token.statusCode).toBe(403);
    expect(token.json().error.message).toMatch(/Profile page/);
    const changed = await agent.request('PATCH', '/api/users/me', { currentPassword: me.password, profileType: 'sandbox' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().user.profileType).toBe('sandbox');
    const linked = await linkSandbox(agent, 'ins_109508');
    expect(linked.status).toBe('ready');
    await ctx.deps.db.execute(sql`update users set profile_type = 'production' where id = ${me.id}`);
    const locked = await agent.request('PATCH', '/api/users/me', { currentPassword: me.password, profileType: 'sandbox' });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.message).toMatch(/Remove your institutions/);
  });
});

describe('deleting one’s profile', () => {
  it('needs the current password, then removes the person and their sessions', async () => {
    const agent = new Agent(ctx.app);
    const me = await agent.signUp();
    expect((await agent.request('DELETE', '/api/users/me', { currentPassword: 'wrong password' })).statusCode).toBe(400);
    const response = await agent.request('DELETE', '/api/users/me', { currentPassword: me.password });
    expect(response.statusCode).toBe(204);
    expect((await agent.refresh()).user).toBeNull();
    const rows = await rowsOf(ctx.deps.db, sql`select
      (select count(*)::int from users where id = ${me.id}) as users,
      (select count(*)::int from sessions where user_id = ${me.id}) as sessions`);
    expect(rows[0]).toEqual({ users: 0, sessions: 0 });
    expect((await new Agent(ctx.app).signIn(me.username, me.password)).statusCode).toBe(401);
  });
});
