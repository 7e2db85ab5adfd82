import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlaidSimulator, SIMULATOR_CLIENT_ID, SIMULATOR_SECRET } from '../../src/integrations/plaid/simulator/server.js';
import { openApiValidator } from '../helpers/openapi.js';

// Every answer of every endpoint the simulator implements, success and error, is checked against
// Plaid's own OpenAPI document (../shared/reference/plaid-openapi-2020-09-14.yml).
let sim: PlaidSimulator;
let validate: ReturnType<typeof openApiValidator>;
const webhooks: string[] = [];

beforeAll(async () => {
  validate = openApiValidator('plaid-openapi-2020-09-14.yml');
  sim = await PlaidSimulator.start({ deliverWebhook: async (_url, body) => void webhooks.push(body) });
}, 60_000);
afterAll(() => sim.close());

async function call(path: string, body: object) {
  const response = await fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'plaid-client-id': SIMULATOR_CLIENT_ID, 'plaid-secret': SIMULATOR_SECRET, 'plaid-version': '2020-09-14' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const responseSchema = (name: string) => `/components/schemas/${name}`;

async function expectOk(path: string, body: object, schema: string) {
  const answer = await call(path, body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  expect(validate(responseSchema(schema), answer.body)).toEqual([]);
  expect(answer.body.request_id).toEqual(expect.any(String));
  return answer.body;
}

async function expectError(path: string, body: object, code: string, status = 400) {
  const answer = await call(path, body);
  expect(answer.status).toBe(status);
  expect(answer.body.error_code).toBe(code);
  expect(validate(responseSchema('PlaidError'), answer.body)).toEqual([]);
  return answer.body;
}

async function linkedItem(webhook?: string) {
  const created = await expectOk('/sandbox/public_token/create', { institution_id: 'ins_109508', initial_products: ['transactions'], options: { webhook } }, 'SandboxPublicTokenCreateResponse');
  const exchanged = await expectOk('/item/public_token/exchange', { public_token: created.public_token }, 'ItemPublicTokenExchangeResponse');
  return { accessToken: exchanged.access_token as string, itemId: exchanged.item_id as string };
}

describe('simulated Plaid against Plaid’s OpenAPI document', () => {
  it('/link/token/create (new and update mode) and its errors', async () => {
    const created = await expectOk('/link/token/create', { client_name: 'CashView', language: 'en', country_codes: ['US'], user: { client_user_id: 'u1' }, products: ['transactions'] }, 'LinkTokenCreateResponse');
    expect(created.link_token).toMatch(/^link-sandbox-[0-9a-f-]{36}$/);
    const { accessToken } = await linkedItem();
    await expectOk('/link/token/create', { client_name: 'CashView', language: 'en', country_codes: ['US'], user: { client_user_id: 'u1' }, access_token: accessToken }, 'LinkTokenCreateResponse');
    await expectError('/link/token/create', { client_name: 'x'.repeat(31), language: 'en', country_codes: ['US'], user: { client_user_id: 'u1' }, products: ['transactions'] }, 'INVALID_FIELD');
  });

  it('/sandbox/public_token/create with every kind of credential', async () => {
    const good = await expectOk('/sandbox/public_token/create', { institution_id: 'ins_109508', initial_products: ['transactions'], options: { override_username: 'user_good', override_password: 'pass_good' } }, 'SandboxPublicTokenCreateResponse');
    expect(good.public_token).toMatch(/^public-sandbox-[0-9a-f-]{36}$/);
    for (const code of ['INVALID_CREDENTIALS', 'INSTITUTION_DOWN', 'ITEM_LOCKED', 'INTERNAL_SERVER_ERROR', 'NO_ACCOUNTS']) {
      const status = code === 'INTERNAL_SERVER_ERROR' ? 500 : 400;
      await expectError('/sandbox/public_token/create', { institution_id: 'ins_109508', initial_products: ['transactions'], options: { override_username: 'user_good', override_password: `error_${code}` } }, code, status);
    }
    await expectError('/sandbox/public_token/create', { institution_id: 'ins_109508', initial_products: ['transactions'], options: { override_username: 'mfa_device', override_password: 'pass_good' } }, 'INVALID_MFA');
    await expectOk('/sandbox/public_token/create', { institution_id: 'ins_109508', initial_products: ['transactions'], options: { override_username: 'mfa_device', override_password: 'pass_good', mfa_code: '1234' } }, 'SandboxPublicTokenCreateResponse');
    await expectError('/sandbox/public_token/create', { institution_id: 'ins_0', initial_products: ['transactions'] }, 'INVALID_INSTITUTION');
  });

  it('/item/public_token/exchange, once per token', async () => {
    const created = await call('/sandbox/public_token/create', { institution_id: 'ins_109509', initial_products: ['transactions'] });
    const exchanged = await expectOk('/item/public_token/exchange', { public_token: created.body.public_token }, 'ItemPublicTokenExchangeResponse');
    expect(exchanged.access_token).toMatch(/^access-sandbox-[0-9a-f-]{36}$/);
    await expectError('/item/public_token/exchange', { public_token: created.body.public_token }, 'INVALID_PUBLIC_TOKEN');
  });

  it('/item/get, /institutions/get_by_id, /accounts/get and /accounts/balance/get', async () => {
    const { accessToken } = await linkedItem();
    await expectOk('/item/get', { access_token: accessToken }, 'ItemGetResponse');
    const institution = await expectOk('/institutions/get_by_id', { institution_id: 'ins_109508', country_codes: ['US'], options: { include_optional_metadata: true } }, 'InstitutionsGetByIdResponse');
    expect(institution.institution).toMatchObject({ name: 'First Platypus Bank', primary_color: expect.stringMatching(/^#/), logo: expect.any(String) });
    await expectError('/institutions/get_by_id', { institution_id: 'ins_nope', country_codes: ['US'] }, 'INVALID_INSTITUTION');
    const accounts = await expectOk('/accounts/get', { access_token: accessToken }, 'AccountsGetResponse');
    expect((accounts.accounts as unknown[]).length).toBe(9);
    await expectOk('/accounts/balance/get', { access_token: accessToken }, 'AccountsGetResponse');
    await expectError('/accounts/get', { access_token: 'access-sandbox-00000000-0000-0000-0000-000000000000' }, 'INVALID_ACCESS_TOKEN');
  });

  it('/transactions/sync pages, cursors, pending that posts, and mutation during pagination', async () => {
    const { accessToken, itemId } = await linkedItem();
    let cursor: string | undefined;
    let added = 0;
    for (let page = 0; page < 50; page++) {
      const body = await expectOk('/transactions/sync', { access_token: accessToken, cursor, count: 100 }, 'TransactionsSyncResponse');
      added += (body.added as unknown[]).length;
      cursor = body.next_cursor as string;
      if (!body.has_more) break;
    }
    expect(added).toBeGreaterThan(100);
    sim.items.postPending(sim.items.itemById(itemId)!);
    const after = await expectOk('/transactions/sync', { access_token: accessToken, cursor }, 'TransactionsSyncResponse');
    expect((after.removed as unknown[]).length).toBeGreaterThan(0);
    expect((after.added as { pending_transaction_id: string }[]).every((t) => t.pending_transaction_id)).toBe(true);

    const other = await linkedItem();
    const first = await call('/transactions/sync', { access_token: other.accessToken, count: 10 });
    sim.switches.mutationsDuringPagination = 1;
    await expectError('/transactions/sync', { access_token: other.accessToken, cursor: first.body.next_cursor, count: 10 }, 'TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION');
    await expectError('/transactions/sync', { access_token: other.accessToken, count: 501 }, 'INVALID_FIELD');

    sim.switches.transactionsReadyAfterMs = 60_000;
    const fresh = await linkedItem();
    const notReady = await expectOk('/transactions/sync', { access_token: fresh.accessToken }, 'TransactionsSyncResponse');
    expect(notReady).toMatchObject({ next_cursor: '', added: [], transactions_update_status: 'NOT_READY' });
    sim.switches.transactionsReadyAfterMs = 0;
  });

  it('/sandbox/item/reset_login, /sandbox/item/fire_webhook, /webhook_verification_key/get', async () => {
    const { accessToken } = await linkedItem('http://127.0.0.1:9/hook');
    await expectOk('/sandbox/item/fire_webhook', { access_token: accessToken, webhook_code: 'SYNC_UPDATES_AVAILABLE' }, 'SandboxItemFireWebhookResponse');
    expect(JSON.parse(webhooks.at(-1)!)).toMatchObject({ webhook_type: 'TRANSACTIONS', webhook_code: 'SYNC_UPDATES_AVAILABLE' });
    await expectOk('/sandbox/item/reset_login', { access_token: accessToken }, 'SandboxItemResetLoginResponse');
    await expectError('/accounts/balance/get', { access_token: accessToken }, 'ITEM_LOGIN_REQUIRED');
    const item = await expectOk('/item/get', { access_token: accessToken }, 'ItemGetResponse');
    expect((item.item as { error: { error_code: string } }).error.error_code).toBe('ITEM_LOGIN_REQUIRED');
    await expectOk('/webhook_verification_key/get', { key_id: sim.signer.kid }, 'WebhookVerificationKeyGetResponse');
    await expectError('/webhook_verification_key/get', { key_id: 'nope' }, 'INVALID_FIELD');
  });

  it('/item/remove, after which the token is dead', async () => {
    const { accessToken } = await linkedItem();
    await expectOk('/item/remove', { access_token: accessToken }, 'ItemRemoveResponse');
    await expectError('/item/remove', { access_token: accessToken }, 'INVALID_ACCESS_TOKEN');
  });

  it('injected errors, rate limits and bad keys answer as Plaid does', async () => {
    const { accessToken } = await linkedItem();
    sim.switches.failNext('/accounts/get', 'INTERNAL_SERVER_ERROR', 1);
    await expectError('/accounts/get', { access_token: accessToken }, 'INTERNAL_SERVER_ERROR', 500);
    await expectOk('/accounts/get', { access_token: accessToken }, 'AccountsGetResponse');
    for (let i = 0; i < 5; i++) await expectOk('/accounts/balance/get', { access_token: accessToken }, 'AccountsGetResponse');
    await expectError('/accounts/balance/get', { access_token: accessToken }, 'RATE_LIMIT_EXCEEDED', 429);
    const badKeys = await fetch(`${sim.url}/item/get`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ access_token: accessToken, client_id: 'x', secret: 'y' }) });
    expect(badKeys.status).toBe(400);
    expect(validate(responseSchema('PlaidError'), await badKeys.json())).toEqual([]);
  });
});
