import type { SessionRow, UserRow } from '../db/schema/index.js';

export interface SessionWithUser {
  session: SessionRow;
  user: UserRow;
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

/**
 * Sessions are not cached (decision 016): on PostgreSQL other processes write too, and a sign-out
 * there must be refused here at once. The session is one indexed read joined with its person, and
 * that read also brings the data version the dashboard cache is keyed by.
 */
export interface ReadCaches {
  dashboards: DashboardCache;
  /** Net worth over time, every day's point, by the same key as the dashboard. */
  histories: DashboardCache;
}

export function openReadCaches(): ReadCaches {
  return { dashboards: new DashboardCache(), histories: new DashboardCache() };
}
