import type { AccountBase, CountryCode, PlaidApi, Products, RemovedTransaction, Transaction } from 'plaid';
import { jitteredMs } from '../../domain/backoff.js';
import { PlaidApiError, ruleFor, toPlaidError } from './errors.js';
import { InstitutionCircuits } from './circuit-breaker.js';
import { ItemRateLimiter } from './rate-limiter.js';

export type PlaidMode = 'simulated' | 'sandbox' | 'production';

export interface PlaidClientOptions {
  mode: PlaidMode;
  clientId: string;
  secret: string;
  /** The simulator's address in simulated mode. */
  basePath?: string;
  timeoutMs?: number;
  /** Attempts per call for retryable failures (backoff with full jitter between them). */
  attempts?: number;
  limiter?: ItemRateLimiter;
  circuits?: InstitutionCircuits;
  /** Transactions per /transactions/sync page (Plaid allows up to 500). */
  syncPageSize?: number;
}

/** The item a call is about: its per-item rate limits, and its institution's circuit when known. */
export interface ItemRef {
  key: string;
  institutionId: string | null;
}

export interface SyncPage {
  added: Transaction[];
  modified: Transaction[];
  removed: RemovedTransaction[];
  nextCursor: string;
  hasMore: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Full jitter (AWS architecture blog): a random wait up to the exponential step. */

/**
 * CashView's only door to Plaid: the official SDK with a timeout, Plaid's per-item limits
 * respected, short retries for transient failures, and every failure turned into PlaidApiError.
 * Access tokens go in request bodies only; nothing here logs.
 */
// The SDK's enum values and hosts, without loading the SDK to read them.
const US = 'US' as CountryCode;
const CA = 'CA' as CountryCode;
const TRANSACTIONS = 'transactions' as Products;
const PLAID_HOSTS = { sandbox: 'https://sandbox.plaid.com', production: 'https://production.plaid.com' };

export class PlaidClient {
  readonly mode: PlaidMode;
  #api: Promise<PlaidApi> | undefined;
  private readonly attempts: number;
  private readonly limiter: ItemRateLimiter;
  readonly circuits: InstitutionCircuits;
  private readonly basePath: string;

  constructor(private options: PlaidClientOptions) {
    this.mode = options.mode;
    this.basePath = options.mode === 'simulated' ? options.basePath! : PLAID_HOSTS[options.mode];
    this.attempts = options.attempts ?? 3;
    this.limiter = options.limiter ?? new ItemRateLimiter();
    this.circuits = options.circuits ?? new InstitutionCircuits();
  }

  /**
   * The SDK, loaded at the first call: its generated client is the largest thing CashView would
   * otherwise load at start (decision 016), and a process that never calls Plaid never loads it.
   */
  private sdk(): Promise<PlaidApi> {
    this.#api ??= import('plaid').then(
      ({ Configuration, PlaidApi }) =>
        new PlaidApi(
          new Configuration({
            basePath: this.basePath,
            baseOptions: {
              timeout: this.options.timeoutMs ?? 30_000,
              headers: { 'PLAID-CLIENT-ID': this.options.clientId, 'PLAID-SECRET': this.options.secret },
            },
          }),
        ),
    );
    return this.#api;
  }

  private async call<T>(endpoint: string, item: ItemRef | null, request: (api: PlaidApi) => Promise<{ data: T }>): Promise<T> {
    const api = await this.sdk();
    const institution = item?.institutionId ?? null;
    for (let attempt = 0; ; attempt++) {
      if (institution) this.circuits.admit(institution);
      if (item) await this.limiter.acquire(item.key, endpoint);
      try {
        const { data } = await request(api);
        if (institution) this.circuits.record(institution, null);
        return data;
      } catch (error) {
        const failure = toPlaidError(error);
        if (institution) this.circuits.record(institution, failure);
        // Only brief failures are tried again here; the rest wait for the job queue (errors.ts).
        if (ruleFor(failure.code).retry !== 'quick' || attempt + 1 >= this.attempts) throw failure;
        await sleep(jitteredMs(attempt, 250, 4_000));
      }
    }
  }

  async createLinkToken(input: { userId: string; webhook?: string; accessToken?: string }) {
    const data = await this.call('/link/token/create', null, (api) =>
      api.linkTokenCreate({
        client_name: 'CashView',
        language: 'en',
        country_codes: [US, CA],
        user: { client_user_id: input.userId },
        ...(input.accessToken ? { access_token: input.accessToken } : { products: [TRANSACTIONS] }),
        ...(input.webhook && { webhook: input.webhook }),
      }),
    );
    return { linkToken: data.link_token, expiration: data.expiration };
  }

  /** Plaid's sandbox shortcut past Link: only the fields Plaid's document defines (no device code). */
  async createSandboxPublicToken(input: { institutionId: string; username: string; password: string; webhook?: string }) {
    const options = { override_username: input.username, override_password: input.password, ...(input.webhook && { webhook: input.webhook }) };
    const data = await this.call('/sandbox/public_token/create', null, (api) =>
      api.sandboxPublicTokenCreate({ institution_id: input.institutionId, initial_products: [TRANSACTIONS], options }),
    );
    return data.public_token;
  }

  async exchangePublicToken(publicToken: string) {
    const data = await this.call('/item/public_token/exchange', null, (api) => api.itemPublicTokenExchange({ public_token: publicToken }));
    return { accessToken: data.access_token, itemId: data.item_id };
  }

  async getItem(accessToken: string, item: ItemRef) {
    const data = await this.call('/item/get', item, (api) => api.itemGet({ access_token: accessToken }));
    return { institutionId: data.item.institution_id ?? null, errorCode: data.item.error?.error_code ?? null };
  }

  async getInstitution(institutionId: string) {
    const data = await this.call('/institutions/get_by_id', null, (api) =>
      api.institutionsGetById({ institution_id: institutionId, country_codes: [US, CA], options: { include_optional_metadata: true } }),
    );
    const { name, logo, primary_color, url } = data.institution;
    return { name, logo: logo ?? null, primaryColor: primary_color ?? null, url: url ?? null };
  }

  async getAccounts(accessToken: string, item: ItemRef): Promise<AccountBase[]> {
    return (await this.call('/accounts/get', item, (api) => api.accountsGet({ access_token: accessToken }))).accounts;
  }

  async getBalances(accessToken: string, item: ItemRef): Promise<AccountBase[]> {
    return (await this.call('/accounts/balance/get', item, (api) => api.accountsBalanceGet({ access_token: accessToken }))).accounts;
  }

  async syncTransactions(accessToken: string, item: ItemRef, cursor: string | null, count = this.options.syncPageSize ?? 500): Promise<SyncPage> {
    const data = await this.call('/transactions/sync', item, (api) =>
      api.transactionsSync({ access_token: accessToken, count, ...(cursor ? { cursor } : {}) }),
    );
    return { added: data.added, modified: data.modified, removed: data.removed, nextCursor: data.next_cursor, hasMore: data.has_more };
  }

  /** Revokes the item. An item Plaid no longer knows counts as removed. */
  async removeItem(accessToken: string, item: ItemRef): Promise<void> {
    try {
      await this.call('/item/remove', item, (api) => api.itemRemove({ access_token: accessToken }));
    } catch (error) {
      // Already gone: removed before (Plaid answers ITEM_NOT_FOUND), or a token Plaid never knew.
      if (error instanceof PlaidApiError && (error.code === 'ITEM_NOT_FOUND' || error.code === 'INVALID_ACCESS_TOKEN')) return;
      throw error;
    }
  }

  async getWebhookKey(keyId: string) {
    return (await this.call('/webhook_verification_key/get', null, (api) => api.webhookVerificationKeyGet({ key_id: keyId }))).key;
  }

  async sandboxResetLogin(accessToken: string) {
    await this.call('/sandbox/item/reset_login', null, (api) => api.sandboxItemResetLogin({ access_token: accessToken }));
  }

  async sandboxFireWebhook(accessToken: string, code: string) {
    await this.call('/sandbox/item/fire_webhook', null, (api) =>
      api.sandboxItemFireWebhook({ access_token: accessToken, webhook_code: code as never }),
    );
  }

  /**
   * Simulated mode only: what completing Plaid Link does (credentials, and the device code when the
   * bank asks for one). Plaid has no such endpoint (Link runs in the browser), so this one call goes
   * to the simulator directly, as `simulatedRepairLogin` does.
   */
  async simulatedLink(input: { institutionId: string; username: string; password: string; mfaCode?: string; webhook?: string }): Promise<string> {
    const body = { institution_id: input.institutionId, username: input.username, password: input.password, ...(input.mfaCode && { mfa_code: input.mfaCode }), ...(input.webhook && { webhook: input.webhook }) };
    return ((await this.simulatorCall('/sim/link/public_token', body)) as { public_token: string }).public_token;
  }

  /**
   * Simulated mode only: what finishing Link's update mode does. Plaid has no such endpoint (real
   * Link repairs the item in the browser), so this one call goes to the simulator directly.
   */
  async simulatedRepairLogin(accessToken: string, username: string, password: string): Promise<void> {
    await this.simulatorCall('/sandbox/item/repair_login', { access_token: accessToken, options: { override_username: username, override_password: password } });
  }

  private async simulatorCall(path: string, body: object): Promise<unknown> {
    if (this.mode !== 'simulated') throw new PlaidApiError('NOT_SIMULATED', 0, 'INVALID_REQUEST', 'only the simulated Plaid serves this');
    const response = await fetch(`${this.basePath}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'PLAID-CLIENT-ID': this.options.clientId, 'PLAID-SECRET': this.options.secret },
      body: JSON.stringify(body),
    }).catch((error: unknown) => {
      throw toPlaidError(error);
    });
    const data: unknown = await response.json().catch(() => null);
    if (!response.ok) throw toPlaidError({ response: { status: response.status, data } });
    return data;
  }
}
