import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent } from '../helpers/agent.js';
import { createTestApp, type TestContext } from '../helpers/app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

it('reports health with the database state', async () => {
  const response = await ctx.app.inject({ method: 'GET', url: '/api/health' });
  expect(response.statusCode).toBe(200);
  expect(response.json()).toEqual({ status: 'ok', db: 'ok' });
});

it('answers malformed JSON, a wrong content type and an oversized body with 4xx in the one error shape', async () => {
  const agent = new Agent(ctx.app);
  await agent.refresh();
  const send = (payload: string, type: string) =>
    agent.request('POST', '/api/session', undefined, { headers: { 'content-type': type } }).then(() =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/session',
        payload,
        headers: { 'content-type': type, 'x-csrf-token': agent.csrfToken, cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      }),
    );
  const malformed = await send('{"username": ', 'application/json');
  expect(malformed.statusCode).toBe(400);
  expect(malformed.json().error.code).toBe('MALFORMED_JSON');
  const wrongType = await send('username=a&password=b', 'application/x-www-form-urlencoded');
  expect(wrongType.statusCode).toBe(415);
  expect(wrongType.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  const huge = await send(JSON.stringify({ username: 'a'.repeat(100_000), password: 'b' }), 'application/json');
  expect(huge.statusCode).toBe(413);
  expect(huge.json().error).toHaveProperty('message');
});

it('answers an unknown API path with a 404 in the error shape', async () => {
  const response = await ctx.app.inject({ method: 'GET', url: '/api/nothing-here' });
  expect(response.statusCode).toBe(404);
  expect(response.json().error.code).toBe('NOT_FOUND');
});

it('serves the OpenAPI document generated from the contracts', async () => {
  const response = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
  expect(response.statusCode).toBe(200);
  const doc = response.json();
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/users', '/api/session', '/api/users/me']));
  expect(doc.paths['/api/users'].post.requestBody.content['application/json'].schema.required).toContain('phone');
});

it('keeps passwords, phone numbers and session ids out of the logs', async () => {
  const agent = new Agent(ctx.app);
  const me = await agent.signUp({ phone: '+14155550177' });
  await agent.signIn(me.username, me.password);
  await agent.request('PATCH', '/api/users/me', { currentPassword: 'wrong one', phone: '+14155550178' });
  const logs = ctx.logs.join('\n');
  expect(logs.length).toBeGreaterThan(0);
  for (const secret of [me.password, '4155550177', '4155550178', agent.cookies.get('cv_session')!]) {
    expect(logs).not.toContain(secret);
  }
});

/** One raw HTTP/1.1 exchange over a socket: the request line exactly as given. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(text));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

it('never lets an API answer be cached, whatever form the request line takes', async () => {
  await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = ctx.app.server.address() as net.AddressInfo;
  for (const target of ['/api/session', `http://127.0.0.1:${port}/api/session`, `http://127.0.0.1:${port}/api/dashboard`]) {
    const answer = await rawRequest(port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    expect(answer, target).toMatch(/^cache-control: no-store\r$/im);
  }
});

it('takes a POST with no body at all, as curl sends it, and still refuses an explicit null', async () => {
  const agent = new Agent(ctx.app);
  await agent.signUp();
  const empty = await agent.request('POST', '/api/link-tokens');
  expect(empty.statusCode, empty.body).toBe(200);
  expect(empty.json().mode).toBe('simulated');
  const nothing = await agent.request('POST', '/api/sandbox/public-tokens');
  expect(nothing.statusCode).toBe(400);
  expect(Object.keys(nothing.json().error.fields)).toEqual(expect.arrayContaining(['institutionId', 'username', 'password']));
  const explicitNull = await ctx.app.inject({
    method: 'POST',
    url: '/api/link-tokens',
    payload: 'null',
    headers: { 'content-type': 'application/json', cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': agent.csrfToken },
  });
  expect(explicitNull.statusCode).toBe(400);
});
