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
 * number of instances a change made anywhere is never served stale.
 */
export class DashboardCache {
  readonly #entries = new BoundedMap<string, { key: string; json: string }>(1_000);

  get(userId: string, key: string): string | undefined {
    const hit = this.#entries.get(userId);
    return hit?.key === key ? hit.json : undefined;
  }

  set(userId: string, key: string, json: string): void {
    this.#entries.delete(userId);
    this.#entries.set(userId, { key, json });
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
