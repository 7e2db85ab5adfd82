import type { Database } from './client.js';

/** Channel the triggers of migration 0003 notify with a person's id when their profile or sessions change. */
const CHANNEL = 'cashview_user_changes';

/**
 * Calls `listener` with the person's id after every committed change to their users or sessions
 * row. Only on the embedded database, where this process is the only one writing (the data
 * directory lock) and PGlite delivers the notice before the writing statement's promise settles,
 * so a cache cleared by it is never read stale, not even by the next line of the writer. On
 * Postgres other instances write too and a notice arrives after the fact: null, cache nothing.
 */
export async function listenForUserChanges(database: Database, listener: (userId: string) => void): Promise<(() => Promise<void>) | null> {
  if (database.kind !== 'pglite' || !database.pglite) return null;
  return database.pglite.listen(CHANNEL, listener);
}
