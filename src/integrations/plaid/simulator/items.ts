import crypto from 'node:crypto';
import { simError } from './errors.js';
import { ACCOUNTS, findInstitution, type AccountTemplate } from './fixtures.js';
import { generateHistory, isoDay, transactionId, type SimTransaction } from './history.js';

export interface SimAccount extends AccountTemplate {
  accountId: string;
}

type Change = { seq: number } & ({ kind: 'added' | 'modified'; txn: SimTransaction } | { kind: 'removed'; id: string; accountId: string });

export interface SimItem {
  itemId: string;
  accessToken: string;
  institutionId: string;
  webhook: string | null;
  state: 'good' | 'login_required' | 'removed';
  createdAt: number;
  accounts: SimAccount[];
  changes: Change[];
  live: Map<string, SimTransaction>;
}

/** What is kept of an item across restarts; the rest is rebuilt from it. */
export type ItemRecord = Pick<SimItem, 'itemId' | 'accessToken' | 'institutionId' | 'webhook' | 'state' | 'createdAt'>;

interface PublicToken {
  institutionId: string;
  webhook: string | null;
  createdAt: number;
}

const uuid = () => crypto.randomUUID();
const PUBLIC_TOKEN_TTL_MS = 30 * 60_000;

/**
 * The simulated Plaid's memory: public tokens, items and each item's transaction change log
 * (the source of /transactions/sync pages and cursors).
 */
export class ItemStore {
  private publicTokens = new Map<string, PublicToken>();
  private byToken = new Map<string, SimItem>();
  private byId = new Map<string, SimItem>();
  /** Cursors handed out with has_more: true, for mutation-during-pagination. */
  midPagination = new Set<string>();

  constructor(private now: () => number) {}

  createPublicToken(institutionId: string, webhook: string | null): string {
    if (!findInstitution(institutionId)) throw simError('INVALID_INSTITUTION');
    const token = `public-sandbox-${uuid()}`;
    this.publicTokens.set(token, { institutionId, webhook, createdAt: this.now() });
    return token;
  }

  exchange(publicToken: string): SimItem {
    const entry = this.publicTokens.get(publicToken);
    if (!entry || this.now() - entry.createdAt > PUBLIC_TOKEN_TTL_MS) throw simError('INVALID_PUBLIC_TOKEN');
    this.publicTokens.delete(publicToken);
    return this.restore({
      itemId: crypto.randomBytes(27).toString('base64url').replace(/[-_]/g, 'q').slice(0, 37),
      accessToken: `access-sandbox-${uuid()}`,
      institutionId: entry.institutionId,
      webhook: entry.webhook,
      state: 'good',
      createdAt: this.now(),
    });
  }

  /**
   * Builds an item and its history; the same record always gives the same accounts and
   * transactions. Benchmarks that create thousands of items may skip the history.
   */
  restore(record: ItemRecord, options: { history?: boolean } = {}): SimItem {
    const { itemId } = record;
    const item: SimItem = {
      ...record,
      accounts: ACCOUNTS.map((template) => ({ ...template, accountId: transactionId(`${itemId}:account:${template.mask}`) })),
      changes: [],
      live: new Map(),
    };
    const today = new Date(record.createdAt);
    for (const account of options.history === false ? [] : item.accounts) {
      const seed = `${record.institutionId}:${account.mask}`;
      for (const txn of generateHistory({ itemId, accountId: account.accountId, seed, type: account.type, subtype: account.subtype, today })) {
        this.record(item, 'added', txn);
      }
    }
    this.byToken.set(item.accessToken, item);
    this.byId.set(itemId, item);
    return item;
  }

  records(): ItemRecord[] {
    return this.allItems().map(({ itemId, accessToken, institutionId, webhook, state, createdAt }) => ({ itemId, accessToken, institutionId, webhook, state, createdAt }));
  }

  /** The item behind an access token: INVALID_ACCESS_TOKEN if never issued, ITEM_NOT_FOUND once removed (as Plaid answers). */
  item(accessToken: unknown): SimItem {
    const item = typeof accessToken === 'string' ? this.byToken.get(accessToken) : undefined;
    if (!item) throw simError('INVALID_ACCESS_TOKEN');
    if (item.state === 'removed') throw simError('ITEM_NOT_FOUND');
    return item;
  }

  /** As `item`, but a login-required item refuses data calls as Plaid does. */
  usableItem(accessToken: unknown): SimItem {
    const item = this.item(accessToken);
    if (item.state === 'login_required') throw simError('ITEM_LOGIN_REQUIRED');
    return item;
  }

  itemById(itemId: string): SimItem | undefined {
    return this.byId.get(itemId);
  }

  allItems(): SimItem[] {
    return [...this.byId.values()];
  }

  record(item: SimItem, kind: 'added' | 'modified', txn: SimTransaction): void {
    item.live.set(txn.transaction_id, txn);
    item.changes.push({ seq: item.changes.length + 1, kind, txn });
  }

  removeTxn(item: SimItem, id: string): void {
    const txn = item.live.get(id);
    if (!txn) return;
    item.live.delete(id);
    item.changes.push({ seq: item.changes.length + 1, kind: 'removed', id, accountId: txn.account_id });
  }

  /** Pending transactions post: each pending id is removed and a posted one points back to it. */
  postPending(item: SimItem): number {
    const pending = [...item.live.values()].filter((txn) => txn.pending);
    for (const txn of pending) {
      this.removeTxn(item, txn.transaction_id);
      this.record(item, 'added', {
        ...txn,
        transaction_id: transactionId(`${txn.transaction_id}:posted`),
        pending: false,
        pending_transaction_id: txn.transaction_id,
        date: isoDay(new Date(this.now())),
      });
    }
    return pending.length;
  }

  /** Adds one new transaction to an account (tests and benchmarks use it for fresh spending). */
  addTransaction(item: SimItem, accountId: string, fields: Partial<SimTransaction> & { amount: number }): SimTransaction {
    const date = fields.date ?? isoDay(new Date(this.now()));
    const txn: SimTransaction = {
      transaction_id: transactionId(`${item.itemId}:extra:${item.changes.length}`),
      account_id: accountId,
      iso_currency_code: 'USD',
      date,
      authorized_date: date,
      pending: false,
      pending_transaction_id: null,
      name: 'Corner Store',
      merchant_name: 'Corner Store',
      category: ['Shops'],
      primary: 'GENERAL_MERCHANDISE',
      detailed: 'GENERAL_MERCHANDISE_OTHER_GENERAL_MERCHANDISE',
      channel: 'in store',
      ...fields,
    };
    this.record(item, 'added', txn);
    return txn;
  }

  changesAfter(item: SimItem, seq: number, count: number) {
    const page = item.changes.slice(seq, seq + count);
    return { page, last: seq + page.length, hasMore: seq + page.length < item.changes.length };
  }
}

export const encodeCursor = (itemId: string, seq: number) => Buffer.from(`${itemId}:${seq}`).toString('base64url');

export function decodeCursor(cursor: string, itemId: string): number {
  const [id, seq] = Buffer.from(cursor, 'base64url').toString().split(':');
  const value = Number(seq);
  if (id !== itemId || !Number.isInteger(value) || value < 0) throw simError('INVALID_FIELD', 'cursor is not valid for this item');
  return value;
}
