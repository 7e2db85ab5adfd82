import type { Database } from './client.js';

/** Channel the triggers of migration 0003 notify on when a person's profile, sessions or data change. */
const CHANNEL = 'cashview_user_changes';

/** A person's profile or sessions changed; or only their banking data, now at `dataVersion`. */
export type UserChange = { kind: 'user'; userId: string } | { kind: 'data'; userId: string; dataVersion: number };

function parseUserChange(payload: string): UserChange | null {
  const [kind, userId, version] = payload.split(' ');
  if (!userId) return null;
  if (kind === 'data' && version !== undefined) return { kind, userId, dataVersion: Number(version) };
  return { kind: 'user', userId };
}

/**
 * Calls `listener` after every committed change to a person's users or sessions row. Only on the
 * embedded database, where this process is the only one writing (the data directory lock) and
 * PGlite delivers the notice before the writing statement's promise settles, so a cache cleared by
 * it is never read stale, not even by the next line of the writer. On Postgres other instances
 * write too and a notice arrives after the fact: null, cache nothing.
 */
export async function listenForUserChanges(database: Database, listener: (change: UserChange) => void): Promise<(() => Promise<void>) | null> {
  if (database.kind !== 'pglite' || !database.pglite) return null;
  return database.pglite.listen(CHANNEL, (payload) => {
    const change = parseUserChange(payload);
    if (change) listener(change);
  });
}
