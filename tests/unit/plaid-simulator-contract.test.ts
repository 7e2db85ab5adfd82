import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlaidClient } from '../../src/integrations/plaid/client.js';
import { PlaidSimulator, SIMULATOR_CLIENT_ID, SIMULATOR_SECRET } from '../../src/integrations/plaid/simulator/server.js';
import { openApiValidator, referencesPresent } from '../helpers/openapi.js';

// Every answer and webhook of every endpoint the simulator implements, success and error, and
// every request CashView's client sends, is checked against Plaid's own OpenAPI document
// (../shared/reference/plaid-openapi-2020-09-14.yml).
const DOC = 'plaid-openapi-2020-09-14.yml';
const present = referencesPresent('The Plaid contract tests', DOC);
let sim: PlaidSimulator;
let validate: ReturnType<typeof openApiValidator>;
const webhooks: string[] = [];
const requests: { path: string; body: Record<string, unknown> }[] = [];

beforeAll(async () => {
  if (!present) return;
  validate = openApiValidator(DOC);
  sim = await PlaidSimulator.start({ deliverWebhook: async (_url, body) => void webhooks.push(body), onRequest: (path, body) => void requests.push({ path, body }) });
}, 60_000);
afterAll(() => sim?.close());

/** The schema Plaid's document gives a webhook, by its code. */
const WEBHOOK_SCHEMAS: Record<string, string> = {
  SYNC_UPDATES_AVAILABLE: 'SyncUpdatesAvailableWebhook',
  DEFAULT_UPDATE: 'DefaultUpdateWebhook',
  RECURRING_TRANSACTIONS_UPDATE: 'RecurringTransactionsUpdateWebhook',
  ERROR: 'ItemErrorWebhook',
  PENDING_DISCONNECT: 'PendingDisconnectWebhook',
  NEW_ACCOUNTS_AVAILABLE: 'NewAccountsAvailableWebhook',
  LOGIN_REPAIRED: 'ItemLoginRepairedWebhook',
};

/** Every webhook the simulator sent so far satisfies its schema in Plaid's document. */
function expectWebhooksValid() {
  expect(webhooks.length).toBeGreaterThan(0);
  for (const raw of webhooks) {
    const hook = JSON.parse(raw) as { webhook_code: string };
    const schema = WEBHOOK_SCHEMAS[hook.webhook_code];
    expect(schema, `a schema for ${hook.webhook_code}`).toBeDefined();
    expect(validate(`/components/schemas/${schema}`, hook), raw).toEqual([]);
  }
}

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

describe.skipIf(!present)('simulated Plaid against Plaid’s OpenAPI document', () => {
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
    // A device code is asked for inside Link; this endpoint has no field for one, as at Plaid.
    await expectError('/sandbox/public_token/create', { institution_id: 'ins_109508', initial_products: ['transactions'], options: { override_username: 'mfa_device', override_password: 'pass_good' } }, 'INVALID_MFA');
    await expectError('/sandbox/public_token/create', { institution_id: 'ins_109508', initial_products: ['transactions'], options: { override_username: 'mfa_device', override_password: 'pass_good', mfa_code: '1234' } }, 'UNKNOWN_FIELDS');
    await expectError('/sandbox/public_token/create', { institution_id: 'ins_0', initial_products: ['transactions'] }, 'INVALID_INSTITUTION');
  });

  it('refuses fields Plaid does not define and reports missing ones, naming them', async () => {
    const unknown = await expectError('/item/get', { access_token: 'access-sandbox-00000000-0000-0000-0000-000000000000', surprise: 1 }, 'UNKNOWN_FIELDS');
    expect(unknown.error_message).toContain('surprise');
    const nested = await expectError('/accounts/get', { access_token: 'x', options: { account_ids: [], nope: true } }, 'UNKNOWN_FIELDS');
    expect(nested.error_message).toContain('options.nope');
    const missing = await expectError('/sandbox/public_token/create', { institution_id: 'ins_109508' }, 'MISSING_FIELDS');
    expect(missing.error_message).toContain('initial_products');
    await expectError('/item/public_token/exchange', {}, 'MISSING_FIELDS');
  });

  it('answers a path it does not serve with a Plaid error', async () => {
    const answer = await call('/auth/get', { access_token: 'x' });
    expect(answer.status).toBe(404);
    expect(validate(responseSchema('PlaidError'), answer.body)).toEqual([]);
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
    for (const code of Object.keys(WEBHOOK_SCHEMAS)) {
      await expectOk('/sandbox/item/fire_webhook', { access_token: accessToken, webhook_code: code }, 'SandboxItemFireWebhookResponse');
      expect(JSON.parse(webhooks.at(-1)!)).toMatchObject({ webhook_code: code, webhook_type: ['SYNC_UPDATES_AVAILABLE', 'DEFAULT_UPDATE', 'RECURRING_TRANSACTIONS_UPDATE'].includes(code) ? 'TRANSACTIONS' : 'ITEM' });
    }
    await expectError('/sandbox/item/fire_webhook', { access_token: accessToken, webhook_code: 'NOT_A_CODE' }, 'INVALID_FIELD');
    await expectOk('/sandbox/item/reset_login', { access_token: accessToken }, 'SandboxItemResetLoginResponse');
    await expectError('/accounts/balance/get', { access_token: accessToken }, 'ITEM_LOGIN_REQUIRED');
    const item = await expectOk('/item/get', { access_token: accessToken }, 'ItemGetResponse');
    expect((item.item as { error: { error_code: string } }).error.error_code).toBe('ITEM_LOGIN_REQUIRED');
    await expectOk('/webhook_verification_key/get', { key_id: sim.signer.kid }, 'WebhookVerificationKeyGetResponse');
    await expectError('/webhook_verification_key/get', { key_id: 'nope' }, 'INVALID_FIELD');
    expectWebhooksValid();
  });

  it('announces readiness with SYNC_UPDATES_AVAILABLE after an item’s first sync, once', async () => {
    const { accessToken, itemId } = await linkedItem('http://127.0.0.1:9/hook');
    const announced = () => webhooks.filter((raw) => JSON.parse(raw).item_id === itemId && JSON.parse(raw).webhook_code === 'SYNC_UPDATES_AVAILABLE');
    const first = await expectOk('/transactions/sync', { access_token: accessToken, count: 500 }, 'TransactionsSyncResponse');
    await expectOk('/transactions/sync', { access_token: accessToken, cursor: first.next_cursor }, 'TransactionsSyncResponse');
    await new Promise((resolve) => setImmediate(resolve));
    expect(announced()).toHaveLength(1);
    expect(JSON.parse(announced()[0]!)).toMatchObject({ initial_update_complete: true, historical_update_complete: true });
    expectWebhooksValid();
  });

  it('/item/remove, after which the item is not found', async () => {
    const { accessToken } = await linkedItem();
    await expectOk('/item/remove', { access_token: accessToken }, 'ItemRemoveResponse');
    await expectError('/item/remove', { access_token: accessToken }, 'ITEM_NOT_FOUND');
    await expectError('/accounts/get', { access_token: accessToken }, 'ITEM_NOT_FOUND');
    await expectError('/item/remove', { access_token: 'access-sandbox-00000000-0000-4000-8000-000000000000' }, 'INVALID_ACCESS_TOKEN');
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

describe.skipIf(!present)('what CashView’s client sends, against Plaid’s OpenAPI document', () => {
  it('every request body satisfies its endpoint’s request schema; a removal repeated is done, not an error', async () => {
    const client = new PlaidClient({ mode: 'simulated', basePath: sim.url, clientId: SIMULATOR_CLIENT_ID, secret: SIMULATOR_SECRET, timeoutMs: 10_000, syncPageSize: 100 });
    requests.length = 0;
    const ref = { key: 'contract', institutionId: 'ins_109511' };
    await client.createLinkToken({ userId: 'u-1', webhook: 'https://cashview.test/api/plaid/webhook' });
    const publicToken = await client.createSandboxPublicToken({ institutionId: 'ins_109511', username: 'user_good', password: 'pass_good', webhook: 'https://cashview.example.com/api/plaid/webhook' });
    const { accessToken } = await client.exchangePublicToken(publicToken);
    await client.createLinkToken({ userId: 'u-1', accessToken });
    await client.getItem(accessToken, ref);
    await client.getInstitution('ins_109511');
    await client.getAccounts(accessToken, ref);
    await client.getBalances(accessToken, ref);
    let cursor: string | null = null;
    for (let page = 0; page < 50; page++) {
      const result = await client.syncTransactions(accessToken, ref, cursor);
      cursor = result.nextCursor;
      if (!result.hasMore) break;
    }
    await client.getWebhookKey(sim.signer.kid);
    await client.sandboxFireWebhook(accessToken, 'DEFAULT_UPDATE');
    await client.sandboxResetLogin(accessToken);
    await client.removeItem(accessToken, ref);
    await client.removeItem(accessToken, ref); // ITEM_NOT_FOUND now: already done
    const paths = new Set(requests.map((r) => r.path));
    expect([...paths].sort()).toEqual(
      ['/accounts/balance/get', '/accounts/get', '/institutions/get_by_id', '/item/get', '/item/public_token/exchange', '/item/remove', '/link/token/create', '/sandbox/item/fire_webhook', '/sandbox/item/reset_login', '/sandbox/public_token/create', '/transactions/sync', '/webhook_verification_key/get'].sort(),
    );
    for (const { path, body } of requests) {
      const pointer = `/paths/${path.replaceAll('/', '~1')}/post/requestBody/content/application~1json/schema`;
      expect(validate(pointer, body), `${path} ${JSON.stringify(body)}`).toEqual([]);
    }
    expectWebhooksValid();
  });
});
