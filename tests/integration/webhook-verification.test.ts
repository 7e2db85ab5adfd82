import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const body = JSON.stringify({ webhook_type: 'TRANSACTIONS', webhook_code: 'SYNC_UPDATES_AVAILABLE', item_id: 'not-an-item-of-ours' });
const post = (verification?: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/plaid/webhook', payload: body, headers: { 'content-type': 'application/json', ...(verification && { 'plaid-verification': verification }) } });
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('Plaid webhook signatures', () => {
  it('accepts a webhook Plaid signed', async () => {
    expect((await post(ctx.simulator.signer.sign(body))).statusCode).toBe(200);
  });

  it.each([
    ['a JWT header of null', 'bnVsbA.e30.AA'],
    ['a header that is not JSON', 'bm90IGpzb24.e30.AA'],
    ['a header that is a number', `${b64(7)}.e30.AA`],
    ['alg none', `${b64({ alg: 'none', kid: 'k' })}.${b64({ iat: 1 })}.`],
    ['a kid that is not a string', `${b64({ alg: 'ES256', kid: { a: 1 } })}.e30.AA`],
    ['two parts', 'e30.e30'],
    ['nothing at all', undefined],
  ])('refuses %s with a 401 and no stack', async (_what, verification) => {
    const response = await post(verification);
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('WEBHOOK_UNVERIFIED');
    expect(response.body).not.toMatch(/at \w+ \(|node_modules/);
  });

  it('refuses a token issued in the future, or more than 5 minutes ago', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await post(ctx.simulator.signer.sign(body, { iat: now + 600 }))).statusCode).toBe(401);
    expect((await post(ctx.simulator.signer.sign(body, { iat: now - 400 }))).statusCode).toBe(401);
    expect((await post(ctx.simulator.signer.sign(body, { iat: now - 30 }))).statusCode).toBe(200);
  });

  it('refuses a key Plaid says has expired, and takes the key that replaced it', async () => {
    ctx.simulator.signer.rotate({ expiredAt: Math.floor(Date.now() / 1000) - 60 });
    expect((await post(ctx.simulator.signer.sign(body))).statusCode).toBe(401);
    ctx.simulator.signer.rotate();
    expect((await post(ctx.simulator.signer.sign(body))).statusCode).toBe(200);
  });

  it('looks unknown key ids up at a bounded rate, and remembers the ones Plaid does not know', async () => {
    const lookups = vi.spyOn(ctx.deps.plaid, 'getWebhookKey');
    const forged = (kid: string) => `${b64({ alg: 'ES256', kid, typ: 'JWT' })}.${b64({ iat: Math.floor(Date.now() / 1000) })}.AAAA`;
    for (let i = 0; i < 3; i++) expect((await post(forged('made-up-key'))).statusCode).toBe(401);
    expect(lookups).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 40; i++) expect((await post(forged(`made-up-key-${i}`))).statusCode).toBe(401);
    expect(lookups.mock.calls.length).toBeLessThanOrEqual(10);
    lookups.mockRestore();
  });
});
