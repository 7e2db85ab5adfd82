import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, uniqueName, validSignUp } from '../helpers/agent.js';
import { rowsOf } from '../helpers/sql.js';
import { createTestApp, type TestContext } from '../helpers/app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const countUsers = async () => Number((await rowsOf(ctx.deps.db, sql`select count(*)::int as n from users`))[0]!.n);

describe('sign up', () => {
  it('creates the profile, signs the person in and normalises the phone to E.164', async () => {
    const agent = new Agent(ctx.app);
    await agent.refresh();
    const input = validSignUp({ phone: '(415) 555-0142' });
    const response = await agent.request('POST', '/api/users', input);
    expect(response.statusCode).toBe(201);
    expect(response.json().user).toMatchObject({ username: input.username, phone: '+14155550142', profileType: 'sandbox', isDemo: false });
    expect((await agent.refresh()).user?.username).toBe(input.username);
  });

  it('stores an argon2id hash and no phone number in clear', async () => {
    const agent = new Agent(ctx.app);
    const made = await agent.signUp({ phone: '+447700900123' });
    const rows = await rowsOf(ctx.deps.db, sql`select * from users where id = ${made.id}`);
    const row = JSON.stringify(rows[0]);
    expect(String(rows[0]!.password_hash)).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row).not.toContain('7700900123');
    expect(row).not.toContain(made.password);
  });

  const long = 'x'.repeat(200);
  const cases: [string, Record<string, unknown>, string][] = [
    ['missing username', { username: undefined }, 'username'],
    ['short username', { username: 'ab' }, 'username'],
    ['long username', { username: 'a'.repeat(33) }, 'username'],
    ['username with spaces', { username: 'bad name' }, 'username'],
    ['username of the wrong type', { username: 42 }, 'username'],
    ['missing password', { password: undefined }, 'password'],
    ['short password', { password: 'short' }, 'password'],
    ['long password', { password: 'p'.repeat(129) }, 'password'],
    ['common password', { password: 'password123' }, 'password'],
    ['another common password', { password: 'iloveyou' }, 'password'],
    ['missing first name', { firstName: undefined }, 'firstName'],
    ['long first name', { firstName: long }, 'firstName'],
    ['first name with markup', { firstName: '<script>' }, 'firstName'],
    ['last name of the wrong type', { lastName: ['Lovelace'] }, 'lastName'],
    ['missing phone', { phone: undefined }, 'phone'],
    ['phone that is not a number', { phone: 'call me' }, 'phone'],
    ['phone too short', { phone: '12345' }, 'phone'],
    ['unknown profile type', { profileType: 'premium' }, 'profileType'],
    ['an unknown extra field', { isAdmin: true }, 'isAdmin'],
  ];
  it.each(cases)('refuses %s with a 400 naming the field, creating nothing', async (_name, change, field) => {
    const agent = new Agent(ctx.app);
    await agent.refresh();
    const before = await countUsers();
    const response = await agent.request('POST', '/api/users', validSignUp(change));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(response.json().error.fields)).toContain(field);
    expect(await countUsers()).toBe(before);
  });

  it('does not offer real banks on a server without Plaid keys, and says why', async () => {
    const agent = new Agent(ctx.app);
    const session = await agent.request('GET', '/api/session');
    expect(session.json().server.realBanksUnavailable).toMatch(/no Plaid keys/);
    await agent.refresh();
    const input = validSignUp({ profileType: 'production' });
    const response = await agent.request('POST', '/api/users', input);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields.profileType).toMatch(/not available: this server has no Plaid keys/);
    expect(await rowsOf(ctx.deps.db, sql`select 1 from users where username = ${input.username}`)).toEqual([]);
  });

  it('refuses a username already taken in another case', async () => {
    const first = await new Agent(ctx.app).signUp({ username: uniqueName('Grace') });
    const agent = new Agent(ctx.app);
    await agent.refresh();
    const before = await countUsers();
    const response = await agent.request('POST', '/api/users', validSignUp({ username: first.username.toUpperCase() }));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual({ username: 'is already taken' });
    expect(await countUsers()).toBe(before);
  });

  it('needs the CSRF token even before signing in', async () => {
    const agent = new Agent(ctx.app);
    await agent.refresh();
    const before = await countUsers();
    const response = await agent.request('POST', '/api/users', validSignUp(), { csrf: false });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('CSRF_TOKEN_INVALID');
    expect(await countUsers()).toBe(before);
  });
});
