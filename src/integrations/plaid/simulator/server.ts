import fs from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import { requestId, SimError, simError } from './errors.js';
import { checkFields } from './fields.js';
import { FIREABLE, webhookFor } from './webhooks.js';
import { findInstitution, INSTITUTIONS, logoPng } from './fixtures.js';
import { decodeCursor, encodeCursor, ItemStore, type ItemRecord, type SimItem } from './items.js';
import { Switches } from './switches.js';
import { deliverOverHttp, WebhookSigner, type WebhookDelivery } from './webhook-signer.js';
import { accountWire, itemWire, transactionWire } from './wire.js';

export const SIMULATOR_CLIENT_ID = 'cashview-simulated-client';
export const SIMULATOR_SECRET = 'cashview-simulated-secret';

export interface SimulatorOptions {
  clientId?: string;
  secret?: string;
  now?: () => number;
  deliverWebhook?: WebhookDelivery;
  latencyMs?: number;
  /** Keeps items across restarts (npm start's simulated Plaid keeps the demo's bank this way). */
  stateFile?: string;
  /** Sees every request body as it arrives (contract tests check what CashView sends). */
  onRequest?: (path: string, body: Record<string, unknown>) => void;
}

type Body = Record<string, unknown>;
const STATEFUL = new Set(['/item/public_token/exchange', '/item/remove', '/sandbox/item/reset_login', '/sandbox/item/repair_login']);
type Handler = (body: Body) => Promise<object> | object;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const str = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || value === '') throw simError('INVALID_FIELD', `${field} must be a non-empty string`);
  return value;
};

/**
 * The simulated Plaid sandbox: a real HTTP server speaking Plaid's API (version 2020-09-14) for
 * the sandbox institutions, credentials, accounts and transactions of plaid.md, with switches for
 * latency, injected errors, per-item rate limits and mutations during pagination.
 */
export class PlaidSimulator {
  readonly switches = new Switches();
  readonly items: ItemStore;
  readonly signer: WebhookSigner;
  readonly app: FastifyInstance;
  readonly now: () => number;
  deliverWebhook: WebhookDelivery;
  private readonly onRequest?: (path: string, body: Record<string, unknown>) => void;
  url = '';
  private readonly clientId: string;
  private readonly secret: string;

  constructor(options: SimulatorOptions = {}) {
    this.now = options.now ?? Date.now;
    this.clientId = options.clientId ?? SIMULATOR_CLIENT_ID;
    this.secret = options.secret ?? SIMULATOR_SECRET;
    this.items = new ItemStore(this.now);
    this.signer = new WebhookSigner(this.now);
    this.deliverWebhook = options.deliverWebhook ?? deliverOverHttp;
    this.onRequest = options.onRequest;
    if (options.latencyMs) this.switches.setLatency('*', options.latencyMs);
    this.stateFile = options.stateFile;
    if (this.stateFile && fs.existsSync(this.stateFile)) {
      for (const record of JSON.parse(fs.readFileSync(this.stateFile, 'utf8')) as ItemRecord[]) this.items.restore(record);
    }
    this.app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
    this.app.addHook('onResponse', async (request) => {
      if (this.stateFile && STATEFUL.has(request.url)) this.save();
    });
    this.routes();
    // Like Plaid: a path it does not serve answers a Plaid error, not the framework's own body.
    this.app.setNotFoundHandler(async (_request, reply) => {
      const error = simError('NOT_FOUND', 'the requested endpoint does not exist or is not served by the simulated Plaid');
      return reply.status(error.status).send(error.body());
    });
  }

  private readonly stateFile?: string;

  private save() {
    const temporary = `${this.stateFile}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(this.items.records()), { mode: 0o600 });
    fs.renameSync(temporary, this.stateFile!);
  }

  static async start(options: SimulatorOptions & { host?: string; port?: number } = {}): Promise<PlaidSimulator> {
    const simulator = new PlaidSimulator(options);
    await simulator.listen(options.host ?? '127.0.0.1', options.port ?? 0);
    return simulator;
  }

  async listen(host: string, port: number): Promise<string> {
    this.url = await this.app.listen({ host, port });
    return this.url;
  }

  close(): Promise<void> {
    return this.app.close();
  }

  private endpoint(path: string, handler: Handler) {
    this.app.post(path, async (request, reply) => {
      const body = (request.body ?? {}) as Body;
      this.onRequest?.(path, body);
      const latency = this.switches.latencyFor(path);
      if (latency > 0) await sleep(latency);
      try {
        const clientId = request.headers['plaid-client-id'] ?? body.client_id;
        const secret = request.headers['plaid-secret'] ?? body.secret;
        if (clientId !== this.clientId || secret !== this.secret) throw simError('INVALID_API_KEYS');
        checkFields(path, body);
        const injected = this.switches.takeFailure(path);
        if (injected) throw injected;
        return { ...(await handler(body)), request_id: requestId() };
      } catch (error) {
        if (!(error instanceof SimError)) throw error;
        return reply.status(error.status).send(error.body());
      }
    });
  }

  private count(path: string, item: SimItem) {
    const limited = this.switches.countCall(path, item.itemId, this.now());
    if (limited) throw limited;
  }

  /** The sandbox's credentials (plaid.md): user_good / pass_good, or error_<CODE> as the password. */
  private signIn(institutionId: string, username: string, password: string, webhook: string | null): string {
    if (!findInstitution(institutionId)) throw simError('INVALID_INSTITUTION');
    if (password.startsWith('error_')) throw simError(password.slice('error_'.length));
    if (username !== 'user_good' || password !== 'pass_good') throw simError('INVALID_CREDENTIALS');
    return this.items.createPublicToken(institutionId, webhook);
  }

  private readonly announced = new Set<string>();

  /** As Plaid does once an item's first pull is done: SYNC_UPDATES_AVAILABLE, sent after this answer. */
  private announceReady(item: SimItem) {
    if (this.announced.has(item.itemId)) return;
    this.announced.add(item.itemId);
    setImmediate(() => {
      const { type, extra } = webhookFor(item, 'SYNC_UPDATES_AVAILABLE', this.now())!;
      void this.fireWebhook(item, type, 'SYNC_UPDATES_AVAILABLE', extra).catch(() => false);
    });
  }

  /** Sends a webhook to the item's URL, signed as Plaid signs them. */
  async fireWebhook(item: SimItem, type: string, code: string, extra: object = {}): Promise<boolean> {
    if (!item.webhook) return false;
    const body = JSON.stringify({ webhook_type: type, webhook_code: code, item_id: item.itemId, environment: 'sandbox', ...extra });
    await this.deliverWebhook(item.webhook, body, { 'plaid-verification': this.signer.sign(body) });
    return true;
  }

  private routes() {
    this.endpoint('/link/token/create', (body) => {
      const user = body.user as { client_user_id?: unknown } | undefined;
      str(user?.client_user_id, 'user.client_user_id');
      if (str(body.client_name, 'client_name').length > 30) throw simError('INVALID_FIELD', 'client_name must be at most 30 characters');
      if (!Array.isArray(body.country_codes) || body.country_codes.length === 0) throw simError('INVALID_FIELD', 'country_codes is required');
      const updateMode = typeof body.access_token === 'string';
      if (updateMode) this.items.item(body.access_token);
      else if (!Array.isArray(body.products) || body.products.length === 0) throw simError('INVALID_FIELD', 'products is required');
      const ttl = updateMode ? 30 * 60_000 : 4 * 60 * 60_000;
      return { link_token: `link-sandbox-${crypto.randomUUID()}`, expiration: new Date(this.now() + ttl).toISOString().replace(/\.\d{3}Z$/, 'Z') };
    });

    this.endpoint('/sandbox/public_token/create', (body) => {
      const institutionId = str(body.institution_id, 'institution_id');
      const options = (body.options ?? {}) as Record<string, unknown>;
      const username = (options.override_username as string | undefined) ?? 'user_good';
      const password = (options.override_password as string | undefined) ?? 'pass_good';
      // Plaid's sandbox asks for a device code only inside Link: this endpoint has no field for one.
      if (username === 'mfa_device') throw simError('INVALID_MFA', 'mfa_device needs its code in Link; use user_good here');
      return { public_token: this.signIn(institutionId, username, password, (options.webhook as string | undefined) ?? null) };
    });

    // Not part of Plaid's API: what completing Plaid Link does (credentials, then a device code when
    // the bank asks for one), for CashView's own connect dialog in simulated mode.
    this.endpoint('/sim/link/public_token', (body) => {
      const institutionId = str(body.institution_id, 'institution_id');
      const username = str(body.username, 'username');
      const password = str(body.password, 'password');
      if (username === 'mfa_device' && body.mfa_code !== '1234') {
        if (password !== 'pass_good') throw simError('INVALID_CREDENTIALS');
        throw simError('INVALID_MFA', body.mfa_code === undefined ? 'the institution requires a code from the user\'s device' : undefined);
      }
      return { public_token: this.signIn(institutionId, username === 'mfa_device' ? 'user_good' : username, password, typeof body.webhook === 'string' ? body.webhook : null) };
    });

    this.endpoint('/item/public_token/exchange', (body) => {
      const item = this.items.exchange(str(body.public_token, 'public_token'));
      return { access_token: item.accessToken, item_id: item.itemId };
    });

    this.endpoint('/item/get', (body) => {
      const item = this.items.item(body.access_token);
      this.count('/item/get', item);
      const updated = new Date(item.createdAt).toISOString();
      return {
        item: itemWire(item),
        status: { investments: null, transactions: { last_successful_update: updated, last_failed_update: null }, last_webhook: null },
      };
    });

    this.endpoint('/institutions/get_by_id', (body) => {
      const institution = findInstitution(str(body.institution_id, 'institution_id'));
      if (!institution) throw simError('INVALID_INSTITUTION');
      const full = (body.options as { include_optional_metadata?: boolean } | undefined)?.include_optional_metadata === true;
      return {
        institution: {
          institution_id: institution.id,
          name: institution.name,
          products: ['assets', 'auth', 'balance', 'transactions', 'identity'],
          country_codes: [institution.country],
          url: full ? institution.url : null,
          primary_color: full ? institution.color : null,
          logo: full ? logoPng(institution.color) : null,
          routing_numbers: [],
          dtc_numbers: [],
          oauth: false,
          status: null,
        },
      };
    });

    for (const path of ['/accounts/get', '/accounts/balance/get']) {
      this.endpoint(path, (body) => {
        const item = this.items.usableItem(body.access_token);
        this.count(path, item);
        const wanted = (body.options as { account_ids?: string[] } | undefined)?.account_ids;
        const accounts = item.accounts.filter((account) => !wanted || wanted.includes(account.accountId));
        return { accounts: accounts.map((account) => accountWire(account)), item: itemWire(item) };
      });
    }

    this.endpoint('/transactions/sync', (body) => {
      const item = this.items.usableItem(body.access_token);
      this.count('/transactions/sync', item);
      const count = body.count === undefined ? 100 : Number(body.count);
      if (!Number.isInteger(count) || count < 1 || count > 500) throw simError('INVALID_FIELD', 'count must be between 1 and 500');
      const empty = { accounts: [], added: [], modified: [], removed: [], has_more: false };
      if (this.now() - item.createdAt < this.switches.transactionsReadyAfterMs) {
        return { ...empty, next_cursor: '', transactions_update_status: 'NOT_READY' };
      }
      const cursor = typeof body.cursor === 'string' && body.cursor !== '' ? body.cursor : null;
      if (cursor && this.items.midPagination.has(cursor) && this.switches.mutationsDuringPagination > 0) {
        this.switches.mutationsDuringPagination--;
        throw simError('TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION');
      }
      if (!cursor) this.announceReady(item);
      const { page, last, hasMore } = this.items.changesAfter(item, cursor ? decodeCursor(cursor, item.itemId) : 0, count);
      const next = encodeCursor(item.itemId, last);
      if (hasMore) this.items.midPagination.add(next);
      const touched = new Set(page.map((change) => (change.kind === 'removed' ? change.accountId : change.txn.account_id)));
      return {
        accounts: item.accounts.filter((account) => touched.has(account.accountId)).map((account) => accountWire(account)),
        added: page.flatMap((c) => (c.kind === 'added' ? [transactionWire(c.txn)] : [])),
        modified: page.flatMap((c) => (c.kind === 'modified' ? [transactionWire(c.txn)] : [])),
        removed: page.flatMap((c) => (c.kind === 'removed' ? [{ transaction_id: c.id, account_id: c.accountId }] : [])),
        next_cursor: next,
        has_more: hasMore,
        transactions_update_status: 'HISTORICAL_UPDATE_COMPLETE',
      };
    });

    this.endpoint('/item/remove', (body) => {
      const item = this.items.item(body.access_token);
      this.count('/item/remove', item);
      item.state = 'removed';
      return {};
    });

    this.endpoint('/sandbox/item/reset_login', async (body) => {
      const item = this.items.item(body.access_token);
      item.state = 'login_required';
      await this.fireWebhook(item, 'ITEM', 'ERROR', { error: simError('ITEM_LOGIN_REQUIRED').body() }).catch(() => false);
      return { reset_login: true };
    });

    // Not part of Plaid's API: what completing Link in update mode does, for CashView's simulated dialog.
    this.endpoint('/sandbox/item/repair_login', async (body) => {
      const item = this.items.item(body.access_token);
      const options = (body.options ?? {}) as Record<string, unknown>;
      if (options.override_username !== 'user_good' || options.override_password !== 'pass_good') throw simError('INVALID_CREDENTIALS');
      item.state = 'good';
      await this.fireWebhook(item, 'ITEM', 'LOGIN_REPAIRED').catch(() => false);
      return { repaired: true };
    });

    this.endpoint('/sandbox/item/fire_webhook', async (body) => {
      const item = this.items.item(body.access_token);
      const code = str(body.webhook_code, 'webhook_code');
      const hook = webhookFor(item, code, this.now());
      if (!hook) throw simError('INVALID_FIELD', `webhook_code ${code} is not one the sandbox can fire: use one of ${FIREABLE.join(', ')}`);
      if (code === 'SYNC_UPDATES_AVAILABLE') this.items.postPending(item);
      return { webhook_fired: await this.fireWebhook(item, hook.type, code, hook.extra) };
    });

    this.endpoint('/webhook_verification_key/get', (body) => {
      if (str(body.key_id, 'key_id') !== this.signer.kid) throw simError('INVALID_FIELD', 'key_id not found');
      return { key: this.signer.jwk() };
    });

    this.app.get('/sim/institutions', async () => INSTITUTIONS.map(({ id, name }) => ({ id, name })));
  }
}
