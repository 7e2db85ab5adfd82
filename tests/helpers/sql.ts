import type { SQL } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';

/** Raw rows of a query, whichever driver (PGlite or pg) is behind the database. */
export async function rowsOf(db: Db, query: SQL): Promise<Record<string, unknown>[]> {
  const result = (await db.execute(query)) as unknown as { rows: Record<string, unknown>[] };
  return result.rows;
}
