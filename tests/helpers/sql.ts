import type { SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Database, Db } from '../../src/db/client.js';
import * as schema from '../../src/db/schema/index.js';

/** Raw rows of a query. */
export async function rowsOf(db: Db, query: SQL): Promise<Record<string, unknown>[]> {
  const result = (await db.execute(query)) as unknown as { rows: Record<string, unknown>[] };
  return result.rows;
}

/** A second Drizzle handle on the same connection that counts the statements it sends. */
export function countingDb(database: Database): { db: Db; statements: () => number } {
  let count = 0;
  const logger = { logQuery: () => void count++ };
  const db = drizzle(database.pool, { schema, logger }) as unknown as Db;
  return { db, statements: () => count };
}
