import type { Database } from '../db/client.js';
import { listenForUserChanges } from '../db/change-feed.js';
import type { SessionRow, UserRow } from '../db/schema/index.js';

export interface SessionWithUser {
  session: SessionRow;
  user: UserRow;
}

/** Keeps at most `max` entries, dropping the oldest written first. */
class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly max: number) {
    super();
  }
  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.max) this.delete(this.keys().next().value as K);
    return super.set(key, value);
  }
}

/**
 * Sessions with their person, by the hash of the cookie's id, for the instance that owns its
 * database (the embedded one). Every change to a person's users or sessions row (sign-out, a
 * password change, a profile edit) clears that person's entries before the writer goes on
 * (src/db/change-feed.ts); a change to their banking data only moves the entries' data version.
 * A lookup that started before a change may have read the old row: `mark()` taken before the read
 * makes `set()` refuse such a result.
 */
export class SessionCache {
  readonly #entries = new BoundedMap<string, SessionWithUser>(10_000);
  readonly #byUser = new Map<string, Set<string>>();
  #changes = 0;

  mark(): number {
    return this.#changes;
  }

  get(idHash: string): SessionWithUser | undefined {
    return this.#entries.get(idHash);
  }

  set(idHash: string, found: SessionWithUser, mark: number): void {
    if (mark !== this.#changes) return;
    this.#entries.set(idHash, found);
    const hashes = this.#byUser.get(found.user.id) ?? new Set<string>();
    hashes.add(idHash);
    this.#byUser.set(found.user.id, hashes);
  }

  userChanged(userId: string): void {
    this.#changes++;
    for (const idHash of this.#byUser.get(userId) ?? []) this.#entries.delete(idHash);
    this.#byUser.delete(userId);
  }

  /** Only the person's banking data changed: their sessions stay, carrying the new data version. */
  dataChanged(userId: string, dataVersion: number): void {
    this.#changes++;
    for (const idHash of this.#byUser.get(userId) ?? []) {
      const found = this.#entries.get(idHash);
      if (found) this.#entries.set(idHash, { session: found.session, user: { ...found.user, dataVersion: Math.max(found.user.dataVersion, dataVersion) } });
    }
  }
}

/**
 * The dashboard's serialised answer per person, valid for one key (their data version, local day
 * and time zone): the version comes from the same row as the session, so on any database and any
 * number of instances a change made anywhere is never served stale. Bounded by the bytes it holds
 * (a person with 60 accounts weighs far more than one with 3), oldest written dropped first; and
 * however many readers ask for the same (person, key) while it is computed, it is computed once.
 */
export class DashboardCache {
  readonly #entries = new Map<string, { key: string; json: string }>();
  readonly #inFlight = new Map<string, Promise<string>>();
  #chars = 0;

  constructor(private readonly maxChars = 32 * 1024 * 1024) {}

  get(userId: string, key: string): string | undefined {
    const hit = this.#entries.get(userId);
    return hit?.key === key ? hit.json : undefined;
  }

  set(userId: string, key: string, json: string): void {
    this.#drop(userId);
    if (json.length > this.maxChars) return;
    this.#entries.set(userId, { key, json });
    this.#chars += json.length;
    for (const [oldest] of this.#entries) {
      if (this.#chars <= this.maxChars) break;
      this.#drop(oldest);
    }
  }

  /** The cached answer, or the one being computed for this key, or a new computation shared by all who ask meanwhile. */
  getOrCompute(userId: string, key: string, compute: () => Promise<string>): Promise<string> {
    const hit = this.get(userId, key);
    if (hit !== undefined) return Promise.resolve(hit);
    const flightKey = `${userId}|${key}`;
    const running = this.#inFlight.get(flightKey);
    if (running) return running;
    const started = compute().then(
      (json) => {
        this.#inFlight.delete(flightKey);
        this.set(userId, key, json);
        return json;
      },
      (error: unknown) => {
        this.#inFlight.delete(flightKey);
        throw error;
      },
    );
    this.#inFlight.set(flightKey, started);
    return started;
  }

  /** What the cache holds now, for tests and the benchmark. */
  get size() {
    return { entries: this.#entries.size, chars: this.#chars };
  }

  #drop(userId: string) {
    const entry = this.#entries.get(userId);
    if (!entry) return;
    this.#chars -= entry.json.length;
    this.#entries.delete(userId);
  }
}

export interface ReadCaches {
  /** Null where other processes write to the same database (Postgres): sessions are read every time. */
  sessions: SessionCache | null;
  dashboards: DashboardCache;
  close(): Promise<void>;
}

export async function openReadCaches(database: Database): Promise<ReadCaches> {
  const sessions = new SessionCache();
  const stop = await listenForUserChanges(database, (change) =>
    change.kind === 'data' ? sessions.dataChanged(change.userId, change.dataVersion) : sessions.userChanged(change.userId),
  );
  return {
    sessions: stop ? sessions : null,
    dashboards: new DashboardCache(),
    close: async () => {
      await stop?.().catch(() => undefined);
    },
  };
}
